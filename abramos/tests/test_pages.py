import pytest

CSP = "Content-Security-Policy"


@pytest.mark.django_db
def test_unknown_address_gets_the_branded_404_in_spanish(client):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert 'lang="es-MX"' in response.content.decode()
    assert "Abramos México" in response.content.decode()


@pytest.mark.django_db
def test_unknown_english_address_gets_the_404_in_english(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'lang="en"' in response.content.decode()
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_gets_the_branded_500(client, settings):
    settings.ROOT_URLCONF = "abramos.tests.error_urls"
    client.raise_request_exception = False
    response = client.get("/falla/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Abramos México" in body
    assert "<script" not in body


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response[CSP]
    assert "unsafe-inline" not in response[CSP]
    assert "frame-ancestors 'none'" in response[CSP]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_base_layout_has_skip_link_landmarks_and_language_switch(client):
    body = client.get("/").content.decode()
    assert 'href="#contenido"' in body
    assert '<main id="contenido"' in body
    assert "<header" in body and "<footer" in body and "<nav" in body
    assert 'href="/en/"' in body
    english = client.get("/en/").content.decode()
    assert 'href="/"' in english and 'lang="es-MX"' in english


@pytest.mark.django_db
def test_the_pages_link_no_other_host(client):
    import re

    body = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', body)
    assert external == []
