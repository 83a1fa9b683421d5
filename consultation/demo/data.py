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

Kind = Session.Kind
SESSIONS = [
    (Kind.OPEN_DATA_DAY, "Día de los Datos Abiertos: espacio presencial en la Ciudad de México",
     datetime.date(2023, 3, 4), "09", "Biblioteca Vasconcelos", "Grupo Técnico y comunidad de datos abiertos"),
    (Kind.OPEN_DATA_DAY, "Día de los Datos Abiertos en Guadalajara", datetime.date(2023, 3, 4),
     "14", "Universidad de Guadalajara, CUCEA", "Organismo garante de Jalisco"),
    (Kind.REGIONAL_FORUM, "Foro regional Noreste", datetime.date(2023, 3, 17), "19",
     "Monterrey, Nuevo León", "Organismo garante de Nuevo León y Grupo Técnico"),
    (Kind.REGIONAL_FORUM, "Foro regional Sureste", datetime.date(2023, 3, 31), "31",
     "Mérida, Yucatán", "Organismo garante de Yucatán"),
    (Kind.REGIONAL_FORUM, "Foro regional Sur", datetime.date(2023, 4, 14), "20",
     "Oaxaca de Juárez", "Organismo garante de Oaxaca y sociedad civil local"),
    (Kind.DIALOGUE_TABLE, "Mesa de diálogo con la academia", datetime.date(2023, 4, 20), "21",
     "Puebla, Puebla", "Grupo Especializado"),
    (Kind.TRANSPARENCY_WEEK, "Mesa de la Semana Nacional de Transparencia", datetime.date(2023, 4, 27),
     "09", "Ciudad de México", "Sistema Nacional de Transparencia"),
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
ORGANISATIONS = {
    "academia": ["Universidad de Guadalajara", "UNAM", "CIDE", "Universidad Veracruzana", ""],
    "civil_society": ["Red por los Datos Abiertos", "Observatorio Ciudadano", "Colectivo Transparencia", ""],
    "government": ["Organismo garante estatal", "Ayuntamiento", "Secretaría de Finanzas estatal"],
    "private": ["Datos Claros Consultoría", "Cámara de comercio local", "Empresa de tecnología cívica"],
    "community": ["Codeando México", "Comunidad de datos abiertos local", ""],
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
