"""The error pages are the site's own, in the visitor's language: never Django's bare English."""

import pytest
from django.test import Client

from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "No puedes hacer esto"), ("/en", "You cannot do this")]
)
def test_a_staff_page_opened_without_the_role_is_our_403(prefix, heading):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get(f"{prefix}/consulta/moderacion/")
    assert response.status_code == 403
    assert heading in response.text
    assert 'class="site-header' in response.text  # the site's layout, with its navigation


def test_a_refusal_says_why_in_the_visitors_language():
    from consultation.tests.conftest import make_user

    client = Client(raise_request_exception=False)
    client.force_login(make_user("x@example.mx", display_name="X"))
    response = client.get("/en/consulta/comentarios/999999/editar/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_form_sent_without_its_token_gets_our_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/contacto/", {"name": "Ana"})
    assert response.status_code == 403
    assert "El formulario había caducado" in response.text
    english = client.post("/en/contacto/", {"name": "Ana"})
    assert "The form had expired" in english.text


@pytest.mark.parametrize(
    ("path", "text"),
    [("/no-existe/", "Página no encontrada"), ("/en/no-existe/", "Page not found")],
)
def test_404_in_both_languages(client, path, text):
    response = client.get(path)
    assert response.status_code == 404 and text in response.text
