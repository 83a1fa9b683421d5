"""Requests no view can take get a clear 400 page in the visitor's language, never a 500."""

import pytest
from django.test import Client

from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/borradores/5/descargar/pdf%00/", "/buscar/?q=datos%00", "/proceso/actividades/a%00b/"],
)
def test_a_nul_character_in_the_address_is_a_400(client, path):
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 400
    assert 'lang="es' in response.text  # the site's own page, not Django's bare one


def test_an_unknown_download_format_is_a_404(client):
    assert client.get("/borradores/1/descargar/exe/").status_code == 404


def test_a_signed_in_form_in_another_encoding_than_utf8_is_a_400():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(UserFactory())
    client.get("/consulta/avisos/")
    token = client.cookies["csrftoken"].value
    for path in ("/consulta/avisos/", "/cuenta/logout/", "/contacto/"):
        response = client.post(
            path,
            f"csrfmiddlewaretoken={token}&frequency=daily&name=Jos\xe9",
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        )
        assert response.status_code == 400, path
        assert "UTF-8" in response.text


def test_the_400_page_speaks_english_on_the_english_site():
    client = Client(raise_request_exception=False)
    response = client.get("/en/buscar/?q=a%00")
    assert response.status_code == 400
    assert "The request could not be read" in response.text


@pytest.mark.parametrize("path", ["//evil.example/", "//evil.example/en/", "/en//evil.example/"])
def test_the_language_links_of_any_page_stay_on_the_site(client, path):
    from abramos.tests.html import elements

    # As a browser sends it: the test client would read `//host/` as a host, not a path.
    response = client.get("/", PATH_INFO=path)
    assert response.wsgi_request.path == path
    links = [
        attrs["href"]
        for tag, attrs in elements(response.text)
        if tag in ("a", "link") and "hreflang" in attrs
    ]
    assert len(links) >= 2
    for href in links:
        assert href.startswith("/") and not href.startswith("//"), href


def test_the_language_links_keep_the_page_and_its_query(client):
    from abramos.tests.html import elements

    response = client.get("/buscar/?q=datos")
    links = {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in elements(response.text)
        if tag == "link" and "hreflang" in attrs
    }
    assert links["en"] == "/en/buscar/?q=datos"
    assert links["es-MX"] == "/buscar/?q=datos"
