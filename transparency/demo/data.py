"""The demo spending: who was paid, for what, in which activity. Every expense is invented and
marked `is_demo`: fictional suppliers and venues, each named "(demo)", charged to fictional
budget lines (no real institution's budget); the amounts are drawn (seeded) from the ranges
below, with centavos.

Each spec is (category, concept, supplier key, lowest, highest, how many).
"""

SUPPLIERS = {
    "hotel-cdmx": "Hotel y Centro de Convenciones Reforma, S.A. de C.V.",
    "banquetes": "Banquetes La Tradición, S.A. de C.V.",
    "audio": "Audio y Video Profesional del Centro, S.A. de C.V.",
    "viajes": "Viajes Ejecutivos Anáhuac, S.A. de C.V.",
    "autobuses": "Transportes Terrestres del Altiplano, S.A. de C.V.",
    "hospedaje": "Operadora Hotelera Posadas del Sur, S.A. de C.V.",
    "nube": "Servicios en la Nube MX, S.A. de C.V.",
    "dominio": "Registro de Dominios Ficticio, S.A. de C.V.",
    "desarrollo": "Cooperativa de Software Libre Tequio, S.C. de R.L.",
    "diseno": "Diseño Editorial Tlacuilo, S.C.",
    "imprenta": "Impresos Gráficos del Centro, S.A. de C.V.",
    "traduccion": "Traducciones e Intérpretes Malinalli, S.C.",
    "relatoria": "Relatoría y Memoria Técnica Códice, S.C.",
    "consultoria": "Consultoría en Políticas Públicas Ágora, S.C.",
    "metodologia": "Laboratorio de Innovación Cívica Milpa, A.C.",
    "medios": "Comunicación Estratégica Calli, S.A. de C.V.",
    "video": "Producciones Audiovisuales Xochitl, S.A. de C.V.",
    "redes": "Agencia Digital Colibrí, S.A. de C.V.",
    "papeleria": "Papelería y Consumibles Oficina Total, S.A. de C.V.",
    "mensajeria": "Mensajería y Paquetería Express Azteca, S.A. de C.V.",
    "dof": "Derechos de publicación en el diario oficial (proveedor ficticio)",
    "hackerspace": "Espacio Comunitario de Datos La Colmena, A.C.",
    "accesibilidad": "Interpretación en Lengua de Señas Manos que Hablan, S.C.",
    "seguros": "Seguros de Eventos Protege, S.A. de C.V.",
}
SUPPLIERS = {key: f"{name} (demo)" for key, name in SUPPLIERS.items()}

# Venues of the regional forums: (city, state, venue supplier), all fictional.
FORUM_VENUES = [
    (city, state, f"Salones Ficticios de {city}, S.A. de C.V. (demo)")
    for city, state in [
        ("Monterrey", "Nuevo León"),
        ("Guadalajara", "Jalisco"),
        ("Mérida", "Yucatán"),
        ("Oaxaca de Juárez", "Oaxaca"),
        ("Puebla", "Puebla"),
        ("Hermosillo", "Sonora"),
        ("Querétaro", "Querétaro"),
        ("Tuxtla Gutiérrez", "Chiapas"),
    ]
]

