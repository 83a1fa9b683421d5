"""The consultation report: one definition of each figure, the same numbers on every page, a
fixed number of queries, the CSV and the PDF."""

import csv
import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from abramos import geo
from consultation import report, report_pdf
from consultation.models import Consultation
from consultation.tests.conftest import PNDA
from consultation.tests.report_fixtures import *  # noqa: F403 (fixtures)
from consultation.tests.report_fixtures import add_many_comments, load_demo
from drafts.tests.conftest import publish

pytestmark = pytest.mark.django_db

REPORT = "/consulta/informe/"
CSV = "/consulta/informe.csv"
PDF = "/consulta/informe.pdf"


def _build(consultation) -> report.Report:
    """The report with English labels: assertions on msgids hold whatever the catalogue says."""
    with translation.override("en"):
        return report.build(consultation)


def _figure(html: str, name: str) -> str:
    marker = f'data-figure="{name}">'
    return html.split(marker, 1)[1].split("<", 1)[0].strip()


# The figures and their definitions ---------------------------------------------------------


def test_every_figure_counts_hidden_and_withdrawn_comments_as_part_of_the_record(record):
    totals = report.totals(record.first.consultation)
    assert totals.comments == 5  # first, second, hidden, withdrawn, in person
    assert totals.replies == 1
    assert (totals.hidden, totals.withdrawn) == (1, 1)
    definition = str(report.DEFINITIONS["record"][1])
    assert "retirados" in definition and "ocultados" in definition


def test_a_participant_is_each_account_once_plus_each_in_person_contribution(record):
    totals = report.totals(record.first.consultation)
    # Ana (2 comments) and Beto (2 comments and a reply) count once each; Rosa, in person, once.
    assert (totals.participants_online, totals.participants_in_person) == (2, 1)
    assert totals.participants == 3


def test_the_answered_share_counts_published_answers_only(record):
    totals = report.totals(record.first.consultation)
    assert totals.answered == 1  # the draft answer to the second comment does not count
    assert totals.answered_share == Decimal("20.0")


def test_the_breakdowns_add_up_to_the_totals(record):
    result = _build(record.first.consultation)
    totals = result.totals
    assert sum(n for _label, n in result.by_section) == totals.comments
    assert sum(n for _label, n in result.by_channel) == totals.comments
    assert dict(result.by_channel)["In person"] == totals.in_person == 1
    assert sum(n for _label, n in result.by_sector) == totals.participants
    assert sum(n for _label, n in result.by_state) == totals.participants
    assert sum(n for _label, n in result.by_outcome) == totals.answered
    assert dict(result.by_outcome)["Incorporated"] == 1
    assert (totals.supports, totals.sessions) == (1, 1)


def test_representativeness_compares_participants_with_the_population_by_state(record):
    result = _build(record.first.consultation)
    rows = {row.code: row for row in result.states}
    assert len(rows) == 32
    # Ana lives in Jalisco (14), Rosa in Oaxaca (20); Beto did not say: 2 participants in Mexico.
    assert rows["14"].participants == 1 and rows["14"].participant_share == Decimal("50.0")
    population = sum(state.population for state in geo.states())
    jalisco = next(s for s in geo.states() if s.code == "14")
    share = Decimal(jalisco.population) * 100 / population
    assert rows["14"].population_share == share.quantize(Decimal("0.1"))
    assert rows["14"].ratio == (Decimal(50) / share).quantize(Decimal("0.01"))
    assert rows["01"].ratio == Decimal("0.00")
    assert Decimal(0) < result.representativeness < Decimal(100)
    assert dict(result.by_state)["Not stated"] == 1


def test_a_consultation_without_comments_has_no_shares_but_no_error(consultation):
    result = report.build(consultation)
    assert result.totals.comments == 0
    assert result.totals.answered_share is None
    assert result.representativeness is None


# The page ----------------------------------------------------------------------------------


