"""/salud/: public, for load balancers: up or down per part, and nothing an attacker can use."""

import pytest

from abramos.tests.logs import log_lines


@pytest.mark.django_db
def test_health_reports_every_part_up(client):
    response = client.get("/salud/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "failing": [],
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


@pytest.mark.django_db
def test_health_names_a_broken_broker_and_nothing_more(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    with log_lines() as logged:
        response = client.get("/salud/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "failing": ["broker"],
        "checks": {"database": "ok", "cache": "ok", "broker": "error"},
    }
    # What failed and why is in the log, with the request's id, not in the public answer.
    failure = next(entry for entry in logged if entry["logger"] == "abramos.views")
    assert failure["message"] == "health: the broker check failed"
    assert failure["request_id"] == response["X-Request-ID"]
    assert "Connection refused" in failure["exception"]
    assert "Error" not in response.content.decode()


@pytest.mark.django_db
def test_the_balancer_s_check_asks_only_whether_the_node_answers(client, django_assert_num_queries):
    # HAProxy takes a node out when this fails (deploy/haproxy.cfg): it must not fail for
    # something every node shares, such as Redis being down.
    with django_assert_num_queries(0):
        response = client.get("/salud/nodo/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
