"""The construction process as the seeds describe it (the strategy deck and the English summary).

Stage names, months and descriptions, the groups' purposes and the immediate actions are quoted
from the deck. The deck gives months, not days, and warns "*Podrían tener ajustes": a stage's
`months` are the planned months, its dates what happened. Two days are real: the SNT's national
council approved the policy on 9 October 2023 and it was published in the Diario Oficial de la
Federación on 10 November 2023. The other days are an illustrative calendar in the years the
seeds imply (DATACON in May 2021, the Conferencia Nacional de Datos Abiertos 2022, Open Data Day
2023), consistent with the drafts' dates in `drafts/demo/data.py`. Apart from INAI and the SNT,
the organisations and people are demo placeholders, marked `is_demo` and named "(demo)".
"""

from datetime import date

from abramos.accounts.models import Sector

# `months` and the planned dates are the deck's plan: months without years, in the years the seeds
# imply (DATACON in May 2021 announced the process; the deck lists the "acciones a seguir durante
# 2022"). `start_date` and `end_date` are what happened: the end of stage 3 is the publication in
# the Diario Oficial (10 November 2023); the other days are illustrative.
STAGES = [
    {
        "number": 1,
        "slug": "preparacion-y-apertura",
        "name": "Preparación y apertura",
        "months": "Noviembre – Marzo",
        "planned_start": date(2021, 11, 1),
        "planned_end": date(2022, 3, 31),
        "start_date": date(2021, 11, 1),
        "end_date": date(2022, 3, 15),
        "description": (
            "Instalación del Grupo Impulsor, y elaboración y aprobación de los primeros insumos."
        ),
    },
    {
        "number": 2,
        "slug": "desarrollo-de-trabajos",
        "name": "Desarrollo de trabajos",
        "months": "Marzo – Diciembre",
        "planned_start": date(2022, 3, 1),
        "planned_end": date(2022, 12, 31),
        "start_date": date(2022, 3, 16),
        "end_date": date(2023, 8, 31),
        "description": (
            "Instalación del Grupo Especializado, y la ejecución de las acciones para la "
            "construcción."
        ),
    },
    {
        "number": 3,
        "slug": "cierre-y-presentacion",
        "name": "Cierre y presentación",
        "months": "Diciembre – Enero",
        "planned_start": date(2022, 12, 1),
        "planned_end": date(2023, 1, 31),
        "start_date": date(2023, 9, 1),
        "end_date": date(2023, 11, 10),
        "description": (
            "Revisión y validación final, hasta la publicación de la política pública en el "
            "marco del SNT."
        ),
    },
]

WORKING_GROUPS = [
    {
        "slug": "grupo-impulsor",
        "name": "Grupo Impulsor",
        "kind": "impulsor",
        "order": 1,
        "purpose": "Definir las directrices generales, y dar seguimiento a la estrategia Abramos México.",
        "description": (
            "Encargado de liderar y definir la estrategia en general. Con su instalación se "
            "designan los **enlaces técnicos** que integran el Grupo Técnico."
        ),
    },
    {
        "slug": "grupo-tecnico",
        "name": "Grupo Técnico",
        "kind": "tecnico",
        "order": 2,
        "purpose": (
            "Coordinar y ejecutar las acciones en torno al proceso de construcción de la "
            "política pública."
        ),
        "description": (
            "Encargado de implementar la estrategia. Lo integran los enlaces técnicos designados "
            "tras la instalación del Grupo Impulsor."
        ),
    },
    {
        "slug": "grupo-especializado",
        "name": "Grupo Especializado",
        "kind": "especializado",
        "order": 3,
        "purpose": (
            "Aportar elementos e insumos para la discusión y retroalimentación de la política "
            "pública."
        ),
        "description": (
            "Integrado en mesas temáticas de personas expertas nacionales e internacionales "
            "durante la Conferencia Nacional de Datos Abiertos 2022."
        ),
    },
]

# The Specialised Group's tables follow the structure of the PNDA document.
THEMATIC_TABLES = [
    {
        "slug": "mesa-diagnostico-y-problematica",
        "group": "grupo-especializado",
        "name": "Diagnóstico y problemática",
        "order": 1,
        "description": "El diagnóstico de los datos abiertos en México y los problemas identificados.",
    },
    {
        "slug": "mesa-objetivos-y-ejes-transversales",
        "group": "grupo-especializado",
        "name": "Alternativas de solución, objetivos y ejes transversales",
        "order": 2,
        "description": "Las alternativas de solución, los objetivos y los ejes transversales de la política.",
    },
    {
        "slug": "mesa-poblaciones-responsables-y-sectores",
        "group": "grupo-especializado",
        "name": "Poblaciones, responsables y sectores",
        "order": 3,
        "description": (
            "Las poblaciones potenciales, así como los responsables y los sectores relevantes "
            "para la apertura de datos."
        ),
    },
]

