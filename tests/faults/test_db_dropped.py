"""The database connection dropped between requests (PostgreSQL restarted, a failover, a proxy
that cuts idle connections): the next request succeeds.

The portal keeps its connection open between requests (CONN_MAX_AGE) and checks it before
reusing it (CONN_HEALTH_CHECKS). Django's test client leaves connections alone between requests
(a test's transaction lives in one), so `_request` sends request_started and request_finished
around each request with `close_old_connections` connected to them, as the WSGI handler does.
The connection is ended by PostgreSQL itself (`pg_terminate_backend`, from a second connection).
"""

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

from consultation.models import Comment
from tests.faults.conftest import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    from conftest import require_service

    require_service(connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL")


def _request(client, method: str, url: str, data=None):
    request_started.send(sender=__name__)
    try:
        return getattr(client, method)(url, data)
    finally:
        request_finished.send(sender=__name__)


def _backend_pid() -> int:
    return connection.connection.info.backend_pid


def _terminate(pid: int) -> None:
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432, password=db["PASSWORD"] or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

        def gone() -> bool:
            row = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            return row.fetchone()[0] == 0

        assert wait_until(gone, 10)


def _comment(client, consultation, token: str):
    return _request(
        client, "post", reverse("consultation:comment-create", args=[consultation.version.number]),
        {"body": "Después de la caída.", "client_token": token},
    )  # fmt: skip


def test_the_next_request_succeeds_after_the_connection_was_dropped(
    postgresql, client, citizen, consultation
):
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    client.force_login(citizen)
    page = consultation.version.get_absolute_url()  # signed in: never served from a cache
    assert _request(client, "get", page).status_code == 200
    pid = _backend_pid()
    assert _request(client, "get", page).status_code == 200
    assert _backend_pid() == pid  # one connection, kept between requests

    _terminate(pid)

    assert _request(client, "get", page).status_code == 200
    assert _backend_pid() != pid
    assert _comment(client, consultation, "tras-la-caida").status_code == 302
    assert Comment.objects.filter(author=citizen, client_token="tras-la-caida").count() == 1


def test_without_health_checks_the_same_drop_fails_a_request(
    postgresql, client, citizen, consultation
):
    """Why CONN_HEALTH_CHECKS is on: the fault above is real, and without the check the first
    request after it fails (Django closes the broken connection only at the following one)."""
    page = consultation.version.get_absolute_url()
    client.force_login(citizen)
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()  # the setting is read when connecting
    try:
        assert _request(client, "get", page).status_code == 200
        _terminate(_backend_pid())
        with pytest.raises((OperationalError, InterfaceError)):
            _request(client, "get", page)
        assert _request(client, "get", page).status_code == 200
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()
