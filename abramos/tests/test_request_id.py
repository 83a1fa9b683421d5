"""Every response carries its request's id (abramos.middleware.RequestIdMiddleware), the 500 page
shows it for a person to quote, and the log lines written for the request carry it too."""

import logging
import re

import pytest
from django.template import loader
from django.test import Client
from django.utils import translation

from abramos.tests.logs import log_lines
from consultation.tests.conftest import make_user

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def version_url(consultation):
    return consultation.version.get_absolute_url()


@pytest.fixture
def failing(settings):
    settings.ROOT_URLCONF = "abramos.tests.error_urls"
    return Client(raise_request_exception=False)


def test_a_page_gets_a_new_id_every_time_even_from_the_page_cache(client, settings, version_url):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(version_url)
    second = client.get(version_url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert NEW_ID.fullmatch(first["X-Request-ID"]) and NEW_ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]  # the cache keeps no one's id


def test_a_signed_in_reader_of_a_shared_page_gets_an_id(settings, version_url):
    settings.PAGE_CACHE_SECONDS = 60
    client = Client()
    client.force_login(make_user("ana@example.mx", display_name="Ana"))
    ids = {client.get(version_url)["X-Request-ID"] for _ in range(2)}
    assert len(ids) == 2 and all(NEW_ID.fullmatch(one) for one in ids)


def test_a_404_carries_an_id_and_so_does_the_line_django_logs_for_it(client):
    with log_lines() as lines:
        response = client.get("/no-existe/")
    assert response.status_code == 404 and NEW_ID.fullmatch(response["X-Request-ID"])
    # Django logs a 4xx once the middlewares have answered, before the response is closed.
    (entry,) = lines
    assert entry["message"] == "Not Found: /no-existe/"
    assert entry["request_id"] == response["X-Request-ID"]


def test_the_500_page_shows_the_id_the_response_carries(failing):
    response = failing.get("/falla/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert NEW_ID.fullmatch(request_id)
    body = response.content.decode()
    assert f"menciona este código: <code>{request_id}</code>" in body
    with translation.override("en"):
        english = loader.get_template("500.html").render({"request_id": "haproxy-1"})
    assert "mention this code: <code>haproxy-1</code>" in english


def test_the_500_page_without_an_id_says_nothing_of_one():
    html = loader.get_template("500.html").render()
    assert "<code>" not in html and "Abramos México" in html


@pytest.mark.parametrize("incoming", ["7f3a9c1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b", "5F2A.0001_web-1"])
def test_a_safe_id_from_our_load_balancer_is_kept(client, incoming):
    response = client.get("/no-existe/", headers={"x-request-id": incoming})
    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming", ["a" * 65, "con espacio", "abc\ndef", "abc\r\nSet-Cookie: x=1", "ñandú", "<b>"]
)
def test_an_unsafe_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get("/no-existe/", HTTP_X_REQUEST_ID=incoming)
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_a_log_line_is_one_json_object_with_the_request_id(failing):
    with log_lines() as lines:
        response = failing.get("/falla/")
    error = next(entry for entry in lines if entry["logger"] == "django.request")
    assert error["request_id"] == response["X-Request-ID"]
    assert error["level"] == "ERROR"
    assert error["message"] == "Internal Server Error: /falla/"
    assert error["exception"].endswith("RuntimeError: boom")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", error["time"])


def test_a_log_line_outside_a_request_has_no_request_id():
    with log_lines() as lines:
        logging.getLogger("abramos.tests").warning("fuera de\nuna petición")
    (entry,) = lines  # a line break in the message stays inside one line
    assert entry["message"] == "fuera de\nuna petición" and "request_id" not in entry


def test_a_line_logged_inside_a_celery_task_carries_its_task_id(settings):
    from abramos.mail.models import Message
    from abramos.mail.tasks import deliver

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False
    message = Message.objects.create(to="ana@example.mx", subject="Hola", body_text="Texto")
    with log_lines() as lines:
        # Its last attempt fails: Celery logs the failure while the task runs.
        result = deliver.apply(args=[message.pk], retries=deliver.max_retries, throw=False)
    assert any(entry.get("task_id") == result.id for entry in lines), lines