# Each activity's status follows from its dates and the day the demo is loaded. Titles and
# descriptions come from the seeds; the days are illustrative (the activities are marked
# `is_demo`), except the approval and the publication, whose days are real.
#
# The seeds disagree on one point: the English summary lists "Creation of the Technical Group" in
# stage 2, while the deck's immediate actions have the Technical Group meet right after the
# Driving Group is installed and its technical liaisons designated (stage 1). A group cannot meet
# before it exists, so its creation is placed in stage 1, between the two.
REAL_DATES = {"aprobacion-por-el-snt", "publicacion-en-el-dof"}
ACTIVITIES = [
    # Etapa 1: Preparación y apertura
    {
        "stage": 1,
        "slug": "instalacion-del-grupo-impulsor",
        "title": "Instalación del Grupo Impulsor",
        "kind": "installation",
        "start_date": date(2021, 11, 23),
        "end_date": None,
        "place": "Ciudad de México",
        "state": "09",
        "group": "grupo-impulsor",
        "description": (
            "Instalación del Grupo Impulsor, que define las directrices generales y da "
            "seguimiento a la estrategia Abramos México. Con ella se designan los **enlaces "
            "técnicos**."
        ),
    },
    {
        "stage": 1,
        "slug": "creacion-del-grupo-tecnico",
        "title": "Creación del Grupo Técnico",
        "kind": "installation",
        "start_date": date(2021, 11, 30),
        "end_date": None,
        "place": "Ciudad de México",
        "state": "09",
        "group": "grupo-impulsor",
        "description": (
            "Creación del Grupo Técnico, encargado de coordinar y ejecutar las acciones en torno "
            "al proceso de construcción de la política pública."
        ),
    },
    {
        "stage": 1,
        "slug": "primera-reunion-del-grupo-tecnico",
        "title": "Primera reunión del Grupo Técnico",
        "kind": "meeting",
        "start_date": date(2021, 12, 8),
        "end_date": None,
        "place": "Ciudad de México",
        "state": "09",
        "group": "grupo-tecnico",
        "description": (
            "Una vez instalado el Grupo Impulsor y con ello, la designación de enlaces técnicos, "
            "se lleva a cabo la primera reunión del Grupo Técnico, en la cual se abordan los "
            "siguientes asuntos:\n\n"
            "1. Revisión y cierre de **estrategia** y ruta crítica\n"
            "2. Diseño y redacción de la **metodología**\n"
            "3. Inicio de **borrador** de la política pública y sus correspondientes anexos\n"
            "4. Identificación de **actores e instituciones** que conformarán las mesas temáticas"
        ),
    },
    {
        "stage": 1,
        "slug": "construccion-de-los-documentos-base",
        "title": "Construcción de los documentos base: estrategia, metodología y ruta crítica",
        "kind": "document",
        "start_date": date(2021, 12, 9),
        "end_date": date(2022, 3, 15),
        "place": "",
        "state": "",
        "group": "grupo-tecnico",
        "description": (
            "Elaboración y aprobación de los primeros insumos: la estrategia Abramos México, que "
            "establece los componentes, actividades y tiempos del proceso; la metodología, que "
            "detalla la estrategia; y la ruta crítica."
        ),
    },
    # Etapa 2: Desarrollo de trabajos
    {
        "stage": 2,
        "slug": "primer-borrador-de-la-pnda",
        "title": "Elaboración del primer borrador de la PNDA",
        "kind": "document",
        "start_date": date(2022, 3, 28),
        "end_date": date(2022, 5, 27),
        "place": "",
        "state": "",
        "group": "grupo-tecnico",
        "description": (
            "Primer borrador de la Política Nacional de Datos Abiertos: diagnóstico, problemas "
            "identificados, alternativas de solución, objetivos, ejes transversales, poblaciones "
            "potenciales, responsables y sectores relevantes, y sus anexos."
        ),
    },
    {
        "stage": 2,
        "slug": "mesas-del-grupo-especializado-conferencia-2022",
        "title": (
            "Mesas de diálogo del Grupo Especializado en la Conferencia Nacional de Datos "
            "Abiertos 2022"
        ),
        "kind": "dialogue_table",
        "start_date": date(2022, 6, 8),
        "end_date": date(2022, 6, 9),
        "place": "Conferencia Nacional de Datos Abiertos 2022",
        "state": "",
        "group": "grupo-especializado",
        "description": (
            "El Grupo Especializado se integra en mesas temáticas de personas expertas "
            "nacionales e internacionales durante la Conferencia Nacional de Datos Abiertos "
            "2022, el encuentro anual de la comunidad de datos abiertos en México."
        ),
    },
    {
        "stage": 2,
        "slug": "segundo-borrador-de-la-pnda",
        "title": "Elaboración del segundo borrador de la PNDA",
        "kind": "document",
        "start_date": date(2022, 6, 13),
        "end_date": date(2022, 9, 30),
        "place": "",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Segundo borrador, con los insumos de las mesas del Grupo Especializado.",
    },
    {
        "stage": 2,
        "slug": "mesas-semana-nacional-de-transparencia",
        "title": "Mesas de diálogo de datos abiertos en la Semana Nacional de Transparencia",
        "kind": "dialogue_table",
        "start_date": date(2022, 10, 5),
        "end_date": date(2022, 10, 7),
        "place": "Semana Nacional de Transparencia",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Mesas de diálogo sobre datos abiertos en la Semana Nacional de Transparencia.",
    },
    {
        "stage": 2,
        "slug": "foros-regionales",
        "title": "Foros regionales en las entidades federativas",
        "kind": "forum",
        "start_date": date(2022, 10, 17),
        "end_date": date(2022, 12, 9),
        "place": "Sedes regionales en las entidades federativas",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Foros regionales en los estados del país.",
    },
    {
        "stage": 2,
        "slug": "tercer-borrador-de-la-pnda",
        "title": "Elaboración del tercer borrador de la PNDA",
        "kind": "document",
        "start_date": date(2022, 12, 12),
        "end_date": date(2023, 3, 3),
        "place": "",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Tercer borrador, con lo recogido en las mesas de diálogo y los foros regionales.",
    },
    {
        "stage": 2,
        "slug": "inicio-de-la-consulta-publica-open-data-day-2023",
        "title": (
            "Inicio de la consulta pública digital, con espacios de consulta presencial en el "
            "Open Data Day 2023"
        ),
        "kind": "consultation",
        "start_date": date(2023, 3, 4),
        "end_date": None,
        "place": "Espacios de consulta presencial del Open Data Day 2023",
        "state": "",
        "group": "grupo-tecnico",
        "description": (
            "Inicio de la consulta pública digital, con espacios de consulta presencial durante "
            "la celebración del Open Data Day 2023."
        ),
    },
    {
        "stage": 2,
        "slug": "desarrollo-de-la-consulta-publica",
        "title": "Desarrollo de la consulta pública (2 meses)",
        "kind": "consultation",
        "start_date": date(2023, 3, 4),
        "end_date": date(2023, 5, 3),
        "place": "Sitio Público de Internet",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Consulta pública digital del tercer borrador, durante dos meses.",
    },
    {
        "stage": 2,
        "slug": "cuarto-borrador-de-la-pnda",
        "title": "Elaboración del cuarto borrador de la PNDA",
        "kind": "document",
        "start_date": date(2023, 5, 8),
        "end_date": date(2023, 8, 25),
        "place": "",
        "state": "",
        "group": "grupo-tecnico",
        "description": "Cuarto borrador, con los resultados de la consulta pública.",
    },
    # Etapa 3: Cierre y presentación
    {
        "stage": 3,
        "slug": "presentacion-al-snt",
        "title": "Presentación al Sistema Nacional de Transparencia para su revisión",
        "kind": "presentation",
        "start_date": date(2023, 9, 12),
        "end_date": None,
        "place": "",
        "state": "",
        "group": "grupo-impulsor",
        "description": (
            "Presentación de la PNDA al Sistema Nacional de Transparencia, integrado por los "
            "organismos garantes de todo el país, para su revisión."
        ),
    },
    {
        "stage": 3,
        "slug": "aprobacion-por-el-snt",
        "title": "Aprobación de la PNDA por el SNT",
        "kind": "approval",
        "start_date": date(2023, 10, 9),
        "end_date": None,
        "place": "",
        "state": "",
        "group": "grupo-impulsor",
        "description": "Aprobación de la Política Nacional de Datos Abiertos por el SNT.",
    },
    {
        "stage": 3,
        "slug": "publicacion-en-el-dof",
        "title": "Publicación en el Diario Oficial de la Federación",
        "kind": "publication",
        "start_date": date(2023, 11, 10),
        "end_date": None,
        "place": "",
        "state": "",
        "group": "grupo-impulsor",
        "description": (
            "Publicación en el Diario Oficial de la Federación: este paso formaliza su aplicación "
            "a nivel nacional."
        ),
    },
]

