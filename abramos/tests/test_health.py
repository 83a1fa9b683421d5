import pytest


@pytest.mark.django_db
def test_health_reports_every_part_up(client):
    response = client.get("/salud/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert body["failing"] == []


@pytest.mark.django_db
def test_health_names_a_broken_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/salud/")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"].startswith("error:")
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_the_balancer_s_check_asks_only_whether_the_node_answers(client, django_assert_num_queries):
    # HAProxy takes a node out when this fails (deploy/haproxy.cfg): it must not fail for
    # something every node shares, such as Redis being down.
    with django_assert_num_queries(0):
        response = client.get("/salud/nodo/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
