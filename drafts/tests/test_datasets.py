"""The open datasets of the PNDA (drafts/datasets.py): the published versions with their
downloads, the sections of every version, and the confirmed adoptions without the contact."""

from __future__ import annotations

import pytest

from abramos import opendata
from drafts.models import Adoption, Rendition, Section, Version
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(verbosity=0)


def test_the_drafts_register_their_datasets():
    slugs = [d.slug for d in opendata.datasets()]
    assert {"versiones", "secciones", "adopciones"} <= set(slugs)


def test_every_published_version_is_a_row_with_its_ready_downloads_and_checksums(
    demo, django_assert_num_queries
):
    with django_assert_num_queries(2):  # versions, then their ready renditions
        rows = list(opendata.get("versiones").rows())

    assert [row["numero"] for row in rows] == sorted(
        Version.objects.values_list("number", flat=True)
    )
    for row in rows:
        version = Version.objects.get(number=row["numero"])
        assert row["publicada_en"] == version.published_at
        assert row["estatus"] == version.status
        for rendition in Rendition.objects.filter(version=version):
            url, sha = row[f"url_{rendition.format}"], row[f"sha256_{rendition.format}"]
            if rendition.is_ready and rendition.file:
                assert url.endswith(rendition.get_absolute_url())
                assert sha == rendition.sha256
            else:
                assert url is None and sha is None


def test_sections_of_every_version_are_rows_with_their_markdown_text(
    demo, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = list(opendata.get("secciones").rows())

    assert len(rows) == Section.objects.count() > 0
    section = Section.objects.select_related("version").order_by("-version__number").first()
    row = next(r for r in rows if r["id"] == section.pk)
    assert row["version_numero"] == section.version.number
    assert row["ancla"] == section.anchor and row["encabezado"] == section.heading
    assert row["texto"] == section.body
    assert row["url"].endswith(section.get_absolute_url())


def test_only_confirmed_adoptions_are_published_and_never_their_contact(demo):
    dataset = opendata.get("adopciones")
    rows = list(dataset.rows())

    confirmed = Adoption.objects.confirmed()
    assert Adoption.objects.exclude(status=Adoption.Status.CONFIRMED).exists()
    assert sorted(row["id"] for row in rows) == sorted(confirmed.values_list("pk", flat=True))
    assert dataset.record_count() == len(rows)
    contacts = set(Adoption.objects.values_list("contact_name", flat=True)) | set(
        Adoption.objects.values_list("contact_email", flat=True)
    )
    for row in rows:
        assert not contacts & {str(value) for value in row.values()}
        if row["cve_ent"]:
            assert len(row["cve_ent"]) == 2 and row["nom_ent"]