# The four matters of the Technical Group's first meeting, as the deck lists them, and what
# each one leads to in the process.
ACTIONS = [
    (
        1,
        "Revisión y cierre de estrategia y ruta crítica",
        "Da lugar a la **estrategia** y la **ruta crítica**, documentos base de la etapa 1.",
    ),
    (
        2,
        "Diseño y redacción de la metodología",
        "Da lugar a la **metodología**, documento base de la etapa 1 que detalla la estrategia.",
    ),
    (
        3,
        "Inicio de borrador de la política pública y sus correspondientes anexos",
        "Da paso a la elaboración del **primer borrador** de la PNDA, en la etapa 2.",
    ),
    (
        4,
        "Identificación de actores e instituciones que conformarán las mesas temáticas",
        "Las mesas temáticas del **Grupo Especializado** se integran durante la Conferencia "
        "Nacional de Datos Abiertos 2022.",
    ),
]
ACTIONS_ACTIVITY = "primera-reunion-del-grupo-tecnico"

# Files are in this folder; they are attached once and never re-saved.
DOCUMENTS = [
    {
        "slug": "estrategia-abramos-mexico",
        "title": "Abramos México: Estrategia para la construcción de una Política Nacional de Datos Abiertos",
        "kind": "strategy",
        "date": date(2022, 3, 15),
        "activity": "construccion-de-los-documentos-base",
        "stage": 1,
        "file": "abramos-mexico-estrategia.txt",
        "description": (
            "Contexto, objetivos, grupos de trabajo, proceso de construcción en tres etapas, "
            "transparencia y comunicación, y acciones inmediatas."
        ),
    },
    {
        "slug": "metodologia",
        "title": "Metodología de la estrategia Abramos México",
        "kind": "methodology",
        "date": date(2022, 3, 15),
        "activity": "construccion-de-los-documentos-base",
        "stage": 1,
        "file": "metodologia.md",
        "description": "Lo que dicen de la metodología los documentos de la estrategia.",
    },
    {
        "slug": "ruta-critica",
        "title": "Ruta crítica",
        "kind": "critical_path",
        "date": date(2022, 3, 15),
        "activity": "construccion-de-los-documentos-base",
        "stage": 1,
        "file": "ruta-critica.md",
        "description": "Las tres etapas del proceso de construcción y sus actividades.",
    },
    {
        "slug": "national-open-data-policy-summary",
        "title": "National Open Data Policy (resumen en inglés)",
        "kind": "summary",
        "date": date(2022, 12, 1),
        "activity": None,
        "stage": 2,
        "file": "national-open-data-policy.txt",
        "description": (
            "Resumen en inglés: introducción, objetivos, estrategia de trabajo, áreas de "
            "colaboración y contacto."
        ),
    },
]

