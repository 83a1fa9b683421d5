import pytest

from strategy.models import Document
from strategy.sections import ActivitySection, _providers, register_activity_section
from strategy.tests.factories import ActivityFactory, DocumentFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(three_stages):
    return ActivityFactory(
        stage=three_stages[1],
        slug="foro-regional-oaxaca",
        title="Foro regional en Oaxaca",
        place="Ciudad universitaria",
        state="20",
        responsible_group=WorkingGroupFactory(name="Grupo Técnico"),
        description="Foro con **personas expertas**.",
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_activity_page_answers_in_both_languages(client, activity, prefix):
    response = client.get(f"{prefix}/proceso/actividades/foro-regional-oaxaca/")
    assert response.status_code == 200
    assert "Foro regional en Oaxaca" in response.text


def test_activity_page_shows_stage_place_state_group_and_description(client, activity):
    html = client.get("/en/proceso/actividades/foro-regional-oaxaca/").text
    assert "Desarrollo de trabajos" in html
    assert "Ciudad universitaria" in html
    assert "Oaxaca" in html  # state 20, by name
    assert "Grupo Técnico" in html
    assert "<strong>personas expertas</strong>" in html
    assert 'aria-current="page"' in html  # the breadcrumbs
    assert 'style="' not in html


def test_activity_page_lists_its_documents_with_size_and_download(client, activity):
    DocumentFactory(
        activity=activity, title="Minuta del foro", slug="minuta-foro", file__data=b"x" * 2048
    )
    DocumentFactory(activity=activity, title="Relatoría pendiente", file=None)
    html = client.get("/en/proceso/actividades/foro-regional-oaxaca/").text
    assert "Documents of “Foro regional en Oaxaca”</caption>" in html
    assert "Minuta del foro" in html
    assert "2.0\xa0KB" in html
    assert "/en/proceso/documentos/minuta-foro/descargar/" in html
    assert "Relatoría pendiente" in html
    assert "No file yet" in html


def test_unknown_activity_is_not_found(client):
    assert client.get("/proceso/actividades/no-existe/").status_code == 404


def test_other_apps_can_add_a_section_to_the_activity_page(client, activity, monkeypatch):
    monkeypatch.setattr("strategy.sections._providers", list(_providers))

    def provider(activity, request):
        return ActivitySection(
            anchor="recursos",
            title="Recursos ejercidos",
            template_name="strategy/includes/file_facts.html",
        )

    register_activity_section(provider)
    html = client.get("/en/proceso/actividades/foro-regional-oaxaca/").text
    assert '<h2 id="recursos">Recursos ejercidos</h2>' in html


def test_activity_page_makes_few_queries_whatever_the_number_of_documents(
    client, activity, django_assert_max_num_queries
):
    for _ in range(30):
        DocumentFactory(activity=activity)
    assert Document.objects.count() == 30
    # The activity with its documents, and the spending section transparency adds (one query).
    with django_assert_max_num_queries(3):
        assert client.get("/proceso/actividades/foro-regional-oaxaca/").status_code == 200
