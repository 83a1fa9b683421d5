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
