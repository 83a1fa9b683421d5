"""The catalogue's machine descriptions: `/datos/datapackage.json` validates with Frictionless
against the files it names, and `/datos/data.json` is a complete DCAT-US 1.1 catalogue."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import frictionless
import pytest
from django.urls import reverse

from abramos import opendata
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(verbosity=0)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_data_package_validates_with_frictionless_against_its_files(client, demo, tmp_path):
    package = client.get(reverse("opendata:datapackage")).json()
    # Fetch every file it names through Django and point the package at the local copies.
    for resource in package["resources"]:
        path = urlsplit(resource["path"]).path
        assert path == reverse("opendata:download", args=[resource["name"], "csv"])
        response = client.get(path)
        assert response.status_code == 200
        (tmp_path / f"{resource['name']}.csv").write_bytes(_body(response))
        resource["path"] = f"{resource['name']}.csv"
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")

    report = frictionless.validate(str(descriptor))

    if not report.valid:
        print(report.to_summary())
        for task in report.tasks:
            for error in task.errors[:10]:
                print(task.name, error.type, error.message)
    assert report.valid


def test_the_data_package_describes_every_dataset_with_its_schema(client):
    response = client.get(reverse("opendata:datapackage"))

    assert response.status_code == 200
    package = response.json()
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["path"] == "https://datos.gob.mx/libreusomx"
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == [d.slug for d in opendata.datasets()]
    for dataset in opendata.datasets():
        resource = resources[dataset.slug]
        assert resource["path"] == f"http://testserver/datos/{dataset.slug}.csv"
        assert resource["format"] == "csv"
        assert resource["mediatype"] == "text/csv"
        assert resource["encoding"] == "utf-8"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == dataset.field_names
        assert all(f["type"] and f["description"] for f in fields)
        assert resource["schema"]["primaryKey"] == [dataset.primary_key]


_DATASET_KEYS = {
    "identifier", "title", "description", "keyword", "modified", "publisher", "contactPoint",
    "accessLevel", "accrualPeriodicity", "landingPage", "license", "distribution",
}  # fmt: skip
_DISTRIBUTION_KEYS = {"downloadURL", "mediaType", "format", "title"}


def test_data_json_has_every_required_key_for_each_dataset_and_distribution(client, demo, settings):
    response = client.get(reverse("opendata:dcat"))

    assert response.status_code == 200
    catalogue = response.json()
    assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    items = catalogue["dataset"]
    assert len(items) == len(opendata.datasets())
    assert len({item["identifier"] for item in items}) == len(items)
    for item in items:
        assert set(item) >= _DATASET_KEYS, _DATASET_KEYS - set(item)
        assert all(item[key] for key in _DATASET_KEYS), item["identifier"]
        assert item["keyword"] and all(isinstance(k, str) for k in item["keyword"])
        assert item["publisher"]["name"]
        assert item["contactPoint"]["fn"]
        assert item["contactPoint"]["hasEmail"] == f"mailto:{settings.CONTACT_EMAIL}"
        assert item["license"] == "https://datos.gob.mx/libreusomx"
        assert item["landingPage"].startswith("http://testserver/")
        assert item["modified"][:4].isdigit()
        formats = set()
        for distribution in item["distribution"]:
            assert set(distribution) >= _DISTRIBUTION_KEYS
            assert distribution["downloadURL"].startswith("http://testserver/datos/")
            formats.add(distribution["mediaType"])
            download = client.get(urlsplit(distribution["downloadURL"]).path)
            assert download.status_code == 200
            assert download["Content-Type"].startswith(distribution["mediaType"])
        assert formats == {"text/csv", "application/json"}


def test_data_json_speaks_the_active_language(client):
    spanish = client.get("/datos/data.json").json()["dataset"]
    english = client.get("/en/datos/data.json").json()["dataset"]

    titles = {d["identifier"].rsplit("/", 2)[-2]: d["title"] for d in spanish}
    english_titles = {d["identifier"].rsplit("/", 2)[-2]: d["title"] for d in english}
    assert english_titles["actividades"] == "Activities of the process"
    assert titles.keys() == english_titles.keys()