def test_the_report_of_an_open_consultation_says_it_is_preliminary(client, record):
    response = client.get("/en" + REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preliminary report" in html
    assert "updated as comments arrive" in html
    assert "CST" in html or "CDT" in html  # dates with their zone (Mexico City)
    assert _figure(html, "participants") == "3"
    assert _figure(html, "comments") == "5"
    assert _figure(html, "answered_share") == "20.0 %"
    assert 'class="chart__svg"' in html
    assert "<style" not in html and "style=" not in html and "<script" not in html


def test_the_report_of_a_closed_consultation_is_final(client, record):
    consultation = record.first.consultation
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=90),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    html = client.get("/en" + REPORT).content.decode()
    assert "Final report" in html
    assert "Preliminary report" not in html


def test_the_report_shows_how_we_count_once_for_every_figure(client, record):
    html = client.get("/en" + REPORT).content.decode()
    assert html.count('id="como-contamos"') == 1
    for key, (_term, definition) in report.DEFINITIONS.items():
        assert f'id="definicion-{key}"' in html
        assert escape(str(definition)) in html


def test_the_report_is_in_spanish_at_the_root_and_in_english_under_en(client, record):
    assert client.get(REPORT).status_code == 200
    assert 'lang="es-MX"' in client.get(REPORT).content.decode()
    assert 'lang="en"' in client.get("/en" + REPORT).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        assert reverse("consultation:report") == REPORT


def test_the_overview_and_the_report_show_the_same_figures(client, record):
    overview = client.get("/en/consulta/").content.decode()
    page = client.get("/en" + REPORT).content.decode()
    for name in ["participants", "comments", "replies", "supports", "in_person", "sessions",
                 "answered_share"]:  # fmt: skip
        assert _figure(overview, name) == _figure(page, name), name
    assert REPORT in overview


def test_an_earlier_consultation_is_reported_with_its_key(client, record, tech_user):
    current = record.first.consultation
    older_version = publish(tech_user, PNDA, "Borrador anterior")
    older = Consultation.objects.create(
        version=older_version,
        title="Consulta anterior",
        opens_at=current.opens_at - datetime.timedelta(days=400),
        closes_at=current.opens_at - datetime.timedelta(days=300),
    )
    html = client.get("/en" + REPORT, {"consulta": older.pk}).content.decode()
    assert "Consulta anterior" in html
    assert _figure(html, "comments") == "0"
    assert "Final report" in html
    assert f"?consulta={current.pk}" in html  # the other consultation is linked


@pytest.mark.parametrize("value", ["abc", "99999", "-1"])
def test_an_unknown_consultation_is_not_found(client, record, value):
    assert client.get(REPORT, {"consulta": value}).status_code == 404
    assert client.get(CSV, {"consulta": value}).status_code == 404


def test_without_a_consultation_the_report_says_so(client, db):
    response = client.get("/en" + REPORT)
    assert response.status_code == 200
    assert "There is no public consultation yet" in response.content.decode()
    assert client.get(CSV).status_code == 404


def test_the_report_only_answers_get(client, record):
    assert client.post(REPORT).status_code == 405


# Queries -----------------------------------------------------------------------------------

REPORT_QUERIES = 10


