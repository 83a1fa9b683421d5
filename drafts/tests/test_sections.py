import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from drafts.sections import OPENING_ANCHOR, split_sections
from drafts.tests.conftest import PNDA_V1, PNDA_V2


def anchors(text: str) -> list[str]:
    return [section.anchor for section in split_sections(text)]


def test_each_heading_starts_a_section_with_its_level_heading_and_text():
    sections = split_sections(PNDA_V1)
    assert [(s.order, s.level, s.heading) for s in sections] == [
        (1, 1, "Introducción"),
        (2, 1, "Diagnóstico y problema"),
        (3, 2, "Problemas identificados"),
        (4, 1, "Objetivos"),
    ]
    assert sections[2].body == "Los datos públicos se publican sin estándares comunes."
    assert sections[2].path == "Diagnóstico y problema › Problemas identificados"


def test_anchors_are_ascii_and_built_from_the_heading_path():
    assert anchors(PNDA_V1) == [
        "introduccion",
        "diagnostico-y-problema",
        "diagnostico-y-problema--problemas-identificados",
        "objetivos",
    ]


def test_an_unchanged_heading_path_keeps_its_anchor_in_the_next_version():
    first = {s.path: s.anchor for s in split_sections(PNDA_V1)}
    second = {s.path: s.anchor for s in split_sections(PNDA_V2)}
    for path in ("Introducción", "Diagnóstico y problema › Problemas identificados"):
        assert first[path] == second[path]


def test_an_anchor_survives_when_its_section_moves_and_its_text_changes():
    before = "# Uno\n\nA.\n\n# Dos\n\n## Detalle\n\nB.\n"
    after = "# Dos\n\n## Detalle\n\nB cambiado.\n\n# Uno\n\nA.\n"
    assert set(anchors(before)) == set(anchors(after))


def test_repeated_headings_get_unique_anchors_in_order():
    text = "# Objetivos\n\nA.\n\n# Objetivos\n\nB.\n\n# Ejes\n\n## Metas\n\n# Ejes 2\n\n## Metas\n"
    result = anchors(text)
    assert result[:2] == ["objetivos", "objetivos-2"]
    assert "ejes--metas" in result and "ejes-2--metas" in result
    assert len(result) == len(set(result))


def test_a_heading_that_repeats_under_different_parents_is_not_numbered():
    text = "# Diagnóstico\n\n## Metas\n\n# Objetivos\n\n## Metas\n"
    assert anchors(text) == ["diagnostico", "diagnostico--metas", "objetivos", "objetivos--metas"]


def test_headings_inside_fenced_code_are_text_not_sections():
    text = "# Anexo\n\n```\n# no es un encabezado\n```\n\n~~~\n## tampoco\n~~~\n\n# Glosario\n"
    sections = split_sections(text)
    assert [s.heading for s in sections] == ["Anexo", "Glosario"]
    assert "# no es un encabezado" in sections[0].body
    assert "## tampoco" in sections[0].body


def test_text_before_the_first_heading_opens_the_document():
    sections = split_sections("Preámbulo del texto.\n\n# Introducción\n\nA.", title="PNDA")
    assert sections[0].heading == "PNDA"
    assert sections[0].anchor == OPENING_ANCHOR
    assert sections[0].body == "Preámbulo del texto."
    assert sections[1].anchor == "introduccion"


@pytest.mark.parametrize("text", ["", "   \n\n  \t"])
def test_an_empty_text_is_refused_with_a_clear_message(text):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        split_sections(text)
    assert error.value.code == "empty"
    assert "empty" in error.value.messages[0]


def test_a_text_without_headings_is_refused_and_says_how_to_add_them():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        split_sections("Un texto sin encabezados.\n\n```\n# en código\n```\n")
    assert error.value.code == "no_headings"
    assert "# Title" in error.value.messages[0]
