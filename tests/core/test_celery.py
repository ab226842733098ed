"""The Celery round trip: a real worker takes a task from real Redis and answers."""

import pytest
from celery.contrib.testing.worker import start_worker

from apps.core.tasks import ping
from xicheng_portal.celery import app


@pytest.fixture(scope="module")
def celery_worker_thread():
    app.conf.broker_url.startswith("redis://") or pytest.fail("tests need the Redis broker")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def test_ping_round_trip_through_redis_and_a_worker(celery_worker_thread):
    result = ping.delay("hello")
    reply = result.get(timeout=20)
    assert reply["reply"] == "hello"
    assert result.successful()


def test_tasks_use_json_only(celery_worker_thread):
    # A non-JSON payload is refused at send time rather than pickled.
    with pytest.raises(Exception, match="(?i)serializ|json"):
        ping.delay(object())
