"""What the search finds, on the database the tests run on (PostgreSQL full-text search or the
SQLite fallback: run the suite on both)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from abramos.search.models import Entry
from abramos.search.selectors import PAGE_SIZE, PER_KIND, search
from abramos.search.tests.conftest import PNDA_NEXT
from consultation import services
from consultation.models import Answer, Comment
from drafts.tests.conftest import publish
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


def _sections(query, **kwargs):
    found = search(query, kind="seccion", **kwargs)
    return [result.entry.title for group in found.groups for result in group.results]


def _kinds(query, **kwargs):
    return search(query, **kwargs).counts


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("informacion publica", "Información pública"),
        ("INFORMACIÓN PÚBLICA", "Información pública"),
        ("datos abiertos", "Datos abiertos"),
        ("dato abierto", "Datos abiertos"),
        ("participacion ciudadana", "Participación ciudadana"),
        ("participación", "Participación ciudadana"),
        ("municipios", "Participación ciudadana"),
        ("estandares", "Estándares"),
    ],
)
def test_spanish_as_people_type_it_finds_the_section(version, query, heading):
    assert heading in _sections(query)


def test_datos_abiertos_finds_a_comment_that_says_dato_abierto(consultation, section, citizen):
    services.comment_create(
        actor=citizen, consultation=consultation, section=section,
        body="Cada dato abierto necesita su diccionario.",
    )  # fmt: skip
    assert search("datos abiertos").counts.get("comentario") == 1
    assert search("Diccionarios").counts.get("comentario") == 1


def test_words_that_are_not_there_find_nothing(version):
    assert search("ornitorrinco").total == 0


def test_a_section_whose_heading_matches_ranks_above_one_that_only_mentions_the_word(version):
    # "Estándares" says "datos abiertos" four times in its text; "Datos abiertos" is a heading.
    titles = _sections("datos abiertos")
    assert titles.index("Datos abiertos") < titles.index("Estándares")
    assert titles[0] == "Datos abiertos"


def test_a_section_result_links_to_its_version_page_at_its_anchor(version):
    entry = search("participacion", kind="seccion").groups[0].results[0].entry
    assert entry.url == f"/borradores/{version.number}/#participacion-ciudadana"
    assert entry.version == version.number


def test_comments_are_found_by_their_text(consultation, section, citizen):
    services.comment_create(
        actor=citizen,
        consultation=consultation,
        section=section,
        body="Propongo un dato abierto municipal.",
    )
    assert _kinds("municipal").get("comentario") == 1


def test_hidden_comments_never_match_not_even_by_their_text(
    consultation, section, citizen, moderator
):
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Texto ofensivo zarigüeya."
    )
    services.comment_hide(actor=moderator, comment=comment, reason="Lenguaje ofensivo")
    assert search("zarigüeya").total == 0
    call_command("search_reindex", verbosity=0)
    assert search("zarigüeya").total == 0
    assert not Entry.objects.filter(kind="comentario", object_key=str(comment.pk)).exists()


def test_a_comment_hidden_after_indexing_disappears_and_comes_back_when_restored(
    consultation, section, citizen, moderator
):
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Hablemos del ajolote."
    )
    assert _kinds("ajolote") == {"comentario": 1}
    services.comment_hide(actor=moderator, comment=comment, reason="Fuera de tema")
    assert _kinds("ajolote") == {}
    services.comment_restore(actor=moderator, comment=comment)
    assert _kinds("ajolote") == {"comentario": 1}


def test_a_withdrawn_comment_is_listed_only_as_withdrawn_without_its_text(
    consultation, section, citizen
):
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Sugiero el quetzal."
    )
    services.comment_withdraw(actor=citizen, comment=comment)
    assert search("quetzal").total == 0
    found = search("retirado", kind="comentario")
    (result,) = found.groups[0].results
    assert result.entry.status == "withdrawn"
    assert "quetzal" not in result.entry.body.lower()
    assert result.entry.url == comment.get_absolute_url()  # its own page


def test_published_answers_are_found_drafts_and_answers_to_hidden_comments_are_not(
    consultation, section, citizen, tech_user, moderator
):
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Pido formatos abiertos."
    )
    answer = services.answer_save(
        actor=tech_user, comment=comment, outcome=Answer.Outcome.INCORPORATED,
        body="Incorporamos el tapir en la versión siguiente.",
    )  # fmt: skip
    assert search("tapir").total == 0
    services.answer_save(
        actor=tech_user, comment=comment, outcome=answer.outcome, body=answer.body, publish=True
    )
    assert _kinds("tapir") == {"respuesta": 1}
    services.comment_hide(actor=moderator, comment=comment, reason="Datos personales")
    assert search("tapir").total == 0


def test_a_new_published_versions_sections_appear(version, tech_user):
    assert search("interoperabilidad").total == 0
    second = publish(tech_user, PNDA_NEXT, "Segundo borrador")
    found = search("interoperabilidad")
    (result,) = found.groups[0].results
    assert result.entry.version == second.number
    assert result.entry.url.endswith("#interoperabilidad")


def test_the_version_filter_keeps_only_that_versions_records(version, tech_user):
    second = publish(tech_user, PNDA_NEXT, "Segundo borrador")
    assert search("participacion", version=version.number).counts == {"seccion": 1}
    assert search("participacion", version=second.number).counts == {"seccion": 1}
    assert search("participacion").counts == {"seccion": 2}


def test_every_kind_shows_its_best_few_and_one_kind_is_paginated(consultation, section, citizen):
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation, version=consultation.version, section=section,
            author=citizen, body=f"Comentario {n} sobre el jaguar.", body_html=f"<p>Comentario {n} sobre el jaguar.</p>",
        )
        for n in range(PAGE_SIZE + 3)
    )  # fmt: skip
    call_command("search_reindex", verbosity=0)
    every = search("jaguar")
    assert every.counts == {"comentario": PAGE_SIZE + 3}
    assert len(every.groups[0].results) == PER_KIND
    assert every.groups[0].has_more
    first = search("jaguar", kind="comentario", page=1).groups[0].results
    second = search("jaguar", kind="comentario", page=2).groups[0].results
    beyond = search("jaguar", kind="comentario", page=99).groups[0].results
    assert len(first) == PAGE_SIZE
    assert len(second) == 3
    assert {r.entry.pk for r in first}.isdisjoint({r.entry.pk for r in second})
    assert beyond == second


def test_activities_documents_organisations_and_expenses_are_found(db):
    from abramos.accounts.models import Sector
    from strategy.models import Activity, Document, Organisation, Stage
    from transparency.models import Expense

    stage = Stage.objects.create(
        number=1, name="Preparación y apertura", slug="preparacion", months="Noviembre – Marzo",
        start_date=datetime.date(2023, 11, 1), end_date=datetime.date(2024, 3, 31),
    )  # fmt: skip
    activity = Activity.objects.create(
        stage=stage, title="Foro regional en Oaxaca", slug="foro-oaxaca", kind="forum",
        start_date=datetime.date(2024, 2, 1), description="Diálogo sobre **catálogos estatales**.",
    )  # fmt: skip
    Document.objects.create(
        title="Minuta del foro", slug="minuta-foro", kind="minutes", date=datetime.date(2024, 2, 2),
        activity=activity, description="Acuerdos sobre interoperabilidad.",
    )  # fmt: skip
    Organisation.objects.create(
        name="Colectivo Mapeo Abierto", slug="mapeo", sector=Sector.values[0]
    )
    Expense.objects.create(
        date=datetime.date(2024, 2, 1), concept="Renta de auditorio", category="venues",
        supplier="Centro Cultural Guelaguetza", amount=Decimal("1234.50"),
        funding_source="Presupuesto 2024", stage=stage,
    )  # fmt: skip
    assert _kinds("catalogo estatal") == {"actividad": 1}
    assert _kinds("interoperabilidad") == {"documento": 1}
    assert _kinds("mapeo") == {"organizacion": 1}
    assert _kinds("guelaguetza") == {"gasto": 1}
    assert _kinds("auditorios") == {"gasto": 1}
    # Renaming the activity moves its document's context and link with it.
    activity.title = "Foro regional del sur"
    activity.slug = "foro-sur"
    activity.save()
    doc = search("interoperabilidad").groups[0].results[0].entry
    assert doc.url == "/proceso/actividades/foro-sur/"
    assert "Foro regional del sur" in doc.context


def test_reindexing_rebuilds_the_same_index(consultation, section, citizen):
    services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Mi comentario."
    )
    before = sorted(Entry.objects.values_list("kind", "object_key", "title", "body", "url"))
    Entry.objects.all().delete()
    call_command("search_reindex", verbosity=0)
    after = sorted(Entry.objects.values_list("kind", "object_key", "title", "body", "url"))
    assert before == after
    assert len(after) == 5  # four sections and the comment


def test_the_demo_is_indexed_by_load_demo(db):
    load_demo(verbosity=0)
    found = search("datos abiertos")
    assert {"seccion", "comentario", "actividad"} <= set(found.counts)
