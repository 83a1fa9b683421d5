import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from strategy.models import Activity, Person, WorkingGroup
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

MODELS = [
    "stage",
    "activity",
    "document",
    "action",
    "workinggroup",
    "thematictable",
    "organisation",
    "person",
    "membership",
]


@pytest.fixture
def technical_group_client(client):
    load_demo()
    client.force_login(get_user_model().objects.get(email="tecnico@abramos.mx"))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_technical_group_can_open_each_list_and_add_page(technical_group_client, model):
    client = technical_group_client
    assert client.get(reverse(f"admin:strategy_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:strategy_{model}_add")).status_code == 200


def test_change_pages_show_their_inlines_and_history(technical_group_client):
    client = technical_group_client
    activity = Activity.objects.get(slug="construccion-de-los-documentos-base")
    response = client.get(reverse("admin:strategy_activity_change", args=[activity.pk]))
    assert response.status_code == 200
    assert "Ruta crítica" in response.text  # the documents inline
    group = WorkingGroup.objects.get(slug="grupo-tecnico")
    response = client.get(reverse("admin:strategy_workinggroup_change", args=[group.pk]))
    assert "enlace técnico" in response.text
    person = Person.objects.get(slug="laura-mendez-ortiz")
    assert client.get(reverse("admin:strategy_person_change", args=[person.pk])).status_code == 200
    history = reverse("admin:strategy_activity_history", args=[activity.pk])
    assert client.get(history).status_code == 200


def test_autocomplete_finds_stages_for_the_activity_form(technical_group_client):
    response = technical_group_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "strategy",
            "model_name": "activity",
            "field_name": "stage",
            "term": "Cierre",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["3. Cierre y presentación"]


def test_editing_an_activity_in_the_admin_renders_its_description(technical_group_client):
    activity = Activity.objects.get(slug="foros-regionales")
    url = reverse("admin:strategy_activity_change", args=[activity.pk])
    data = {
        "stage": activity.stage_id,
        "title_es_mx": activity.title,
        "slug": activity.slug,
        "kind": activity.kind,
        "status": activity.status,
        "responsible_group": activity.responsible_group_id,
        "start_date": activity.start_date.isoformat(),
        "end_date": activity.end_date.isoformat(),
        "order": 0,
        "place_es_mx": activity.place,
        "state": "20",
        "description_es_mx": "Foros en **Oaxaca** y otras sedes.",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        "documents-MIN_NUM_FORMS": 0,
        "documents-MAX_NUM_FORMS": 1000,
    }
    response = technical_group_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    activity.refresh_from_db()
    assert "<strong>Oaxaca</strong>" in activity.description_html
    assert activity.history.count() == 2
