"""/healthz: 200 when the database and Redis answer, 503 otherwise; the details only for the
machine itself and staff."""

import pytest
from django.db import connections


@pytest.mark.django_db
def test_healthz_green_against_postgresql_and_redis(client, settings):
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.REDIS_URL.startswith("redis://")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["database"]["ok"] is True
    assert body["redis"]["ok"] is True
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_503_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["redis"] == {"ok": False, "error": "ConnectionError", "ms": body["redis"]["ms"]}
    assert body["database"]["ok"] is True


@pytest.mark.django_db(transaction=True)
def test_healthz_503_when_the_database_does_not_answer(client, monkeypatch):
    connection = connections["default"]
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        monkeypatch.undo()
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is False
    assert body["database"]["error"] == "OperationalError"
    assert body["ok"] is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.7"},
        # Through nginx on the same machine: the loopback address, with the visitor's.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
    ],
)
def test_the_public_learns_only_ok_or_not(client, settings, meta):
    assert client.get("/healthz", **meta).json() == {"ok": True}
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz", **meta)
    assert (response.status_code, response.json()) == (503, {"ok": False})


@pytest.mark.django_db
def test_staff_see_which_part_is_down(admin_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    body = admin_client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()
    assert body["redis"]["ok"] is False and body["database"]["ok"] is True
