"""Every account and privacy page answers, in Spanish at the root and in English under /en/,
inside the site's layout and within the Content-Security-Policy (no inline script or style)."""

import re

import pytest

from abramos.accounts.models import ANONYMOUS_NAME
from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/cuenta/login/",
    "/cuenta/signup/",
    "/cuenta/password/reset/",
    "/cuenta/password/reset/done/",
    "/cuenta/password/reset/key/done/",
    "/cuenta/confirm-email/",
    "/cuenta/confirm-email/not-a-key/",
    "/cuenta/password/reset/key/1-not-a-key/",
    "/aviso-de-privacidad/",
    "/aviso-de-privacidad/simplificado/",
]
PRIVATE_PAGES = [
    "/cuenta/mis-datos/",
    "/cuenta/mis-datos/eliminar/",
    "/cuenta/email/",
    "/cuenta/password/change/",
    "/cuenta/logout/",
]
LANGUAGES = [("", 'lang="es-MX"'), ("/en", 'lang="en"')]


def assert_follows_the_csp(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "event handler attribute"
    assert not re.search(r"""(src|href)=["']https?://(?!www\.plataformadetransparencia)""", html)


@pytest.mark.parametrize(("prefix", "lang"), LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_account_pages_answer_in_both_languages(client, path, prefix, lang):
    response = client.get(prefix + path)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<html {lang}>" in html
    assert 'class="site-header"' in html  # our layout, not allauth's bare one
    assert_follows_the_csp(html)


@pytest.mark.parametrize(("prefix", "lang"), LANGUAGES)
@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_private_account_pages_answer_in_both_languages(client, path, prefix, lang):
    client.force_login(UserFactory())

    response = client.get(prefix + path)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<html {lang}>" in html
    assert 'class="site-header"' in html
    assert_follows_the_csp(html)


def test_english_signup_page_is_in_english(client):
    html = client.get("/en/cuenta/signup/").content.decode()

    assert "Create an account" in html
    assert "/en/aviso-de-privacidad/" in html


def test_privacy_notice_names_the_responsible_and_the_arco_rights(client):
    html = client.get("/en/aviso-de-privacidad/").content.decode()

    assert "Instituto Nacional de Transparencia" in html
    assert "abramosmexico@inai.org.mx" in html
    assert "Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados" in html
    assert "ARCO" in html
    assert "/en/cuenta/mis-datos/" in html
    assert "2026-11" in html
    assert ANONYMOUS_NAME in html


def test_simplified_notice_links_the_integral_one(client):
    html = client.get("/aviso-de-privacidad/simplificado/").content.decode()

    assert 'href="/aviso-de-privacidad/"' in html
    assert "abramosmexico@inai.org.mx" in html


def test_a_failed_login_shows_the_error_summary(client):
    UserFactory(email="hola@example.org")

    response = client.post("/en/cuenta/login/", {"login": "hola@example.org", "password": "x"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "_auth_user_id" not in client.session