# The two real institutions of the seeds; every other organisation is a demo placeholder.
REAL_ORGANISATIONS = {"inai", "snt"}
ORGANISATIONS = [
    {
        "slug": "inai",
        "name": "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales",
        "acronym": "INAI",
        "sector": Sector.GOVERNMENT,
        "kind": "guarantor",
        "website": "https://home.inai.org.mx/",
    },
    {
        "slug": "snt",
        "name": "Sistema Nacional de Transparencia, Acceso a la Información Pública y Protección de Datos Personales",
        "acronym": "SNT",
        "sector": Sector.GOVERNMENT,
        "kind": "guarantor",
        "website": "https://www.snt.org.mx/",
    },
    # Demo placeholders (marked `is_demo`, "(demo)" in the name), one pair per sector.
    {
        "slug": "organismo-garante-de-demostracion",
        "name": "Organismo Garante Nacional Ficticio (demo)",
        "acronym": "",
        "sector": Sector.GOVERNMENT,
        "kind": "guarantor",
        "website": "",
    },
    {
        "slug": "organismo-garante-estatal-de-demostracion",
        "name": "Organismo Garante Estatal Ficticio (demo)",
        "acronym": "",
        "sector": Sector.GOVERNMENT,
        "kind": "guarantor",
        "website": "",
    },
    {
        "slug": "laboratorio-universitario-de-datos-abiertos",
        "name": "Laboratorio Universitario de Datos Abiertos (demo)",
        "acronym": "",
        "sector": Sector.ACADEMIA,
        "kind": "academic",
        "website": "",
    },
    {
        "slug": "observatorio-academico-de-gobierno-abierto",
        "name": "Observatorio Académico de Gobierno Abierto (demo)",
        "acronym": "",
        "sector": Sector.ACADEMIA,
        "kind": "academic",
        "website": "",
    },
    {
        "slug": "colectivo-ciudadano-por-la-transparencia",
        "name": "Colectivo Ciudadano por la Transparencia (demo)",
        "acronym": "",
        "sector": Sector.CIVIL_SOCIETY,
        "kind": "civil_society",
        "website": "",
    },
    {
        "slug": "red-de-organizaciones-por-los-datos-abiertos",
        "name": "Red de Organizaciones por los Datos Abiertos (demo)",
        "acronym": "",
        "sector": Sector.CIVIL_SOCIETY,
        "kind": "civil_society",
        "website": "",
    },
    {
        "slug": "camara-de-empresas-de-datos-y-tecnologia",
        "name": "Cámara de Empresas de Datos y Tecnología (demo)",
        "acronym": "",
        "sector": Sector.PRIVATE,
        "kind": "company",
        "website": "",
    },
    {
        "slug": "datos-claros-consultoria",
        "name": "Datos Claros Consultoría (demo)",
        "acronym": "",
        "sector": Sector.PRIVATE,
        "kind": "company",
        "website": "",
    },
    {
        "slug": "comunidad-de-practica-de-datos-abiertos",
        "name": "Comunidad de Práctica de Datos Abiertos (demo)",
        "acronym": "",
        "sector": Sector.COMMUNITY,
        "kind": "community",
        "website": "",
    },
    {
        "slug": "escuela-comunitaria-de-datos",
        "name": "Escuela Comunitaria de Datos (demo)",
        "acronym": "",
        "sector": Sector.COMMUNITY,
        "kind": "community",
        "website": "",
    },
]

