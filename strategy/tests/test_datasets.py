"""The open datasets of the process (strategy/datasets.py): what the public pages show, as rows
read in one query, whatever their number."""

from __future__ import annotations

import pytest

from abramos import geo, opendata
from strategy.models import Activity, Document, Membership
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

STRATEGY_SLUGS = [
    "etapas", "actividades", "documentos", "grupos-de-trabajo", "mesas-tematicas",
    "organizaciones", "integrantes",
]  # fmt: skip


@pytest.fixture
def demo():
    load_demo(verbosity=0)


def test_the_process_registers_its_datasets():
    slugs = [d.slug for d in opendata.datasets()]
    assert all(slug in slugs for slug in STRATEGY_SLUGS)


@pytest.mark.parametrize("slug", STRATEGY_SLUGS)
def test_rows_are_read_in_one_query_and_counted_in_one(
    demo, slug, django_assert_num_queries, django_assert_max_num_queries
):
    dataset = opendata.get(slug)
    with django_assert_num_queries(1):
        rows = list(dataset.rows())
    with django_assert_num_queries(1):
        assert dataset.record_count() == len(rows) > 0
    with django_assert_max_num_queries(2):
        assert dataset.modified() is not None
    assert all(list(row) == dataset.field_names for row in rows)


def test_an_activity_row_matches_the_database_with_its_state_by_inegi_code(demo):
    activity = Activity.objects.exclude(state="").select_related("stage").first()
    rows = {row["id"]: row for row in opendata.get("actividades").rows()}

    row = rows[activity.pk]
    assert row["titulo"] == activity.title
    assert row["etapa_numero"] == activity.stage.number
    assert row["fecha_inicio"] == activity.start_date
    assert row["fecha_fin"] == activity.end_date
    assert row["tipo"] == activity.kind and row["estatus"] == activity.status
    assert row["cve_ent"] == activity.state and len(row["cve_ent"]) == 2
    assert row["nom_ent"] == geo.state_name(activity.state)
    assert row["url"].endswith(activity.get_absolute_url())


def test_a_document_row_has_its_download_address_only_when_it_has_a_file(demo):
    rows = {row["id"]: row for row in opendata.get("documentos").rows()}
    for document in Document.objects.all():
        row = rows[document.pk]
        assert row["titulo"] == document.title and row["fecha"] == document.date
        assert row["tamano_bytes"] == document.size
        if document.file:
            assert row["url_descarga"].endswith(document.get_download_url())
        else:
            assert row["url_descarga"] is None


def test_members_appear_with_their_published_name_and_position_only(demo):
    dataset = opendata.get("integrantes")
    membership = Membership.objects.select_related("person").first()
    row = next(r for r in dataset.rows() if r["id"] == membership.pk)

    assert row["persona"] == membership.person.name
    assert row["cargo"] == membership.person.position
    assert not {"email", "correo", "telefono"} & set(dataset.field_names)
