import pytest
from django.utils import translation

from drafts.diff import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    compare_sections,
    compare_texts,
    word_diff,
)
from drafts.sections import split_sections
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def kinds(comparison) -> dict[str, str]:
    return {
        change.heading: change.kind + (" moved" if change.moved else "")
        for change in comparison.changes
    }


def test_word_diff_marks_removed_and_added_words():
    html = word_diff(
        "Los datos se publican sin estándares.", "Los datos abiertos se publican con estándares."
    )
    assert html == (
        "Los datos "
        '<ins><span class="visually-hidden">added text: </span>abiertos</ins> '
        "se publican "
        '<del><span class="visually-hidden">removed text: </span>sin</del> '
        '<ins><span class="visually-hidden">added text: </span>con</ins> '
        "estándares."
    )


def test_word_diff_of_equal_texts_marks_nothing():
    assert word_diff("Igual texto.", "Igual texto.") == "Igual texto."


def test_word_diff_escapes_the_text_it_compares():
    html = word_diff("Hola <b>mundo</b>", 'Hola <script>alert("x")</script> & <b>mundo</b>')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert "&lt;b&gt;mundo&lt;/b&gt;" in html


def test_word_diff_labels_the_changes_for_people_who_do_not_see_colour():
    html = word_diff("uno dos", "uno tres")
    assert '<del><span class="visually-hidden">removed text: </span>dos</del>' in html
    assert '<ins><span class="visually-hidden">added text: </span>tres</ins>' in html


def test_word_diff_keeps_line_breaks_of_the_new_text():
    assert word_diff("a\n\nb", "a\n\nb c") == (
        'a\n\nb <ins><span class="visually-hidden">added text: </span>c</ins>'
    )


def test_word_diff_unwraps_hard_wrapped_lines_but_keeps_paragraphs_and_list_items():
    text = "Una línea\npartida en dos.\n\n- primer punto\n- segundo\n1. numerado\n> cita"
    assert word_diff(text, text) == (
        "Una línea partida en dos.\n\n- primer punto\n- segundo\n1. numerado\n&gt; cita"
    )


def test_a_rewritten_sentence_reads_as_one_removal_and_one_addition():
    html = word_diff(
        "Se eligió iniciar acciones conjuntas para construir una política nacional.",
        "Se adopta como instrumento referencial una guía con criterios comunes.",
    )
    # "una", the only word the two share, does not split the change in two
    assert html.count("<del>") == 1
    assert html.count("<ins>") == 1
    assert html.startswith("Se <del>")
    assert html.endswith("</ins>.")


def test_small_edits_between_unchanged_words_stay_precise():
    html = word_diff(
        "Se elige la segunda alternativa por su costo.",
        "Se adopta la alternativa mixta por su viabilidad.",
    )
    assert html.count("<del>") == 3
    assert "la <del>" in html


def test_comparing_the_two_fixture_versions_names_added_removed_changed_and_unchanged():
    comparison = compare_sections(split_sections(PNDA_V1), split_sections(PNDA_V2))
    assert kinds(comparison) == {
        "Introducción": CHANGED,
        "Diagnóstico y problema": UNCHANGED,
        "Problemas identificados": UNCHANGED,
        "Objetivos": REMOVED,
        "Análisis de alternativas": ADDED,
    }
    assert comparison.counts == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "moved": 0,
        "unchanged": 2,
    }
    introduction = comparison.changes[0]
    assert introduction.body_diff.endswith(
        'garantes <ins><span class="visually-hidden">added text: </span>y sujetos obligados</ins>.'
    )
    assert "<ins>" in introduction.body_diff
    assert introduction.heading_diff is None


def test_a_removed_section_stays_where_it_was_in_the_old_text():
    comparison = compare_sections(split_sections(PNDA_V1), split_sections(PNDA_V2))
    assert [c.heading for c in comparison.changes] == [
        "Introducción",
        "Diagnóstico y problema",
        "Problemas identificados",
        "Objetivos",
        "Análisis de alternativas",
    ]


OLD = """# Introducción

Texto de inicio.

# Diagnóstico

Los problemas.

# Objetivos

Metas claras.

# Ejes transversales

Igualdad.

# Anexos

Glosario.
"""

NEW = """# Introducción

Texto de inicio.

# Objetivos

Metas claras y medibles.

# Diagnóstico

Los problemas.

# Ejes transversales

Igualdad.

# Poblaciones potenciales

Personas y organizaciones.
"""


def test_a_section_whose_place_changed_is_moved_and_may_also_be_changed():
    comparison = compare_sections(split_sections(OLD), split_sections(NEW))
    assert kinds(comparison) == {
        "Introducción": UNCHANGED,
        "Objetivos": CHANGED + " moved",
        "Diagnóstico": UNCHANGED,
        "Ejes transversales": UNCHANGED,
        "Anexos": REMOVED,
        "Poblaciones potenciales": ADDED,
    }
    objectives = next(c for c in comparison.changes if c.heading == "Objetivos")
    assert objectives.previously_after == "Diagnóstico"
    assert comparison.counts["moved"] == 1
    assert comparison.counts["unchanged"] == 3