# Expenses of each activity (by slug).
ACTIVITY_EXPENSES = {
    "instalacion-del-grupo-impulsor": [
        ("venues", "Renta de salón para la instalación del Grupo Impulsor", "hotel-cdmx", 38000, 52000, 1),
        ("logistics", "Servicio de café y alimentos para la sesión de instalación", "banquetes", 9000, 16000, 1),
        ("logistics", "Equipo de audio, proyección y transmisión en vivo", "audio", 12000, 21000, 1),
        ("communication", "Diseño de identidad gráfica de Abramos México", "diseno", 45000, 68000, 1),
        ("communication", "Boletín de prensa y atención a medios de la instalación", "medios", 14000, 22000, 1),
        ("travel", "Traslado de integrantes del Grupo Impulsor desde las entidades", "viajes", 6500, 14500, 4),
    ],
    "primera-reunion-del-grupo-tecnico": [
        ("venues", "Sala de juntas para la primera reunión del Grupo Técnico", "hotel-cdmx", 9000, 14000, 1),
        ("logistics", "Servicio de café para la reunión del Grupo Técnico", "banquetes", 2800, 5200, 1),
        ("travel", "Boletos de avión de enlaces técnicos de las entidades", "viajes", 4800, 9800, 5),
        ("travel", "Hospedaje de enlaces técnicos (una noche)", "hospedaje", 1800, 3200, 5),
    ],
    "construccion-de-los-documentos-base": [
        ("professional_services", "Redacción del documento de estrategia Abramos México", "consultoria", 85000, 120000, 1),
        ("professional_services", "Diseño de la metodología de construcción participativa", "metodologia", 70000, 95000, 1),
        ("professional_services", "Elaboración de la ruta crítica del proceso", "consultoria", 38000, 52000, 1),
        ("communication", "Diseño editorial de los documentos base", "diseno", 22000, 34000, 2),
        ("technology", "Desarrollo del sitio público de internet (primera etapa)", "desarrollo", 95000, 140000, 2),
        ("other", "Papelería y consumibles para las sesiones de trabajo", "papeleria", 1800, 4600, 3),
    ],
    "creacion-del-grupo-tecnico": [
        ("venues", "Renta de salón para la sesión de creación del Grupo Técnico", "hotel-cdmx", 18000, 26000, 1),
        ("logistics", "Servicio de alimentos para la sesión del Grupo Técnico", "banquetes", 6500, 11000, 1),
        ("travel", "Boletos de avión de enlaces técnicos", "viajes", 4800, 10500, 6),
        ("travel", "Hospedaje de enlaces técnicos (dos noches)", "hospedaje", 3200, 6200, 6),
    ],
    "primer-borrador-de-la-pnda": [
        ("professional_services", "Integración y redacción del primer borrador de la PNDA", "consultoria", 110000, 150000, 1),
        ("professional_services", "Corrección de estilo del primer borrador", "traduccion", 12000, 18000, 1),
        ("communication", "Diseño del documento del primer borrador", "diseno", 18000, 26000, 1),
        ("venues", "Salas para sesiones de trabajo de redacción", "hotel-cdmx", 7500, 12500, 3),
        ("logistics", "Servicio de café para sesiones de redacción", "banquetes", 2400, 4800, 3),
    ],
    "mesas-del-grupo-especializado-conferencia-2022": [
        ("venues", "Salones para las mesas temáticas en la Conferencia Nacional", "hotel-cdmx", 42000, 61000, 2),
        ("logistics", "Alimentos para participantes de las mesas temáticas", "banquetes", 18000, 29000, 2),
        ("logistics", "Audio, video y transmisión de las mesas temáticas", "audio", 16000, 24000, 2),
        ("professional_services", "Relatoría de las mesas de diálogo", "relatoria", 21000, 32000, 3),
        ("professional_services", "Interpretación en lengua de señas mexicana", "accesibilidad", 7500, 11500, 2),
        ("travel", "Boletos de avión de personas expertas invitadas", "viajes", 5200, 11800, 8),
        ("travel", "Hospedaje de personas expertas invitadas", "hospedaje", 2600, 5400, 8),
        ("other", "Seguro de responsabilidad civil del evento", "seguros", 3800, 6200, 1),
    ],
    "segundo-borrador-de-la-pnda": [
        ("professional_services", "Sistematización de aportaciones de las mesas temáticas", "consultoria", 60000, 85000, 1),
        ("professional_services", "Redacción del segundo borrador de la PNDA", "consultoria", 90000, 125000, 1),
        ("communication", "Diseño del documento del segundo borrador", "diseno", 18000, 26000, 1),
        ("technology", "Módulo de borradores y comparación de versiones del sitio", "desarrollo", 85000, 120000, 1),
    ],
    "mesas-semana-nacional-de-transparencia": [
        ("venues", "Espacio para las mesas de diálogo en la Semana Nacional de Transparencia", "hotel-cdmx", 35000, 48000, 1),
        ("logistics", "Alimentos para participantes de las mesas de diálogo", "banquetes", 14000, 22000, 2),
        ("logistics", "Audio y transmisión de las mesas de diálogo", "audio", 12000, 18000, 1),
        ("professional_services", "Relatoría de las mesas de diálogo", "relatoria", 16000, 24000, 2),
        ("communication", "Impresión de materiales informativos", "imprenta", 8500, 14500, 1),
        ("travel", "Boletos de avión de panelistas", "viajes", 5200, 11800, 4),
    ],
    "tercer-borrador-de-la-pnda": [
        ("professional_services", "Sistematización de las aportaciones de los foros regionales", "consultoria", 65000, 90000, 1),
        ("professional_services", "Redacción del tercer borrador de la PNDA", "consultoria", 95000, 130000, 1),
        ("professional_services", "Traducción del resumen ejecutivo al inglés", "traduccion", 14000, 21000, 1),
        ("communication", "Diseño del documento del tercer borrador", "diseno", 18000, 26000, 1),
        ("technology", "Módulo de consulta pública del sitio (comentarios y respuestas)", "desarrollo", 120000, 165000, 1),
    ],
    "inicio-de-la-consulta-publica-open-data-day-2023": [
        ("venues", "Espacio comunitario para el Open Data Day 2023", "hackerspace", 12000, 18000, 1),
        ("logistics", "Alimentos y café para el Open Data Day", "banquetes", 8000, 13000, 1),
        ("logistics", "Equipo de cómputo y conectividad para el Open Data Day", "audio", 6500, 11000, 1),
        ("communication", "Campaña de difusión de la apertura de la consulta", "redes", 28000, 42000, 1),
        ("communication", "Video de presentación de la consulta pública", "video", 32000, 48000, 1),
    ],
    "desarrollo-de-la-consulta-publica": [
        ("communication", "Campaña en redes sociales durante la consulta pública", "redes", 15000, 24000, 4),
        ("communication", "Inserciones en medios digitales sobre la consulta", "medios", 12000, 20000, 2),
        ("technology", "Soporte y mantenimiento del sitio durante la consulta", "desarrollo", 24000, 36000, 2),
        ("venues", "Espacios para sesiones presenciales de la consulta en los estados", "hackerspace", 6500, 12500, 5),
        ("travel", "Traslado del Grupo Técnico a sesiones presenciales", "autobuses", 2200, 5800, 5),
        ("professional_services", "Interpretación en lengua de señas en sesiones presenciales", "accesibilidad", 5200, 8800, 3),
    ],
    "cuarto-borrador-de-la-pnda": [
        ("professional_services", "Análisis y respuesta de los comentarios de la consulta", "consultoria", 85000, 115000, 1),
        ("professional_services", "Redacción del cuarto borrador de la PNDA", "consultoria", 90000, 125000, 1),
        ("professional_services", "Informe de resultados de la consulta pública", "relatoria", 38000, 52000, 1),
        ("communication", "Diseño del documento del cuarto borrador y del informe", "diseno", 24000, 36000, 1),
        ("venues", "Salas para sesiones de trabajo del Grupo Técnico", "hotel-cdmx", 7500, 12500, 3),
    ],
    "presentacion-al-snt": [
        ("travel", "Traslado del Grupo Técnico a la sesión del SNT", "viajes", 5200, 9800, 3),
        ("communication", "Impresión de ejemplares de la PNDA para el SNT", "imprenta", 16000, 26000, 1),
        ("communication", "Presentación ejecutiva y video de la PNDA", "video", 22000, 34000, 1),
    ],
    "aprobacion-por-el-snt": [
        ("other", "Envío de ejemplares a los organismos garantes", "mensajeria", 4200, 7800, 2),
        ("communication", "Boletín y atención a medios de la aprobación", "medios", 12000, 18000, 1),
    ],
    "publicacion-en-el-dof": [
        ("other", "Derechos de publicación de la PNDA en el Diario Oficial de la Federación", "dof", 48000, 72000, 1),
        ("communication", "Diseño de la versión final de la PNDA", "diseno", 28000, 38000, 1),
        ("communication", "Campaña de difusión de la PNDA publicada", "redes", 24000, 36000, 1),
    ],
}  # fmt: skip

