"""Checks and writes of the portal app."""

import time

import redis
from django.conf import settings
from django.db import connections


def health_check() -> dict:
    """State of the database and Redis, each with its round-trip time."""
    report = {}
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = {"ok": True}
    except Exception as exc:  # any driver error means "down" to a load balancer
        report["database"] = {"ok": False, "error": exc.__class__.__name__}
    report["database"]["ms"] = round((time.monotonic() - started) * 1000, 1)

    started = time.monotonic()
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
            )
            client.ping()
            report["redis"] = {"ok": True}
        except redis.RedisError as exc:
            report["redis"] = {"ok": False, "error": exc.__class__.__name__}
        report["redis"]["ms"] = round((time.monotonic() - started) * 1000, 1)
    else:
        # The embedded demo runs without Redis by design.
        report["redis"] = {"ok": True, "configured": False}
    report["ok"] = all(part["ok"] for part in (report["database"], report["redis"]))
    return report