# Every person is a demo placeholder (marked `is_demo`, "(demo)" in the name): the seeds name only
# Adrián Alcalá Méndez, who is the portal's contact (settings.CONTACT_PERSON), not a member of any
# group in these records. None of them is presented as staff of a real institution: their
# organisations are the demo placeholders above.
PEOPLE = [
    {"slug": "laura-mendez-ortiz", "name": "Laura Méndez Ortiz (demo)", "position": "Coordinación del enlace técnico"},
    {"slug": "jorge-ramirez-salinas", "name": "Jorge Ramírez Salinas (demo)", "position": "Enlace técnico"},
    {"slug": "ana-sofia-herrera-luna", "name": "Ana Sofía Herrera Luna (demo)", "position": "Enlace técnico"},
    {"slug": "daniela-cruz-navarro", "name": "Daniela Cruz Navarro (demo)", "position": "Investigadora"},
    {"slug": "roberto-aguilar-pineda", "name": "Roberto Aguilar Pineda (demo)", "position": "Coordinador de proyectos"},
    {"slug": "mariana-torres-vega", "name": "Mariana Torres Vega (demo)", "position": "Facilitadora comunitaria"},
    {"slug": "luis-fernando-rios-campos", "name": "Luis Fernando Ríos Campos (demo)", "position": "Consultor en datos"},
    {"slug": "patricia-gomez-salas", "name": "Patricia Gómez Salas (demo)", "position": "Investigadora"},
    {"slug": "hector-morales-ibarra", "name": "Héctor Morales Ibarra (demo)", "position": "Analista de políticas públicas"},
]  # fmt: skip

