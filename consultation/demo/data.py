"""Demo data of the consultation (Spanish content: it is data, not interface text)."""

import datetime

from consultation.models import Answer, Session
from strategy.demo.data import STAFF_PASSWORD

TECHNICAL_EMAIL = "tecnico@abramos.mx"
MODERATOR_EMAIL = "moderacion@abramos.mx"
__all__ = ["STAFF_PASSWORD"]

TITLE = "Consulta pública digital del tercer borrador de la PNDA"
DESCRIPTION = (
    "Durante dos meses, del Día de los Datos Abiertos (4 de marzo de 2023) al 4 de mayo de 2023, "
    "cualquier persona pudo comentar cada sección del **tercer borrador** de la Política Nacional "
    "de Datos Abiertos, en línea o en los espacios presenciales organizados en los estados."
)

# The consultation open now on the demo's trial draft (drafts/demo/data.py), for trying the portal.
TRIAL_TITLE = "Consulta de prueba (demo)"
TRIAL_DESCRIPTION = (
    "Consulta abierta por la demostración sobre el **borrador de prueba**, para que pruebes el "
    "portal: crea una cuenta, comenta una sección, responde y apoya comentarios. Lo que "
    "escribas aquí es solo para probar."
)

Kind = Session.Kind
# The sessions are invented (marked `is_demo`): their places and organisers are fictional, so no
# real institution or venue is credited with a session it did not hold.
SESSIONS = [
    (Kind.OPEN_DATA_DAY, "Día de los Datos Abiertos: espacio presencial en la Ciudad de México (demo)",
     datetime.date(2023, 3, 4), "09", "Sede ficticia en la Ciudad de México", "Grupo Técnico (demo)"),
    (Kind.OPEN_DATA_DAY, "Día de los Datos Abiertos en Guadalajara (demo)", datetime.date(2023, 3, 4),
     "14", "Sede ficticia en Guadalajara", "Organismo Garante Ficticio de Jalisco (demo)"),
    (Kind.REGIONAL_FORUM, "Foro regional Noreste (demo)", datetime.date(2023, 3, 17), "19",
     "Sede ficticia en Monterrey", "Organismo Garante Ficticio de Nuevo León (demo)"),
    (Kind.REGIONAL_FORUM, "Foro regional Sureste (demo)", datetime.date(2023, 3, 31), "31",
     "Sede ficticia en Mérida", "Organismo Garante Ficticio de Yucatán (demo)"),
    (Kind.REGIONAL_FORUM, "Foro regional Sur (demo)", datetime.date(2023, 4, 14), "20",
     "Sede ficticia en Oaxaca de Juárez", "Organismo Garante Ficticio de Oaxaca (demo)"),
    (Kind.DIALOGUE_TABLE, "Mesa de diálogo con la academia (demo)", datetime.date(2023, 4, 20), "21",
     "Sede ficticia en Puebla", "Grupo Especializado (demo)"),
    (Kind.TRANSPARENCY_WEEK, "Mesa de la Semana Nacional de Transparencia (demo)", datetime.date(2023, 4, 27),
     "09", "Sede ficticia en la Ciudad de México", "Grupo Técnico (demo)"),
]  # fmt: skip

FIRST_NAMES = [
    "María", "José", "Guadalupe", "Juan", "Fernanda", "Luis", "Ximena", "Carlos", "Itzel",
    "Miguel", "Daniela", "Jorge", "Valeria", "Ricardo", "Andrea", "Alejandro", "Camila",
    "Eduardo", "Sofía", "Ramón", "Paola", "Arturo", "Lucía", "Emiliano", "Rocío",
]  # fmt: skip
LAST_NAMES = [
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castillo", "Chávez",
]  # fmt: skip
# Fictional organisations only: a demo person never speaks for a real one.
ORGANISATIONS = {
    "academia": ["Universidad Ficticia del Norte (demo)", "Instituto Ficticio de Estudios de Datos (demo)", ""],
    "civil_society": ["Red Ficticia por los Datos Abiertos (demo)", "Observatorio Ciudadano Ficticio (demo)", ""],
    "government": ["Organismo Garante Estatal Ficticio (demo)", "Ayuntamiento Ficticio (demo)"],
    "private": ["Datos Claros Consultoría (demo)", "Empresa Ficticia de Tecnología Cívica (demo)"],
    "community": ["Comunidad Ficticia de Datos Abiertos (demo)", ""],
    "individual": [""],
}  # fmt: skip

OPENINGS = [
    "Sobre «{topic}»: la redacción es clara, pero le falta concreción.",
    "En «{topic}» propongo precisar quién es responsable de cada acción.",
    "Me preocupa que «{topic}» no considere a los municipios pequeños.",
    "Celebro lo planteado en «{topic}».",
    "«{topic}» debería incluir indicadores medibles.",
    "Desde la experiencia local, «{topic}» se queda corto.",
    "Sugiero reordenar «{topic}» para que se entienda mejor.",
]
POINTS = [
    "Convendría fijar plazos para publicar los datos prioritarios.",
    "Hace falta mencionar formatos abiertos y licencias de uso libre.",
    "Los datos deberían publicarse también en lenguas indígenas cuando aplique.",
    "Propongo un catálogo mínimo de conjuntos de datos para cada orden de gobierno.",
    "Falta un mecanismo para que la ciudadanía reporte datos incompletos.",
    "Sería útil vincular esto con la Ley General de Transparencia.",
    "Los organismos garantes necesitan presupuesto para acompañar la implementación.",
    "Recomiendo incluir **capacitación** para las personas servidoras públicas.",
    "Debería quedar clara la protección de datos personales en los conjuntos publicados.",
    "Pido que se consideren estándares internacionales como la Carta Internacional de Datos Abiertos.",
    "Los datos de contrataciones públicas deberían ser prioritarios.",
    "Es necesario medir el uso de los datos, no solo su publicación.",
]
REPLIES = [
    "Coincido, y agregaría que los plazos sean diferenciados por tamaño de institución.",
    "No estoy de acuerdo: un catálogo mínimo podría volverse el máximo.",
    "Muy buen punto. En mi estado ya ocurre algo similar.",
    "¿Podrías dar un ejemplo concreto?",
    "Apoyo la propuesta; la capacitación es clave.",
    "Esto ya se discutió en el foro regional y hubo consenso.",
]
ANSWERS = {
    Answer.Outcome.INCORPORATED: [
        "Gracias. Incorporamos la propuesta en el cuarto borrador.",
        "Se incorporó: la sección ahora fija responsables y plazos.",
    ],
    Answer.Outcome.PARTIALLY: [
        "Incorporamos parte de la propuesta; los plazos se definirán en los lineamientos.",
        "Se incorporó parcialmente, con una redacción más general.",
    ],
    Answer.Outcome.NOT_INCORPORATED: [
        "No se incorporó: el tema se atiende en otra sección del documento.",
        "Lo valoramos, pero excede lo que la Política puede establecer.",
    ],
    Answer.Outcome.OUT_OF_SCOPE: [
        "El comentario está fuera del alcance de la PNDA; lo turnamos a la instancia competente.",
    ],
}
HIDDEN_REASONS = [
    "Contiene datos personales de un tercero.",
    "Lenguaje ofensivo.",
    "Publicidad no relacionada con la consulta.",
    "Comentario duplicado.",
]
