"""The open data catalogue at /datos/: every registered dataset downloads as CSV and JSON, the
same records in both, exactly (amounts to the centavo), with no e-mail and no private field.

Generic over `abramos.opendata.datasets()`: a dataset registered by any app is covered.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from abramos import opendata
from abramos.accounts.models import User
from abramos.opendata import Dataset, Field
from tests.demo import load_demo
from transparency.opendata_render import csv_value, json_value

pytestmark = pytest.mark.django_db

SLUGS = [dataset.slug for dataset in opendata.datasets()]
# Datasets with amounts: their sums must survive CSV and JSON to the centavo.
WITH_NUMBERS = [d.slug for d in opendata.datasets() if any(f.type == "number" for f in d.fields)]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def demo():
    load_demo(verbosity=0)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv(client, slug: str) -> tuple[list[str], list[list[str]]]:
    response = client.get(reverse("opendata:download", args=[slug, "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8"), newline="")))
    return rows[0], rows[1:]


def _json(client, slug: str) -> list[dict]:
    response = client.get(reverse("opendata:download", args=[slug, "json"]))
    assert response.status_code == 200
    return json.loads(_body(response), parse_float=Decimal)


def test_every_dataset_downloads_as_csv_and_json_with_the_same_records(client, demo):
    # One demo load for every dataset (a load per dataset made this module slow).
    for slug in SLUGS:
        _check_downloads(client, slug)


def _check_downloads(client, slug: str) -> None:
    dataset = opendata.get(slug)

    csv_response = client.get(reverse("opendata:download", args=[slug, "csv"]))
    json_response = client.get(reverse("opendata:download", args=[slug, "json"]))

    assert csv_response.status_code == 200
    assert csv_response.streaming
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{slug}.csv"' in csv_response["Content-Disposition"]
    assert json_response.status_code == 200
    assert json_response.streaming
    assert json_response["Content-Type"] == "application/json; charset=utf-8"
    assert f'filename="{slug}.json"' in json_response["Content-Disposition"]

    table = list(csv.reader(io.StringIO(_body(csv_response).decode("utf-8"), newline="")))
    header, csv_rows = table[0], table[1:]
    objects = json.loads(_body(json_response), parse_float=Decimal)
    expected = list(dataset.rows())

    assert header == dataset.field_names
    assert len(csv_rows) == len(objects) == len(expected) == dataset.record_count()
    assert all(list(obj) == dataset.field_names for obj in objects)
    # A sample, value by value: what the database gave, as each format writes it.
    for row, csv_row, obj in list(zip(expected, csv_rows, objects, strict=True))[:25]:
        assert csv_row == [csv_value(row.get(name)) for name in dataset.field_names]
        assert [json_value(obj[name]) for name in dataset.field_names] == [
            json_value(_plain(row.get(name))) for name in dataset.field_names
        ]


def _plain(value):
    """What a value reads back as from JSON: dates and datetimes are ISO strings."""
    if isinstance(value, dt.datetime):
        return json.loads(json_value(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("slug", SLUGS)
def test_every_dataset_has_a_described_snake_case_field_list(slug):
    dataset = opendata.get(slug)
    assert str(dataset.title) and str(dataset.description)
    assert dataset.primary_key in dataset.field_names
    assert len(set(dataset.field_names)) == len(dataset.fields)
    for field in dataset.fields:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", field.name), field.name
        assert str(field.description).strip(), field.name


@pytest.fixture
def amounts_dataset():
    """A dataset of awkward values, registered for the test only."""
    values = [
        Decimal("1234567890123.45"),
        Decimal("0.10"),
        Decimal("-0.01"),
        Decimal("100"),
        Decimal("0.333333333333333333333"),
    ]
    moment = dt.datetime(2025, 3, 1, 18, 30, 5, 123456, tzinfo=dt.UTC)
    rows = [
        {
            "id": i,
            "monto": amount,
            "pagado": i % 2 == 0,
            "fecha": dt.date(2025, 1, i + 1),
            "registrado": moment,
            "nota": None if i == 3 else f'con "comillas", comas y ñ {i}',
        }
        for i, amount in enumerate(values)
    ]
    dataset = opendata.register(
        Dataset(
            slug="prueba-montos",
            title="Prueba",
            description="Prueba",
            fields=[
                Field("id", "integer", "id"),
                Field("monto", "number", "monto"),
                Field("pagado", "boolean", "pagado"),
                Field("fecha", "date", "fecha"),
                Field("registrado", "datetime", "registrado"),
                Field("nota", "string", "nota"),
            ],
            rows=lambda: iter(rows),
            modified=lambda: moment,
            count=lambda: len(rows),
        )
    )
    yield dataset, values
    opendata._datasets.pop(dataset.slug)


def test_decimal_amounts_round_trip_exactly_through_csv_and_json(client, amounts_dataset):
    _dataset, values = amounts_dataset

    header, rows = _csv(client, "prueba-montos")
    objects = _json(client, "prueba-montos")

    assert [Decimal(row[1]) for row in rows] == values
    assert [row[1] for row in rows] == [
        "1234567890123.45",
        "0.10",
        "-0.01",
        "100",
        "0.333333333333333333333",
    ]
    assert [obj["monto"] for obj in objects] == values
    assert [str(obj["monto"]) for obj in objects] == [row[1] for row in rows]
    assert [row[2] for row in rows] == ["true", "false", "true", "false", "true"]
    assert [obj["pagado"] for obj in objects] == [True, False, True, False, True]
    assert rows[0][3] == objects[0]["fecha"] == "2025-01-01"
    assert rows[0][4] == objects[0]["registrado"] == "2025-03-01T18:30:05Z"
    assert rows[3][5] == "" and objects[3]["nota"] is None
    assert rows[1][5] == objects[1]["nota"] == 'con "comillas", comas y ñ 1'


def test_number_fields_sum_to_the_centavo_in_csv_and_json(client, demo):
    assert WITH_NUMBERS
    for slug in WITH_NUMBERS:
        _check_sums(client, slug)


def _check_sums(client, slug: str) -> None:
    dataset = opendata.get(slug)
    numbers = [f.name for f in dataset.fields if f.type == "number"]
    header, rows = _csv(client, slug)
    objects = _json(client, slug)
    for name in numbers:
        expected = sum((row[name] or Decimal(0) for row in dataset.rows()), Decimal(0))
        index = header.index(name)
        assert sum((Decimal(r[index]) for r in rows if r[index]), Decimal(0)) == expected
        assert sum((o[name] or Decimal(0) for o in objects), Decimal(0)) == expected


def test_no_dataset_carries_an_email(client, demo):
    for slug in SLUGS:
        _header, rows = _csv(client, slug)
        text = "\n".join(",".join(row) for row in rows)
        assert not EMAIL.search(text), (slug, EMAIL.search(text).group())


# What a person keeps private: their account's fields, except what they choose to show.
_PUBLIC_PROFILE = {"id", "display_name", "sector", "state", "organisation"}
_PRIVATE_WORDS = {
    "email", "correo", "mail", "password", "contrasena", "last_login", "ultimo_acceso",
    "privacy", "privacidad", "aviso", "consent", "consentimiento", "telefono", "phone", "ip",
    "is_staff", "is_superuser", "is_active", "date_joined", "anonymised", "anonimizado",
    "contacto", "contact",
}  # fmt: skip


def test_no_dataset_field_is_a_private_profile_field():
    private = {
        f.name for f in User._meta.concrete_fields if f.name not in _PUBLIC_PROFILE
    } | _PRIVATE_WORDS
    assert "email" in private and "privacy_accepted_at" in private
    for dataset in opendata.datasets():
        for name in dataset.field_names:
            parts = set(name.split("_"))
            for word in private:
                assert word != name and not (set(word.split("_")) <= parts), (
                    dataset.slug,
                    name,
                    word,
                )


@pytest.mark.parametrize(
    "url",
    ["/datos/no-existe/", "/datos/no-existe.csv", "/datos/no-existe.json", "/en/datos/no-existe/"],
)
def test_an_unknown_dataset_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_catalogue_lists_every_dataset_with_licence_date_count_and_downloads(client, demo):
    response = client.get(reverse("opendata:catalogue"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "https://datos.gob.mx/libreusomx" in html
    assert "Libre Uso MX" in html
    for dataset in opendata.datasets():
        assert reverse("opendata:dataset", args=[dataset.slug]) in html
        assert reverse("opendata:download", args=[dataset.slug, "csv"]) in html
        assert reverse("opendata:download", args=[dataset.slug, "json"]) in html
    entries = {entry.slug: entry for entry in response.context["entries"]}
    activities = entries["actividades"]
    assert activities.count == opendata.get("actividades").record_count() > 0
    assert activities.modified is not None
    assert reverse("opendata:dcat") in html and reverse("opendata:datapackage") in html


def test_the_catalogue_is_in_english_under_en(client, demo):
    response = client.get("/en/datos/")
    assert response.status_code == 200
    assert "Open data" in response.content.decode()
    assert 'href="/en/datos/actividades.csv"' in response.content.decode()


def test_a_dataset_page_shows_its_data_dictionary_and_downloads(client, demo):
    dataset = opendata.get("actividades")
    response = client.get(reverse("opendata:dataset", args=["actividades"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and 'scope="col"' in html
    for field in dataset.fields:
        assert f"<code>{field.name}</code>" in html
    assert "/datos/actividades.csv" in html and "/datos/actividades.json" in html


def _grow():
    from strategy.models import Activity, Document, Organisation, Stage

    stage = Stage.objects.first()
    for i in range(30):
        Activity.objects.create(
            stage=stage, title=f"Extra {i}", slug=f"extra-{i}", kind="meeting",
            start_date=stage.start_date, state="14",
        )  # fmt: skip
        Document.objects.create(
            title=f"Doc {i}", slug=f"doc-{i}", kind="other", date=stage.start_date
        )
        Organisation.objects.create(name=f"Org {i}", slug=f"org-{i}", sector="academia")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        _body(response)
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/datos/", "/datos/actividades/", "/datos/data.json", "/datos/datapackage.json"]
)
def test_catalogue_pages_make_a_bounded_number_of_queries(
    client, demo, django_assert_max_num_queries, url, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request rendered: the queries are what is measured
    # Two or three per dataset (its count and its last change), and no more with more data.
    with django_assert_max_num_queries(3 * len(opendata.datasets()) + 5):
        assert client.get(url).status_code == 200
    before = _queries(client, url)
    _grow()
    assert _queries(client, url) == before


def test_a_download_is_a_constant_number_of_queries_whatever_the_rows(client, demo):
    url = reverse("opendata:download", args=["actividades", "csv"])
    before = _queries(client, url)
    _grow()
    assert _queries(client, url) == before


def test_a_download_answers_not_modified_when_nothing_changed(client, demo):
    url = reverse("opendata:download", args=["actividades", "csv"])
    first = client.get(url)
    assert "Last-Modified" in first and "max-age" in first["Cache-Control"]

    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304