# (person, working group or None, thematic table or None, role, organisation, stage, order)
MEMBERSHIPS = [
    ("ana-sofia-herrera-luna", "grupo-tecnico", None, "coordinación", "organismo-garante-de-demostracion", 1, 1),
    ("laura-mendez-ortiz", "grupo-tecnico", None, "enlace técnico", "organismo-garante-de-demostracion", 1, 2),
    ("jorge-ramirez-salinas", "grupo-tecnico", None, "enlace técnico", "organismo-garante-estatal-de-demostracion", 1, 3),
    ("daniela-cruz-navarro", None, "mesa-diagnostico-y-problematica", "coordinación", "laboratorio-universitario-de-datos-abiertos", 2, 1),
    ("roberto-aguilar-pineda", None, "mesa-diagnostico-y-problematica", "persona experta", "colectivo-ciudadano-por-la-transparencia", 2, 2),
    ("mariana-torres-vega", None, "mesa-objetivos-y-ejes-transversales", "coordinación", "comunidad-de-practica-de-datos-abiertos", 2, 1),
    ("luis-fernando-rios-campos", None, "mesa-objetivos-y-ejes-transversales", "persona experta", "datos-claros-consultoria", 2, 2),
    ("patricia-gomez-salas", None, "mesa-poblaciones-responsables-y-sectores", "coordinación", "observatorio-academico-de-gobierno-abierto", 2, 1),
    ("hector-morales-ibarra", None, "mesa-poblaciones-responsables-y-sectores", "persona experta", "red-de-organizaciones-por-los-datos-abiertos", 2, 2),
]  # fmt: skip

# Staff accounts for the Technical Group: log in at /admin/ with these.
STAFF_PASSWORD = "abramos-demo-2024"  # noqa: S105 - a demo password, printed by load_demo
# The demo staff's authenticator app secret (two-step verification is required for staff who can
# edit the policy): add it to any TOTP app, or read the code with `manage.py demo_totp`. Demo only.
STAFF_TOTP_SECRET = "ABRAMOSMEXICODEMOTOTPSECRETONLYX"  # noqa: S105 - printed by load_demo
STAFF = [
    {"email": "tecnico@abramos.mx", "display_name": "Grupo Técnico (demo)"},
    {"email": "enlace@abramos.mx", "display_name": "Enlace técnico (demo)"},
]

# Offers to collaborate sent through /colabora/ (demo placeholders; the addresses are reserved
# example domains). The seeds invite national and international organisations, public and
# private, to bring talent, experience, standards or infrastructure. Decided ones name the day.
COLLABORATION_OFFERS = [
    {
        "organisation_name": "Red Regional Ficticia de Datos Abiertos (demo)",
        "sector": Sector.CIVIL_SOCIETY,
        "country": "Colombia",
        "state": "",
        "contribution": "experience",
        "description": (
            "Compartir lo aprendido al acompañar políticas de datos abiertos en la región: "
            "talleres con las mesas temáticas y revisión de los borradores durante la consulta."
        ),
        "contact_name": "Valeria Ospina (demo)",
        "contact_email": "valeria@example.org",
        "status": "accepted",
        "decided_at": (2023, 3, 10),
        "decision_reason": "Gracias: les escribiremos para agendar el primer taller.",
    },
    {
        "organisation_name": "Centro Ficticio de Estándares de Datos (demo)",
        "sector": Sector.ACADEMIA,
        "country": "México",
        "state": "11",
        "contribution": "standards",
        "description": (
            "Modelos de datos y vocabularios para publicar contrataciones y presupuesto, "
            "probados en municipios ficticios de la demostración."
        ),
        "contact_name": "Tomás Arreola (demo)",
        "contact_email": "tomas@example.edu",
        "status": "accepted",
        "decided_at": (2023, 3, 24),
        "decision_reason": "",
    },
    {
        "organisation_name": "Nube Abierta MX (demo)",
        "sector": Sector.PRIVATE,
        "country": "México",
        "state": "14",
        "contribution": "infrastructure",
        "description": (
            "Alojamiento sin costo para los conjuntos de datos de los foros regionales durante "
            "la implementación de la política."
        ),
        "contact_name": "Regina Salcedo (demo)",
        "contact_email": "regina@example.com",
        "status": "pending",
        "decided_at": None,
        "decision_reason": "",
    },
    {
        "organisation_name": "Agencia de Marketing Digital (demo)",
        "sector": Sector.PRIVATE,
        "country": "México",
        "state": "09",
        "contribution": "other",
        "description": "Campañas de publicidad pagada para la consulta pública.",
        "contact_name": "Iván Robles (demo)",
        "contact_email": "ivan@example.net",
        "status": "declined",
        "decided_at": (2023, 3, 17),
        "decision_reason": (
            "La difusión de la consulta no contrata publicidad pagada; te invitamos a participar "
            "con comentarios en los borradores."
        ),
    },
]