def test_the_report_makes_the_same_few_queries_with_the_demo_and_with_many_more_comments(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    demo = load_demo()
    with django_assert_max_num_queries(REPORT_QUERIES):
        first = client.get(REPORT)
    assert first.status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/consulta/").status_code == 200

    before = report.totals(demo).comments
    add_many_comments(demo, 600)
    assert report.totals(demo).comments == before + 600
    with django_assert_max_num_queries(REPORT_QUERIES):
        assert client.get(REPORT).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/consulta/").status_code == 200
    with django_assert_max_num_queries(REPORT_QUERIES):
        assert client.get(CSV).status_code == 200


def test_the_demo_report_is_final_and_its_figures_add_up(client):
    demo = load_demo()
    result = report.build(demo)
    assert result.is_final
    assert result.totals.comments >= 250
    assert result.totals.hidden >= 1
    assert result.totals.in_person >= 30
    assert sum(n for _label, n in result.by_state) == result.totals.participants


# CSV ---------------------------------------------------------------------------------------


def test_the_csv_has_every_figure_as_a_row_of_table_category_value_share(client, record):
    response = client.get("/en" + CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["tabla", "categoria", "valor", "porcentaje", "es_demo"]
    assert {row[4] for row in rows[1:]} == {"false"}  # a real consultation
    by_key = {(table, category): (value, share) for table, category, value, share, _ in rows[1:]}
    assert by_key[("totales", "participantes")] == ("3", "")
    assert by_key[("totales", "comentarios")] == ("5", "")
    assert by_key[("totales", "comentarios_ocultos")] == ("1", "")
    assert by_key[("totales", "porcentaje_respondido")] == ("20.0", "")
    assert by_key[("comentarios_por_canal", "In person")] == ("1", "20.0")
    assert by_key[("comentarios_por_resultado", "Incorporated")] == ("1", "100.0")
    assert ("razon_de_representacion", "Jalisco") in by_key
    tables = {table for table, *_rest in rows[1:]}
    assert {"comentarios_por_seccion", "participantes_por_sector", "participantes_por_estado",
            "poblacion_por_estado", "indice_de_representatividad"} <= tables  # fmt: skip


def test_the_csv_and_the_page_agree(client, record):
    rows = list(csv.reader(io.StringIO(client.get("/en" + CSV).content.decode())))
    by_key = {(table, category): value for table, category, value, *_rest in rows[1:]}
    html = client.get("/en" + REPORT).content.decode()
    assert _figure(html, "participants") == by_key[("totales", "participantes")]
    assert _figure(html, "supports") == by_key[("totales", "apoyos")]


# PDF ---------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_prepared_by_a_task_then_served_with_the_figures(
    client, record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pending = client.get("/en" + PDF)
    # Inside the test's transaction the task only starts on commit: the page says so.
    assert pending.status_code == 202
    html = pending.content.decode()
    assert '<meta http-equiv="refresh"' in html
    assert "<script" not in html
    assert len(callbacks) == 1

    response = client.get("/en" + PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "Consultation report" in text
    assert "preliminary report" in text.lower()
    assert "How we count" in text
    assert "Representativeness index" in text
    assert "Consulta pública de la PNDA" in text
    totals = report.totals(record.first.consultation)
    assert f"{totals.answered_share} %" in text


def test_a_new_comment_makes_the_stored_pdf_stale_and_a_new_one_replaces_it(
    client, record, citizen, django_capture_on_commit_callbacks
):
    from consultation import services

    with django_capture_on_commit_callbacks(execute=True):
        client.get("/en" + PDF)
    consultation = record.first.consultation
    with translation.override("en"):
        old_name = report_pdf.current(report.build(consultation), "en")
    assert old_name is not None

    services.comment_create(actor=citizen, consultation=consultation, body="Otra idea.")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/en" + PDF).status_code == 202
    assert client.get("/en" + PDF).status_code == 200
    with translation.override("en"):
        new_name = report_pdf.current(report.build(consultation), "en")
    assert new_name != old_name
    assert not default_storage.exists(old_name)


def test_asking_twice_while_it_is_pending_queues_one_rendering(
    client, record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.get(PDF)
        client.get(PDF)
    assert len(callbacks) == 1


def test_the_spanish_pdf_is_in_spanish(client, record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(PDF)
    response = client.get(PDF)
    assert response.status_code == 200
    text = _pdf_text(b"".join(response.streaming_content))
    with translation.override(settings.LANGUAGE_CODE):
        assert str(report.DEFINITIONS["participants"][0]) in text


def test_the_report_maps_participation_per_100000_inhabitants_with_its_table(client, record):
    html = client.get(REPORT).text
    assert '<figure class="tilemap">' in html
    assert html.count("tilemap__tile--r") == 32
    assert "Participantes por cada 100,000 habitantes, por estado" in html
    # The table carries the same figure for every state (the map is aria-hidden).
    assert "Por cada 100,000 habitantes</th>" in html


def test_the_consultation_page_maps_its_in_person_sessions(client, record):
    html = client.get("/consulta/").text
    assert "Sesiones presenciales por estado" in html
    assert html.count("tilemap__tile--r") == 32
