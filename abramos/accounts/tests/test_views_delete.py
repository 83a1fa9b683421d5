import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from abramos.accounts.models import ANONYMOUS_NAME, User
from abramos.accounts.tests.factories import PASSWORD, UserFactory
from abramos.accounts.tests.test_views_signup import signup_data

pytestmark = pytest.mark.django_db

URL = "/cuenta/mis-datos/eliminar/"


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_delete_page_asks_for_the_password(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_wrong_password_deletes_nothing(client):
    user = UserFactory(email="sigo@example.org")
    client.force_login(user)

    response = client.post("/en" + URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert "The password is not correct" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "sigo@example.org"
    assert user.is_active and user.anonymised_at is None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_deleting_without_csrf_token_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.get(pk=user.pk).anonymised_at is None


def test_deleting_anonymises_logs_out_and_frees_the_address(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="adios@example.org")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("strategy:home")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.display_name == ANONYMOUS_NAME
    assert user.anonymised_at is not None

    response = client.post("/cuenta/login/", {"login": "adios@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post("/cuenta/signup/", signup_data(email="adios@example.org"))
    assert User.objects.filter(email="adios@example.org").exclude(pk=user.pk).exists()


def test_guessing_the_password_is_rate_limited(client):
    user = UserFactory()
    client.force_login(user)

    statuses = [client.post(URL, {"password": f"guess-{n}"}).status_code for n in range(11)]

    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert User.objects.get(pk=user.pk).anonymised_at is None
