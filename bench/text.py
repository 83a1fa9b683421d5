"""A long PNDA made up for the benchmarks: 60 sections of plausible Spanish policy text
(8 chapters, 52 subsections), and a revision of it. Deterministic (seeded)."""

import random

CHAPTERS = [
    "Introducción",
    "Diagnóstico y problema",
    "Análisis de alternativas",
    "Objetivos",
    "Ejes transversales",
    "Poblaciones potenciales",
    "Responsables y sectores relevantes",
    "Anexos",
]
TOPICS = [
    "Criterios de apertura", "Estándares de datos", "Metadatos", "Licencias de uso",
    "Calidad de los datos", "Periodicidad de actualización", "Capacidades institucionales",
    "Participación ciudadana", "Protección de datos personales", "Interoperabilidad",
    "Uso y reutilización", "Seguimiento", "Evaluación", "Comunidad de práctica", "Objetivo",
    "Municipios", "Organismos garantes", "Sujetos obligados", "Academia", "Sociedad civil",
    "Sector empresarial", "Cooperación internacional", "Capacitación", "Infraestructura",
    "Inventario de datos", "Priorización de la demanda", "Accesibilidad", "Documentación",
]  # fmt: skip
SUBJECTS = [
    "Los organismos garantes", "Los sujetos obligados", "Cada institución", "El Grupo Técnico",
    "Las áreas responsables de datos abiertos", "Las unidades de transparencia",
    "Las personas usuarias", "La comunidad de práctica", "El Sistema Nacional de Transparencia",
]  # fmt: skip
VERBS = [
    "identifican", "publican", "documentan", "priorizan", "actualizan", "revisan", "promueven",
    "evalúan", "acompañan", "difunden", "consultan", "armonizan",
]  # fmt: skip
OBJECTS = [
    "los conjuntos de datos de mayor demanda", "los metadatos de cada recurso",
    "los formatos abiertos y legibles por máquina", "las licencias de uso",
    "los calendarios de actualización", "los inventarios institucionales de datos",
    "las necesidades de las personas usuarias", "los resultados del seguimiento",
    "los criterios de calidad", "las buenas prácticas nacionales e internacionales",
]  # fmt: skip
TAILS = [
    "según su contexto y sus capacidades", "de manera progresiva",
    "con la participación de los sectores relevantes", "en los tres órdenes de gobierno",
    "sin vulnerar la protección de los datos personales", "con criterios públicos y verificables",
    "para que cualquier persona pueda reutilizarlos", "en coordinación con el SNT",
]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(_sentence(rng))
    return " ".join(sentences)


def _section_body(rng: random.Random, words: int) -> str:
    parts = [_paragraph(rng, words // 3), _paragraph(rng, words // 3)]
    kind = rng.randrange(4)
    if kind == 0:
        parts.append("\n".join(f"{i}. {_sentence(rng)}" for i in range(1, 5)))
    elif kind == 1:
        rows = "\n".join(
            f"| {rng.choice(TOPICS)} | {rng.choice(['Alta', 'Media', 'Baja'])} "
            f"| {rng.choice(SUBJECTS)} |"
            for _ in range(4)
        )
        parts.append("| Tema | Prioridad | Responsable |\n| --- | --- | --- |\n" + rows)
    else:
        parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
    parts.append(_paragraph(rng, words // 3))
    return "\n\n".join(parts)


def long_pnda(*, words: int, seed: int = 2023) -> list[tuple[str, str]]:
    """60 (heading, Markdown) sections: 8 chapters, 52 subsections, "Objetivo" repeated."""
    rng = random.Random(seed)
    sections = []
    per_chapter = [7, 7, 7, 6, 7, 6, 6, 6]  # 52 subsections
    for chapter, count in zip(CHAPTERS, per_chapter, strict=True):
        sections.append((f"# {chapter}", _section_body(rng, words)))
        for topic in rng.sample(TOPICS, count):
            sections.append((f"## {topic}", _section_body(rng, words)))
    return sections


def revise(sections: list[tuple[str, str]], *, seed: int = 2024) -> list[tuple[str, str]]:
    """The next version: 12 sections reworded, 3 removed, 3 added, 2 moved within a chapter."""
    rng = random.Random(seed)
    sections = list(sections)
    subsections = [i for i, (heading, _) in enumerate(sections) if heading.startswith("## ")]
    for i in rng.sample(subsections, 12):
        heading, body = sections[i]
        sections[i] = (heading, body.replace(".", ", " + rng.choice(TAILS) + ".", 1))
    for i in sorted(rng.sample(subsections, 3), reverse=True):
        del sections[i]
    for n in range(3):
        at = rng.randrange(1, len(sections))
        sections.insert(at, (f"## Sección nueva {n + 1}", _section_body(rng, 200)))
    a, b = [i for i, (heading, _) in enumerate(sections) if heading.startswith("## ")][4:6]
    sections[a], sections[b] = sections[b], sections[a]
    return sections


def markdown(sections: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{heading}\n\n{body}" for heading, body in sections) + "\n"
