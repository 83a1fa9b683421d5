import pytest
from django.urls import reverse

from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/cuenta/mis-datos/"


def profile_data(**overrides):
    data = {
        "display_name": "Luisa Pérez",
        "sector": "government",
        "state": "31",
        "organisation": "Instituto de Transparencia de Yucatán",
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_my_data_shows_the_email_and_the_consent(client):
    user = UserFactory(email="luisa@example.org")
    client.force_login(user)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "luisa@example.org" in html
    assert user.privacy_notice_version in html
    assert reverse("accounts:export") in html
    assert reverse("accounts:delete") in html


def test_my_data_saves_the_profile(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(URL, profile_data(display_name="  Luisa   Pérez "))

    assert response.status_code == 302
    assert response.url == URL
    user.refresh_from_db()
    assert user.display_name == "Luisa Pérez"
    assert (user.sector, user.state) == ("government", "31")
    assert user.organisation == "Instituto de Transparencia de Yucatán"


def test_my_data_allows_an_empty_organisation(client):
    user = UserFactory()
    client.force_login(user)

    client.post(URL, profile_data(organisation=""))

    user.refresh_from_db()
    assert user.organisation == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"state": "33"}, "state"),
        ({"state": "Jalisco"}, "state"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": " \t "}, "display_name"),
        ({"sector": ""}, "sector"),
        ({"display_name": "Grupo Técnico"}, "display_name"),
        ({"display_name": "Moderación del portal"}, "display_name"),
        ({"display_name": "Ana (oficial)"}, "display_name"),
    ],
)
def test_my_data_refuses_a_wrong_profile_and_changes_nothing(client, overrides, field):
    user = UserFactory(display_name="Sin cambios", state="09")
    client.force_login(user)

    response = client.post("/en" + URL, profile_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary" role="alert"' in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.state) == ("Sin cambios", "09")


def test_my_data_in_english_lives_under_en(client):
    client.force_login(UserFactory())

    response = client.get("/en" + URL)

    assert response.status_code == 200
    assert "Your public profile" in response.content.decode()
