"""The PNDA of the demo: five versions, the approval and a few adoptions.

The texts (the Markdown files beside this module) were written for the demo from what the seeds
say about the policy; each one says so in its introduction. They follow the structure the seeds
give the document, and the third draft, the one under consultation in March 2023, the four
chapters of the published draft: Introducción, Diagnóstico y problema, Análisis de alternativas,
Planeación y diseño.

Two dates are real: the SNT's national council approved the policy on 9 October 2023, and it was
published in the Diario Oficial de la Federación on 10 November 2023. The drafts' days match the
activities of `strategy/demo/data.py` (illustrative, in the months the seeds give). The agreement
is described, not numbered, and the Diario Oficial link is left blank: neither is invented.

The versions' texts and the adoptions are invented, and marked `is_demo`; the adopters are
fictional institutions.
"""

from datetime import date

from drafts.models import Adoption

PUBLISHER_EMAIL = "tecnico@abramos.mx"  # created by strategy's demo loader, which runs first

# (file, label, published on, change summary); published at noon, Mexico City time.
VERSIONS = [
    (
        "borrador-1.md",
        "Primer borrador",
        date(2022, 5, 27),
        "Primer borrador, elaborado por el Grupo Técnico a partir de los documentos base "
        "(estrategia, metodología y ruta crítica). Propone los elementos de la política: "
        "diagnóstico, problemas identificados, alternativas de solución, objetivos, ejes "
        "transversales, poblaciones potenciales, responsables y sectores relevantes, y anexos.",
    ),
    (
        "borrador-2.md",
        "Segundo borrador",
        date(2022, 9, 30),
        "Incorpora los insumos de las mesas temáticas del Grupo Especializado en la Conferencia "
        "Nacional de Datos Abiertos 2022:\n\n"
        "- se añaden el contexto internacional y los objetivos específicos;\n"
        "- se precisan los problemas identificados y las alternativas de solución;\n"
        "- las poblaciones potenciales y los responsables se reúnen en un capítulo, como en la "
        "mesa temática correspondiente;\n"
        "- se agrega el eje transversal de innovación.",
    ),
    (
        "borrador-3.md",
        "Tercer borrador",
        date(2023, 3, 3),
        "Reorganiza el texto en cuatro capítulos (Introducción, Diagnóstico y problema, Análisis "
        "de alternativas, Planeación y diseño) y recoge las mesas de diálogo de la Semana "
        "Nacional de Transparencia y los foros regionales. Compara las alternativas con cuatro "
        "criterios. Es el borrador que se somete a consulta pública.",
    ),
    (
        "borrador-4.md",
        "Cuarto borrador",
        date(2023, 8, 25),
        "Incorpora los resultados de la consulta pública:\n\n"
        "- el proceso de construcción sustituye a los antecedentes;\n"
        "- se añade un problema sobre la protección de datos personales, que también pasa a ser "
        "eje transversal;\n"
        "- las poblaciones potenciales se presentan antes de los ejes transversales;\n"
        "- se añade el informe de la consulta pública como anexo 4.\n\n"
        "Es el texto que se presenta al Sistema Nacional de Transparencia para su revisión.",
    ),
    (
        "aprobada.md",
        "Política Nacional de Datos Abiertos (versión aprobada)",
        date(2023, 10, 9),
        "Versión aprobada por el Consejo Nacional del Sistema Nacional de Transparencia el 9 de "
        "octubre de 2023. La memoria del proceso de construcción pasa a los anexos y se añade el "
        "capítulo de implementación, seguimiento y evaluación.",
    ),
]
APPROVED_LABEL = VERSIONS[-1][1]

# Published when the demo is loaded, so that a newcomer finds a consultation open now
# (consultation/demo/loader.py opens it): the approved text again, under a note that says what
# it is. Not part of the process: no real draft followed the approved policy.
TRIAL_LABEL = "Borrador de prueba (demo)"
TRIAL_SUMMARY = (
    "Borrador publicado por la demostración para probar la consulta pública: repite el texto de "
    "demostración de la versión aprobada. No es una propuesta de cambio a la política."
)
TRIAL_NOTE = (
    "> **Borrador de prueba de la demostración.** Publicado al cargar la demostración para que "
    "puedas probar la consulta: comentar una sección, responder y apoyar comentarios. Repite el "
    "texto de demostración de la versión aprobada; no es una propuesta real de cambio a la "
    "Política Nacional de Datos Abiertos."
)

APPROVAL = {
    "approving_body": (
        "Consejo Nacional del Sistema Nacional de Transparencia, Acceso a la Información Pública "
        "y Protección de Datos Personales"
    ),
    "agreement": "Acuerdo del Consejo Nacional del SNT (sesión del 9 de octubre de 2023)",
    "approved_on": date(2023, 10, 9),
    "dof_published_on": date(2023, 11, 10),
    "dof_url": "",
    "notes": (
        "Publicada en el Diario Oficial de la Federación el 10 de noviembre de 2023, lo que "
        "formaliza su aplicación a nivel nacional.\n\n"
        "*Portal de demostración: las fechas de aprobación y de publicación son las reales; el "
        "texto de esta versión fue redactado para la demostración.*"
    ),
    # The English fields (drafts/translation.py): the body keeps its Spanish name.
    "approving_body_en": (
        "National Council of the National System of Transparency, Access to Public Information "
        "and Protection of Personal Data"
    ),
    "notes_en": (
        "Published in the Diario Oficial de la Federación (Official Gazette of the Federation) "
        "on 10 November 2023, which formalizes its application at the national level.\n\n"
        "*Demonstration portal: the approval and publication dates are the real ones; the text "
        "of this version was written for the demonstration.*"
    ),
}

_Order, _Branch, _Status = Adoption.Order, Adoption.Branch, Adoption.Status

# (institution, order, branch, state INEGI code, adopted on, status). Fictional institutions,
# named so that nobody takes them for real ones: no real institution is credited with an
# adoption it did not make.
ADOPTIONS = [
    ("Organismo Garante Nacional Ficticio (demo)",
     _Order.FEDERAL, _Branch.AUTONOMOUS, "", date(2023, 11, 22), _Status.CONFIRMED),
    ("Organismo Garante Ficticio de la Ciudad de México (demo)",
     _Order.STATE, _Branch.AUTONOMOUS, "09", date(2023, 12, 6), _Status.CONFIRMED),
    ("Organismo Garante Ficticio de Jalisco (demo)",
     _Order.STATE, _Branch.AUTONOMOUS, "14", date(2024, 1, 24), _Status.CONFIRMED),
    ("Organismo Garante Ficticio del Estado de México (demo)",
     _Order.STATE, _Branch.AUTONOMOUS, "15", date(2024, 2, 14), _Status.CONFIRMED),
    ("Municipio Ficticio de Jalisco (demo)",
     _Order.MUNICIPAL, _Branch.EXECUTIVE, "14", date(2024, 3, 6), _Status.PENDING),
]  # fmt: skip
ADOPTION_CONTACT = {"contact_name": "Unidad de Transparencia", "contact_email": "datos@example.org"}
