"""Open data of the consultation: comments and answers, with only what the public pages show."""

import datetime
import re

import pytest

from abramos import opendata
from consultation import datasets
from consultation.tests.report_fixtures import *  # noqa: F403 (fixtures)
from consultation.tests.report_fixtures import add_many_comments

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
ALLOWED_TYPES = (str, int, bool, datetime.datetime, type(None))


def _comments() -> dict[int, dict]:
    return {row["id"]: row for row in opendata.get("comentarios").rows()}


def test_both_datasets_are_registered_with_spanish_snake_case_fields():
    for slug in ["comentarios", "respuestas"]:
        dataset = opendata.get(slug)
        assert dataset is not None
        for name in dataset.field_names:
            assert re.fullmatch(r"[a-z][a-z_]*", name), name


def test_a_visible_comment_carries_its_text_author_and_answer(record):
    row = _comments()[record.first.pk]
    assert row["texto"] == "Primero."
    assert row["estatus"] == "visible"
    assert row["canal"] == "en_linea"
    assert row["autor"] == "Ana"
    # Ana did not choose to show her sector and state beside her name (accounts/public.py).
    assert (row["sector"], row["cve_ent"], row["nom_ent"]) == (None, None, None)
    assert row["seccion"] == record.first.section.anchor
    assert row["version"] == record.first.version.number
    assert (row["respondido"], row["resultado"]) == (True, "incorporado")
    assert row["apoyos"] == 1
    assert row["respuesta_a"] is None
    assert row["fecha"] == record.first.created_at


def test_a_hidden_comment_has_its_status_and_reason_but_no_text(record):
    row = _comments()[record.hidden.pk]
    assert row["estatus"] == "oculto"
    assert row["motivo_ocultamiento"] == "Lenguaje ofensivo"
    assert row["texto"] is None
    assert "Grosería" not in repr(row)


def test_a_withdrawn_comment_has_its_status_and_no_text_as_on_the_page(record):
    row = _comments()[record.withdrawn.pk]
    assert row["estatus"] == "retirado"
    assert row["texto"] is None
    assert row["motivo_ocultamiento"] is None
    assert row["seccion"] is None  # on the version as a whole


def test_replies_and_in_person_contributions_are_described(record):
    rows = _comments()
    assert rows[record.reply.pk]["respuesta_a"] == record.first.pk
    in_person = rows[record.in_person.pk]
    assert in_person["canal"] == "presencial"
    assert in_person["sesion"] == record.in_person.session_id
    assert (in_person["autor"], in_person["sector"], in_person["cve_ent"]) == (
        "Rosa",
        "civil_society",
        "20",
    )


def test_the_second_comment_with_a_draft_answer_counts_as_not_answered(record):
    row = _comments()[record.second.pk]
    assert (row["respondido"], row["resultado"]) == (False, None)


def test_only_published_answers_are_open_data(record):
    rows = list(opendata.get("respuestas").rows())
    assert [row["comentario"] for row in rows] == [record.first.pk]
    (answer,) = rows
    assert answer["resultado"] == "incorporado"
    assert answer["texto"] == "Lo incorporamos."
    assert isinstance(answer["fecha_publicacion"], datetime.datetime)
    assert "Borrador de respuesta." not in repr(rows)


def test_no_value_is_an_email_or_a_private_field(record, citizen):
    services_fields = {"email", "organisation", "password"}
    for slug in ["comentarios", "respuestas"]:
        dataset = opendata.get(slug)
        assert not services_fields & set(dataset.field_names)
        for row in dataset.rows():
            assert set(row) == set(dataset.field_names)
            for value in row.values():
                assert isinstance(value, ALLOWED_TYPES)
                assert not (isinstance(value, str) and EMAIL.search(value)), value


def test_an_anonymised_account_shows_as_on_the_page(record, citizen):
    from abramos.accounts.models import ANONYMOUS_NAME

    citizen.anonymised_at = datetime.datetime.now(datetime.UTC)
    citizen.sector = citizen.state = ""
    citizen.save()
    row = _comments()[record.first.pk]
    assert row["autor"] == ANONYMOUS_NAME
    assert (row["sector"], row["cve_ent"]) == (None, None)


def test_rows_take_one_query_whatever_the_number_of_comments(record, django_assert_num_queries):
    add_many_comments(record.first.consultation, 300)
    with django_assert_num_queries(1):
        comments = sum(1 for _row in datasets.comment_rows())
    with django_assert_num_queries(1):
        answers = sum(1 for _row in datasets.answer_rows())
    assert comments > 300 and answers >= 50


def test_the_counts_match_the_rows(record):
    for slug in ["comentarios", "respuestas"]:
        dataset = opendata.get(slug)
        assert dataset.record_count() == sum(1 for _row in dataset.rows())


def test_every_value_fits_its_declared_enum(record):
    for slug in ["comentarios", "respuestas"]:
        dataset = opendata.get(slug)
        for field in dataset.fields:
            allowed = field.constraints.get("enum")
            if allowed is None:
                continue
            for row in dataset.rows():
                assert row[field.name] is None or row[field.name] in allowed, field.name


def test_modified_is_the_newest_change(record):
    assert datasets.comments_modified() >= record.reply.created_at
    assert datasets.answers_modified() is not None


@pytest.mark.parametrize(
    "body",
    ['=HYPERLINK("http://phishing.example","Ver")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"],
)
def test_a_comment_that_looks_like_a_formula_is_text_in_the_csv_and_exact_in_the_json(
    client, citizen, consultation, body
):
    import csv
    import io
    import json

    from consultation import services

    comment = services.comment_create(actor=citizen, consultation=consultation, body=f"x{body}")
    comment.body = body  # stored as typed: the service strips leading whitespace only
    comment.save(update_fields=["body"])

    def download(fmt: str) -> bytes:
        return b"".join(client.get(f"/datos/comentarios.{fmt}").streaming_content)

    rows = list(csv.DictReader(io.StringIO(download("csv").decode(), newline="")))
    (row,) = [r for r in rows if r["id"] == str(comment.pk)]
    assert row["texto"] == "'" + body
    (obj,) = [o for o in json.loads(download("json")) if o["id"] == comment.pk]
    assert obj["texto"] == body


def test_the_data_dictionary_says_how_formulas_are_written(client):
    html = client.get("/datos/comentarios/").text
    assert 'id="formulas"' in html
