"""Registrants' personal data is deleted some time after the event; anonymous counts stay."""

import json
import time
import zoneinfo
from datetime import datetime, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.events.deliveries import deliveries_send
from apps.events.models import Delivery, Event, Registration, RegistrationSummary
from apps.events.registrations import registration_cancel, registration_create, registrations_purge
from apps.events.tasks import purge_registrations
from xicheng_portal.celery import app as celery_app

from .factories import EventFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SIGNED_UP = datetime(2026, 12, 1, 12, 0, tzinfo=SHANGHAI)


def _register(event, email, language, country, *, now):
    return registration_create(
        event_id=event.pk,
        name="Visitor",
        email=email,
        country=country,
        language=language,
        time_zone="Europe/Minsk",
        now=now,
    ).registration


def _audience(event, *, now):
    """Two confirmed places, one still waiting, one who left the waitlist; 3 reminders sent."""
    ru = _register(event, "ru@example.org", "ru", "BY", now=now)
    fr = _register(event, "fr@example.org", "fr", "FR", now=now)
    _register(event, "ja@example.org", "ja", "JP", now=now)
    gone = _register(event, "gone@example.org", "ru", "RU", now=now)
    registration_cancel(registration_id=gone.pk, now=now)
    sent = [
        ru.deliveries.get(offset_minutes=10080),
        ru.deliveries.get(offset_minutes=1440),
        fr.deliveries.get(offset_minutes=1440),
    ]
    for delivery in sent:
        assert deliveries_send([delivery.pk], now=delivery.due_at)["sent"] == 1
    # A reminder that was missed is not counted as sent.
    late = fr.deliveries.get(offset_minutes=120)
    assert deliveries_send([late.pk], now=event.starts_at)["missed"] == 1


def _old_event(**values):
    return EventFactory(
        takes_registrations=True, capacity=2, local_start="2027-01-10 10:00", **values
    )


EXPECTED = {
    "confirmed": 2,
    "waitlisted": 1,
    "cancelled": 1,
    "by_language": {"ru": 2, "fr": 1, "ja": 1},
    "by_country": {"BY": 1, "FR": 1, "JP": 1, "RU": 1},
    "reminders_sent": 3,
}


def _summary(event):
    summary = RegistrationSummary.objects.get(event=event)
    return {
        "confirmed": summary.confirmed,
        "waitlisted": summary.waitlisted,
        "cancelled": summary.cancelled,
        "by_language": summary.by_language,
        "by_country": summary.by_country,
        "reminders_sent": summary.reminders_sent,
    }


@pytest.mark.django_db
def test_registrations_are_deleted_after_the_retention_period_and_counted(settings):
    assert settings.EVENT_REGISTRATION_RETENTION_DAYS == 180
    event = _old_event()
    _audience(event, now=SIGNED_UP)
    # Exactly 180 days after the end is not yet "more than" 180 days.
    assert registrations_purge(now=event.ends_at + timedelta(days=180)) == 0
    assert Registration.objects.filter(event=event).count() == 4
    assert not RegistrationSummary.objects.exists()
    moment = event.ends_at + timedelta(days=180, minutes=1)
    assert registrations_purge(now=moment) == 4
    assert not Registration.objects.filter(event=event).exists()
    assert not Delivery.objects.filter(registration__event=event).exists()
    assert not Delivery.objects.exists()
    assert Event.objects.filter(pk=event.pk).exists()
    assert _summary(event) == EXPECTED
    summary = RegistrationSummary.objects.get(event=event)
    assert summary.purged_at == moment
    # Nothing in the counts points at a person.
    stored = json.dumps(_summary(event))
    assert "@" not in stored and "Visitor" not in stored


@pytest.mark.django_db
def test_a_shorter_retention_period_is_honoured(settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    event = _old_event()
    _audience(event, now=SIGNED_UP)
    assert registrations_purge(now=event.ends_at + timedelta(days=29)) == 0
    assert registrations_purge(now=event.ends_at + timedelta(days=31)) == 4
    assert _summary(event) == EXPECTED


@pytest.mark.django_db
def test_recent_and_coming_events_are_left_alone():
    old = _old_event()
    _audience(old, now=SIGNED_UP)
    recent = EventFactory(takes_registrations=True, local_start="2027-06-01 10:00")
    _register(recent, "recent@example.org", "en", "GB", now=SIGNED_UP)
    coming = EventFactory(takes_registrations=True, local_start="2028-01-01 10:00")
    _register(coming, "coming@example.org", "en", "GB", now=SIGNED_UP)
    assert registrations_purge(now=old.ends_at + timedelta(days=181)) == 4
    assert Registration.objects.filter(event__in=[recent, coming]).count() == 2
    assert Delivery.objects.filter(registration__event__in=[recent, coming]).count() == 2 * 4
    assert list(RegistrationSummary.objects.values_list("event_id", flat=True)) == [old.pk]


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_later_rows_are_added_to_the_counts():
    event = _old_event()
    _audience(event, now=SIGNED_UP)
    moment = event.ends_at + timedelta(days=200)
    assert registrations_purge(now=moment) == 4
    assert registrations_purge(now=moment + timedelta(days=1)) == 0
    assert _summary(event) == EXPECTED
    assert RegistrationSummary.objects.get().purged_at == moment
    # A row that appeared afterwards (say, entered by staff) is counted into the summary.
    Registration.objects.create(
        event=event,
        status=Registration.Status.CONFIRMED,
        name="Late entry",
        email="late@example.org",
        country="FR",
        language="fr",
        time_zone="Europe/Paris",
        consented_at=SIGNED_UP,
    )
    assert registrations_purge(now=moment + timedelta(days=2)) == 1
    assert _summary(event) == EXPECTED | {
        "confirmed": 3,
        "by_language": {"ru": 2, "fr": 2, "ja": 1},
        "by_country": {"BY": 1, "FR": 2, "JP": 1, "RU": 1},
    }
    assert RegistrationSummary.objects.count() == 1


@pytest.mark.django_db
def test_an_event_without_registrations_gets_no_summary():
    event = _old_event()
    assert registrations_purge(now=event.ends_at + timedelta(days=365)) == 0
    assert not RegistrationSummary.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_daily_task_purges_through_a_real_worker():
    old = EventFactory(takes_registrations=True, capacity=2, in_days=-400)
    _audience(old, now=old.starts_at - timedelta(days=30))
    recent = EventFactory(takes_registrations=True, in_days=-10)
    _register(recent, "recent@example.org", "en", "GB", now=recent.starts_at - timedelta(days=3))
    # The registrations' commits asked for dispatches; only the purge is wanted here.
    celery_app.control.purge()
    assert celery_app.conf.broker_url.startswith("redis://")
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        purge_registrations.delay()
        deadline = time.monotonic() + 30
        while Registration.objects.filter(event=old).exists():
            assert time.monotonic() < deadline, "the worker did not purge in time"
            time.sleep(0.1)
    assert _summary(old) == EXPECTED
    assert RegistrationSummary.objects.get(event=old).purged_at <= timezone.now()
    assert Registration.objects.filter(event=recent).count() == 1
    celery_app.control.purge()
