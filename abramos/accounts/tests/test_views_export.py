import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from abramos.accounts import personal_data
from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/cuenta/mis-datos/descargar/"


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry, so a test can register sections without leaking them."""
    monkeypatch.setattr(personal_data, "_sections", dict(personal_data._sections))
    return personal_data


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_export_is_a_json_attachment_with_everything_about_the_person(client):
    user = UserFactory(email="marta@example.org", display_name="Marta", state="EX")
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["email"] == "marta@example.org"
    assert account["display_name"] == "Marta"
    assert account["sector"] == user.sector
    assert account["state"] == "EX"
    assert account["organisation"] == user.organisation
    assert account["privacy_notice_version"] == user.privacy_notice_version
    assert account["privacy_notice_accepted_at"] == user.privacy_accepted_at.isoformat()
    assert account["date_joined"] == user.date_joined.isoformat()
    assert account["last_login"] is not None  # force_login records it
    assert data["email_addresses"] == [
        {"email": "marta@example.org", "verified": True, "primary": True}
    ]


def test_export_shows_an_unconfirmed_address_as_such(client):
    user = UserFactory(verified=False)
    client.force_login(user)

    data = json.loads(client.get(URL).content)

    assert data["email_addresses"][0]["verified"] is False


def test_export_includes_the_sections_other_apps_register(client, registry):
    registry.register("comments", lambda user: [{"author": user.display_name, "body": "Hola"}])
    user = UserFactory(display_name="Rosa")
    client.force_login(user)

    data = json.loads(client.get(URL).content)

    assert data["comments"] == [{"author": "Rosa", "body": "Hola"}]


def test_a_section_name_cannot_be_taken_twice(registry):
    def first(user):
        return []

    registry.register("votes", first)
    registry.register("votes", first)  # the same callable again is harmless

    with pytest.raises(ImproperlyConfigured):
        registry.register("votes", lambda user: [])


def test_export_holds_only_the_persons_own_data(client):
    UserFactory(email="otra@example.org")
    user = UserFactory(email="yo@example.org")
    client.force_login(user)

    body = client.get(URL).content.decode()

    assert "otra@example.org" not in body