# The English fields (strategy/translation.py), keyed like the rows above. Where the English summary
# of the seeds names a thing, its words are used ("Driving Group", "Preparation and opening").
ENGLISH_STAGES = {
    1: {
        "name_en": "Preparation and opening",
        "months_en": "November – March",
        "description_en": (
            "Installation of the Driving Group, and preparation and approval of the first inputs."
        ),
    },
    2: {
        "name_en": "Work development",
        "months_en": "March – December",
        "description_en": (
            "Installation of the Specialized Group, and carrying out the actions to build the "
            "policy."
        ),
    },
    3: {
        "name_en": "Closing and presentation of results",
        "months_en": "December – January",
        "description_en": (
            "Final review and validation, up to the publication of the public policy within the "
            "framework of the SNT."
        ),
    },
}

ENGLISH_WORKING_GROUPS = {
    "grupo-impulsor": {
        "name_en": "Driving Group",
        "purpose_en": (
            "Set the general guidelines of the Abramos México strategy and follow it up."
        ),
        "description_en": (
            "In charge of leading and defining the strategy in general. When it is installed, it "
            "designates the **technical liaisons** who make up the Technical Group."
        ),
    },
    "grupo-tecnico": {
        "name_en": "Technical Group",
        "purpose_en": (
            "Coordinate and carry out the actions of the process of building the public policy."
        ),
        "description_en": (
            "In charge of implementing the strategy. Its members are the technical liaisons "
            "designated after the Driving Group was installed."
        ),
    },
    "grupo-especializado": {
        "name_en": "Specialized Group",
        "purpose_en": (
            "Contribute elements and inputs to the discussion of and feedback on the public policy."
        ),
        "description_en": (
            "Made up of thematic tables of national and international experts during the "
            "National Open Data Conference 2022."
        ),
    },
}

ENGLISH_THEMATIC_TABLES = {
    "mesa-diagnostico-y-problematica": {
        "name_en": "Diagnosis and problems",
        "description_en": "The diagnosis of open data in Mexico and the problems identified.",
    },
    "mesa-objetivos-y-ejes-transversales": {
        "name_en": "Solution alternatives, objectives and cross-cutting axes",
        "description_en": (
            "The solution alternatives, the objectives and the cross-cutting axes of the policy."
        ),
    },
    "mesa-poblaciones-responsables-y-sectores": {
        "name_en": "Populations, those responsible and sectors",
        "description_en": (
            "The potential populations, as well as those responsible and the sectors relevant to "
            "opening data."
        ),
    },
}