def test_unchanged_sections_in_a_row_are_folded_together():
    comparison = compare_sections(split_sections(OLD), split_sections(NEW))
    items = comparison.items
    runs = [item for item in items if item.is_run]
    assert [[c.heading for c in run.changes] for run in runs] == [
        ["Introducción"],
        ["Diagnóstico", "Ejes transversales"],
    ]
    assert len(items) == 5


def test_a_renamed_heading_is_another_section_and_a_changed_level_is_a_change():
    old = split_sections("# Metas\n\nA.\n\n## Uno\n\nB.\n")
    new = split_sections("# Objetivos\n\nA.\n\n# Uno\n\nB.\n")
    comparison = compare_sections(old, new)
    assert [(c.heading, c.kind) for c in comparison.changes] == [
        ("Metas", REMOVED),
        ("Uno", REMOVED),  # its path was Metas › Uno
        ("Objetivos", ADDED),
        ("Uno", ADDED),
    ]
    old = split_sections("# Uno\n\nA.\n\n### Dos\n")
    new = split_sections("# Uno\n\nA.\n\n## Dos\n")
    change = compare_sections(old, new).changes[1]
    assert (change.kind, change.level_changed) == (CHANGED, True)


def test_reflowing_a_paragraph_is_not_a_change():
    old = split_sections("# Uno\n\nUna línea\nlarga partida.\n")
    new = split_sections("# Uno\n\nUna línea larga partida.\n")
    assert compare_sections(old, new).has_changes is False


def test_texts_that_cannot_be_published_can_still_be_compared():
    comparison = compare_texts("", "Un borrador sin encabezados.", title="PNDA")
    assert kinds(comparison) == {"PNDA": ADDED}
    comparison = compare_texts("Sin encabezados.", "# Ya con encabezado\n\nTexto.", title="PNDA")
    assert kinds(comparison) == {"Ya con encabezado": ADDED, "PNDA": REMOVED}


@pytest.mark.django_db
def test_the_diff_of_two_published_versions_matches_their_sections_by_anchor(tech_user):
    first = publish(tech_user, PNDA_V1, "Primer borrador")
    second = publish(tech_user, PNDA_V2, "Segundo borrador")
    comparison = compare_sections(
        list(first.sections.order_by("order")), list(second.sections.order_by("order"))
    )
    assert comparison.counts == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "moved": 0,
        "unchanged": 2,
    }


# Formatted comparison ---------------------------------------------------------------------------


def test_the_formatted_comparison_reads_as_the_text_does_with_the_changes_marked():
    from drafts.diff import formatted_diff

    old = "Los **organismos garantes** publican.\n\n- Criterios\n- Estándares\n\n| Eje | Meta |\n| --- | --- |\n| Apertura | 2025 |\n"
    new = "Los **organismos garantes y sujetos obligados** publican.\n\n- Criterios\n- Presupuesto\n- Estándares\n\n| Eje | Meta |\n| --- | --- |\n| Apertura | 2026 |\n"
    html = str(formatted_diff(old, new))
    assert "**" not in html and "- " not in html and "|" not in html  # no Markdown shows
    assert "<strong>" in html and "<li>" in html and "<td>" in html
    assert '<span class="visually-hidden">added text: </span>y sujetos obligados</ins>' in html
    assert "<li><ins>" in html and "Presupuesto</ins></li>" in html
    # A changed table is shown whole: the old one struck out, the new one inserted.
    removed = html.split('<del class="change__block">')[1].split("</del>")[0]
    added = html.split('<ins class="change__block">')[1].split("</ins>")[0]
    assert "<td>2025</td>" in removed and "<td>2026</td>" in added


def test_no_mark_lands_inside_a_link_a_nested_list_or_a_new_table():
    from drafts.diff import formatted_diff

    link = str(
        formatted_diff(
            "Ver [el portal](https://datos.gob.mx/a) hoy.",
            "Ver [el portal](https://datos.gob.mx/b) hoy.",
        )
    )
    assert 'href="https://datos.gob.mx/b"' in link and 'href="https://datos.gob.mx/a"' in link
    assert "&lt;" not in link  # no markup shown as text
    nested = str(formatted_diff("- a\n    - b\n- c", "- a\n    - b2\n- c"))
    assert nested.count("<ul>") == 4  # the old and the new list, each with its inner list
    table = str(formatted_diff("Texto.", "Texto.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"))
    assert "<p>Texto.</p>" in table and '<ins class="change__block">' in table
    assert "<table>" in table and "---" not in table


def test_a_change_across_paragraphs_or_emphasis_is_marked_in_each_and_stays_well_formed():
    from html.parser import HTMLParser

    from drafts.diff import formatted_diff

    html = str(formatted_diff("Uno **dos** tres.\n\nCuatro.", "Uno cinco seis.\n\nSiete."))

    class Balance(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open = []

        def handle_starttag(self, tag, attrs):
            if tag not in {"br", "hr"}:
                self.open.append(tag)

        def handle_endtag(self, tag):
            assert self.open and self.open[-1] == tag, (tag, self.open, html)
            self.open.pop()

    checker = Balance()
    checker.feed(html)
    assert checker.open == []
    assert html.count("<p>") == 2 and "<ins>" in html and "<del>" in html


def test_html_in_the_text_stays_text_in_the_formatted_comparison():
    from drafts.diff import formatted_diff

    html = str(formatted_diff("Texto.", 'Texto <script>alert("x")</script> nuevo.'))
    assert "<script" not in html and "&lt;script&gt;" in html