# The regional forums: each city's costs.
FORUM_EXPENSES = [
    ("venues", "Renta de sede del foro regional en {city}", None, 24000, 46000),
    ("logistics", "Alimentos y café del foro regional en {city}", "banquetes", 9500, 18500),
    ("logistics", "Audio, video y transmisión del foro regional en {city}", "audio", 8500, 16500),
    ("travel", "Boletos de avión del Grupo Técnico al foro de {city}", "viajes", 9000, 21000),
    ("travel", "Hospedaje del Grupo Técnico en {city}", "hospedaje", 4800, 9800),
    (
        "communication",
        "Impresión de materiales del foro regional en {city}",
        "imprenta",
        3800,
        7600,
    ),
    ("professional_services", "Relatoría del foro regional en {city}", "relatoria", 9000, 15000),
]

# Every month, whatever the activity: the portal's hosting and domain, and the Technical
# Group's travel between meetings. (category, concept, supplier key, lowest, highest, months)
RECURRING = [
    ("technology", "Hospedaje del sitio web y base de datos ({month})", "nube", 4200, 6900, 1),
    ("technology", "Respaldo y monitoreo del sitio ({month})", "nube", 900, 1600, 2),
    ("travel", "Viáticos del Grupo Técnico para reuniones de seguimiento ({month})", "autobuses", 1800, 6400, 2),
    ("other", "Mensajería de documentos oficiales ({month})", "mensajeria", 350, 1450, 3),
]  # fmt: skip

YEARLY = [
    ("technology", "Renovación anual del dominio abramos.mx", "dominio", 650, 980),
    ("technology", "Certificados y servicio de correo institucional (anual)", "nube", 7800, 11800),
]

# Fictional budget lines: invented spending is never charged to a real institution's budget.
FUNDING_SOURCES = [
    "Partida ficticia de demostración A ({year})",
    "Partida ficticia de demostración A ({year})",
    "Partida ficticia de demostración A ({year})",
    "Partida ficticia de demostración B ({year})",
]

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
