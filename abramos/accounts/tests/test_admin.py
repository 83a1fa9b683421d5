import pytest

from abramos.accounts.models import ANONYMOUS_NAME, User
from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_searches_and_filters_users(admin_client):
    UserFactory(email="buscada@example.org", display_name="Buscada")

    assert admin_client.get("/admin/accounts/user/").status_code == 200
    response = admin_client.get("/admin/accounts/user/?q=buscada&sector__exact=civil_society")
    assert response.status_code == 200
    assert "buscada@example.org" in response.content.decode()


def test_admin_change_page_has_no_username_or_names(admin_client):
    user = UserFactory()

    response = admin_client.get(f"/admin/accounts/user/{user.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html
    assert 'name="username"' not in html
    assert 'name="first_name"' not in html


def test_admin_adds_a_user_with_email_and_password(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Nueva@Example.org",
            "display_name": "Nueva",
            "usable_password": "true",
            "password1": "clave-de-prueba-2026",
            "password2": "clave-de-prueba-2026",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nueva@example.org")
    assert user.check_password("clave-de-prueba-2026")


def test_admin_action_anonymises_the_selected_accounts(admin_client):
    user = UserFactory()

    response = admin_client.post(
        "/admin/accounts/user/",
        {"action": "anonymise", "_selected_action": [user.pk]},
    )

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).display_name == ANONYMOUS_NAME
