import pytest

from strategy.tests.factories import ActionFactory, ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_policy_page_answers_in_both_languages(client, prefix):
    assert client.get(f"{prefix}/politica-nacional/").status_code == 200


def test_policy_page_tells_the_background_in_english_under_en(client):
    html = client.get("/en/politica-nacional/").text
    assert "held on 11 and 12 May 2021" in html
    assert "cross-cutting axes" in html
    assert "Areas of collaboration" in html
    assert 'style="' not in html


def test_policy_page_lists_the_immediate_actions_in_order(client, three_stages):
    meeting = ActivityFactory(stage=three_stages[0], title="Primera reunión del Grupo Técnico")
    ActionFactory(order=2, title="Diseño y redacción de la metodología", activity=meeting)
    ActionFactory(order=1, title="Revisión y cierre de estrategia y ruta crítica", done=True)
    html = client.get("/en/politica-nacional/").text
    assert html.index("Revisión y cierre") < html.index("Diseño y redacción")
    assert 'id="accion-1"' in html
    assert "Primera reunión del Grupo Técnico" in html


def test_policy_page_makes_one_query_whatever_the_number_of_actions(
    client, three_stages, django_assert_max_num_queries
):
    for n in range(1, 21):
        ActionFactory(order=n, activity=ActivityFactory(stage=three_stages[0]))
    # The actions, and the end of the last stage (the page speaks in the past tense after it).
    with django_assert_max_num_queries(2):
        assert client.get("/politica-nacional/").status_code == 200
