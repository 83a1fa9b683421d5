import pytest

from strategy.models import Activity
from strategy.tests.factories import ActivityFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_process_page_answers_in_both_languages(client, three_stages, prefix):
    assert client.get(f"{prefix}/proceso/").status_code == 200


def test_process_page_draws_the_timeline_as_an_accessible_picture(client, three_stages):
    ActivityFactory(stage=three_stages[1], title="Foros regionales en las entidades federativas")
    html = client.get("/en/proceso/").text
    assert '<svg class="timeline__svg"' in html
    assert 'role="img"' in html
    assert '<title id="timeline-title">Timeline of the construction process</title>' in html
    assert "3 stages and 1 activity" in html
    assert 'style="' not in html
    assert "<script" not in html


def test_process_page_lists_each_stage_with_its_activities_and_documents(client, three_stages):
    activity = ActivityFactory(
        stage=three_stages[0],
        title="Instalación del Grupo Impulsor",
        kind=Activity.Kind.INSTALLATION,
        status=Activity.Status.DONE,
    )
    DocumentFactory(title="Estrategia Abramos México", activity=activity, stage=three_stages[0])
    DocumentFactory(title="Resumen de la etapa 2", stage=three_stages[1])
    DocumentFactory(title="Documento suelto")
    html = client.get("/en/proceso/").text
    for stage in three_stages:
        assert f'id="etapa-{stage.number}"' in html
    assert f"/en/proceso/actividades/{activity.slug}/" in html
    assert "Installation" in html
    assert "Estrategia Abramos México" in html
    assert "Other documents of stage 2" in html
    assert "Resumen de la etapa 2" in html
    assert "Documento suelto" in html


def test_process_page_makes_few_queries_whatever_the_number_of_activities(
    client, three_stages, django_assert_max_num_queries
):
    for n in range(40):
        activity = ActivityFactory(stage=three_stages[n % 3])
        DocumentFactory(activity=activity, stage=activity.stage)
        DocumentFactory(stage=activity.stage)
    with django_assert_max_num_queries(5):
        assert client.get("/proceso/").status_code == 200
