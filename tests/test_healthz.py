"""/healthz/ answers per part (database, cache, broker) in JSON: 200 when all answer, else 503."""

import socket

import pytest

from toekomstplan.celery import app as celery_app


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_reports_each_part_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["status"] == "ok" for check in body["checks"].values())


@pytest.mark.django_db
def test_healthz_is_503_naming_the_cache_when_redis_is_away(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "toekomstplan.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        },
    }
    response = client.get("/healthz/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == "error"
    assert checks["database"] == {"status": "ok"}
    # The web container's own check asks only the database: the app still works without Redis.
    only = client.get("/healthz/?part=database")
    assert only.status_code == 200
    assert only.json()["checks"] == {"database": {"status": "ok"}}


@pytest.mark.django_db
def test_healthz_is_503_naming_the_broker_when_it_is_away(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    assert not celery_app.conf.task_always_eager  # Celery reads Django's settings
    response = client.get("/healthz/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["status"] == "error"
    assert checks["database"] == {"status": "ok"}
