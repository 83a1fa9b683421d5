import datetime

import pytest

from strategy.models import Activity
from strategy.tests.factories import ActivityFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_home_page_answers_in_both_languages(client, three_stages, prefix):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    for stage in three_stages:
        assert stage.name in response.text


def test_home_marks_the_current_stage_and_shows_progress(client, three_stages):
    html = client.get("/en/").text
    assert html.count('aria-current="step"') == 1
    current = html.split('aria-current="step"')[1]
    assert "Desarrollo de trabajos" in current.split("</li>")[0]
    assert '<progress class="progress" value="200" max="360"' in html
    assert "Calendar elapsed" in html
    assert 'style="' not in html
    assert "<script" not in html


def test_home_lists_next_activities_soonest_first(client, three_stages, today):
    stage = three_stages[1]
    ActivityFactory(stage=stage, title="Foro siguiente", start_date=today + datetime.timedelta(5))
    ActivityFactory(stage=stage, title="Mesa pronto", start_date=today + datetime.timedelta(1))
    ActivityFactory(
        stage=stage,
        title="Reunión pasada",
        start_date=today - datetime.timedelta(3),
        status=Activity.Status.DONE,
    )
    html = client.get("/en/").text
    assert "Next activities" in html
    assert html.index("Mesa pronto") < html.index("Foro siguiente")
    assert "Reunión pasada" not in html


def test_home_lists_the_latest_activities_when_none_is_coming(client, three_stages, today):
    ActivityFactory(
        stage=three_stages[0],
        title="Instalación del Grupo Impulsor",
        start_date=today - datetime.timedelta(150),
        status=Activity.Status.DONE,
    )
    html = client.get("/en/").text
    assert "Latest activities" in html
    assert "Instalación del Grupo Impulsor" in html


def test_home_lists_the_latest_documents_with_download_links(client, three_stages):
    DocumentFactory(title="Ruta crítica", slug="ruta-critica")
    html = client.get("/en/").text
    assert "Ruta crítica" in html
    assert "/en/proceso/documentos/ruta-critica/descargar/" in html


def test_home_works_before_any_content_exists(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "have not been published yet" in response.text


def test_home_makes_few_queries_whatever_the_number_of_activities(
    client, three_stages, today, django_assert_max_num_queries
):
    for n in range(40):
        ActivityFactory(stage=three_stages[n % 3], start_date=three_stages[n % 3].start_date)
        DocumentFactory()
    # 3 for the overview, 2 for the calls other apps put on top (drafts looks for an approved
    # policy, consultation for an open consultation: none here).
    with django_assert_max_num_queries(5):
        assert client.get("/").status_code == 200