ENGLISH_ACTIVITIES = {
    "instalacion-del-grupo-impulsor": {
        "title_en": "Installation of the Driving Group",
        "place_en": "Mexico City",
        "description_en": (
            "Installation of the Driving Group, which sets the general guidelines of the Abramos "
            "México strategy and follows it up. With it, the **technical liaisons** are "
            "designated."
        ),
    },
    "creacion-del-grupo-tecnico": {
        "title_en": "Creation of the Technical Group",
        "place_en": "Mexico City",
        "description_en": (
            "Creation of the Technical Group, in charge of coordinating and carrying out the "
            "actions of the process of building the public policy."
        ),
    },
    "primera-reunion-del-grupo-tecnico": {
        "title_en": "First meeting of the Technical Group",
        "place_en": "Mexico City",
        "description_en": (
            "Once the Driving Group is installed and the technical liaisons designated, the "
            "Technical Group holds its first meeting, which deals with:\n\n"
            "1. Review and closing of the **strategy** and the critical path\n"
            "2. Design and writing of the **methodology**\n"
            "3. Start of the **draft** of the public policy and its annexes\n"
            "4. Identification of the **actors and institutions** that will make up the "
            "thematic tables"
        ),
    },
    "construccion-de-los-documentos-base": {
        "title_en": "Construction of the base documents: strategy, methodology and critical path",
        "place_en": "",
        "description_en": (
            "Preparation and approval of the first inputs: the Abramos México strategy, which "
            "sets out the components, activities and timing of the process; the methodology, "
            "which details the strategy; and the critical path."
        ),
    },
    "primer-borrador-de-la-pnda": {
        "title_en": "Preparation of the first draft of the PNDA",
        "place_en": "",
        "description_en": (
            "First draft of the National Open Data Policy: diagnosis, identified problems, "
            "solution alternatives, objectives, cross-cutting axes, potential populations, those "
            "responsible and relevant sectors, and its annexes."
        ),
    },
    "mesas-del-grupo-especializado-conferencia-2022": {
        "title_en": (
            "Dialogue tables of the Specialized Group at the National Open Data Conference 2022"
        ),
        "place_en": "National Open Data Conference 2022",
        "description_en": (
            "The Specialized Group is made up of thematic tables of national and international "
            "experts during the National Open Data Conference 2022, the yearly meeting of the "
            "open data community in Mexico."
        ),
    },
    "segundo-borrador-de-la-pnda": {
        "title_en": "Preparation of the second draft of the PNDA",
        "place_en": "",
        "description_en": "Second draft, with the inputs of the Specialized Group's tables.",
    },
    "mesas-semana-nacional-de-transparencia": {
        "title_en": "Open data dialogue tables at the National Transparency Week",
        "place_en": "National Transparency Week",
        "description_en": "Dialogue tables on open data at the National Transparency Week.",
    },
    "foros-regionales": {
        "title_en": "Regional forums in the states",
        "place_en": "Regional venues in the states",
        "description_en": "Regional forums in the states of the country.",
    },
    "tercer-borrador-de-la-pnda": {
        "title_en": "Preparation of the third draft of the PNDA",
        "place_en": "",
        "description_en": (
            "Third draft, with what was gathered at the dialogue tables and the regional forums."
        ),
    },
    "inicio-de-la-consulta-publica-open-data-day-2023": {
        "title_en": (
            "Start of the digital public consultation, with in-person consultation spaces at "
            "Open Data Day 2023"
        ),
        "place_en": "In-person consultation spaces of Open Data Day 2023",
        "description_en": (
            "Start of the digital public consultation, with in-person consultation spaces "
            "during the celebration of Open Data Day 2023."
        ),
    },
    "desarrollo-de-la-consulta-publica": {
        "title_en": "Development of the public consultation (2 months)",
        "place_en": "Public website",
        "description_en": "Digital public consultation on the third draft, for two months.",
    },
    "cuarto-borrador-de-la-pnda": {
        "title_en": "Preparation of the fourth draft of the PNDA",
        "place_en": "",
        "description_en": "Fourth draft, with the results of the public consultation.",
    },
    "presentacion-al-snt": {
        "title_en": "Presentation to the National Transparency System for review",
        "place_en": "",
        "description_en": (
            "Presentation of the PNDA to the National Transparency System, made up of the "
            "guarantor agencies of the whole country, for its review."
        ),
    },
    "aprobacion-por-el-snt": {
        "title_en": "Approval of the PNDA by the SNT",
        "place_en": "",
        "description_en": "Approval of the National Open Data Policy by the SNT.",
    },
    "publicacion-en-el-dof": {
        "title_en": "Publication in the Official Gazette of the Federation",
        "place_en": "",
        "description_en": (
            "Publication in the Official Gazette of the Federation (Diario Oficial de la "
            "Federación): this step formalizes its application at the national level."
        ),
    },
}

# By the order of ACTIONS.
ENGLISH_ACTIONS = {
    1: (
        "Review and closing of the strategy and the critical path",
        "Leads to the **strategy** and the **critical path**, base documents of stage 1.",
    ),
    2: (
        "Design and writing of the methodology",
        "Leads to the **methodology**, the base document of stage 1 that details the strategy.",
    ),
    3: (
        "Start of the draft of the public policy and its annexes",
        "Opens the way to preparing the **first draft** of the PNDA, in stage 2.",
    ),
    4: (
        "Identification of the actors and institutions that will make up the thematic tables",
        "The thematic tables of the **Specialized Group** are formed during the National Open "
        "Data Conference 2022.",
    ),
}

ENGLISH_DOCUMENTS = {
    "estrategia-abramos-mexico": {
        "title_en": "Abramos México: Strategy for building a National Open Data Policy",
        "description_en": (
            "Context, objectives, working groups, the three-stage construction process, "
            "transparency and communication, and immediate actions."
        ),
    },
    "metodologia": {
        "title_en": "Methodology of the Abramos México strategy",
        "description_en": "What the strategy's documents say about the methodology.",
    },
    "ruta-critica": {
        "title_en": "Critical path",
        "description_en": "The three stages of the construction process and their activities.",
    },
    "national-open-data-policy-summary": {
        "title_en": "National Open Data Policy (summary in English)",
        "description_en": (
            "Summary in English: introduction, objectives, work strategy, areas of collaboration "
            "and contact."
        ),
    },
}
