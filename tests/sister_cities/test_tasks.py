"""The daily anniversary reminder: scheduled in beat, and run by a real Celery worker."""

import time
from datetime import date, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, staff_language_remember
from apps.sister_cities.models import AnniversaryNotice
from apps.sister_cities.tasks import send_anniversary_reminders
from xicheng_portal.celery import app

from .factories import SisterCityFactory

TASK_NAME = "sister_cities.send_anniversary_reminders"


@pytest.fixture(scope="module")
def celery_worker_thread():
    app.conf.broker_url.startswith("redis://") or pytest.fail("tests need the Redis broker")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def test_beat_runs_the_reminders_daily():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == TASK_NAME]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == {8} and schedule.minute == {0}
    assert schedule.day_of_week == set(range(7))
    assert any(e["task"] == TASK_NAME for e in app.conf.beat_schedule.values())
    # The name beat sends is the one a worker knows.
    assert TASK_NAME in app.tasks
    assert send_anniversary_reminders.name == TASK_NAME


@pytest.mark.django_db(transaction=True)
def test_reminders_through_a_real_worker(celery_worker_thread, mailoutbox, django_user_model):
    user = django_user_model.objects.create_user(
        username="emma", email="emma@example.org", password="a long test password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_CONTENT_EDITOR))
    staff_language_remember(user=user, language="en")
    today = timezone.localdate()
    # The 10th anniversary comes in about a month.
    established = date(today.year - 10, today.month, min(today.day, 28)) + timedelta(days=30)
    city = SisterCityFactory(name_en="Nakano", established_on=established)

    result = send_anniversary_reminders.delay()
    assert result.get(timeout=20) == 1
    assert result.successful()
    # The notice recorded, the outbox is woken and sends it through the same worker.
    deadline = time.monotonic() + 20
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.05)
    (message,) = mailoutbox
    assert message.to == ["emma@example.org"]
    assert "Nakano" in message.subject
    # The message reaches the backend before the worker commits the notice as sent.
    while (
        AnniversaryNotice.objects.filter(state=AnniversaryNotice.State.SENT).count() == 0
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    notice = AnniversaryNotice.objects.get()
    assert (notice.city, notice.state) == (city, AnniversaryNotice.State.SENT)

    # A second delivery of the same task changes nothing.
    assert send_anniversary_reminders.delay().get(timeout=20) == 0
    assert len(mailoutbox) == 1
