"""Retention of the security and personal-data logs: old lines go, in batches, through
the one deliberate path past the append-only triggers; newer lines and any other delete
are still refused."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from apps.core.models import PersonalDataAccess, SecurityEvent
from apps.core.services import LOG_PURGE_SETTING, logs_purge
from apps.core.tasks import purge_logs
from xicheng_portal.celery import app

from .test_settings import run_python, settings_value

pytestmark = pytest.mark.django_db

# Half a second before Beijing's midnight: a cutoff taken on a calendar date of one zone
# and compared in the other would be eight hours off here.
BEFORE_MIDNIGHT = "2026-12-02T15:59:59.5Z"


def security_line(at):
    return SecurityEvent.objects.create(
        action=SecurityEvent.Action.LOGIN_FAILED,
        username="desk",
        address="192.0.2.1",
        created_at=at,
    )


def personal_data_line(at):
    return PersonalDataAccess.objects.create(
        action=PersonalDataAccess.Action.LIST_VIEWED,
        subject="events.registration",
        actor_name="desk",
        created_at=at,
    )


@pytest.mark.clock(BEFORE_MIDNIGHT)
def test_lines_past_their_retention_go_and_newer_ones_stay(settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 365
    settings.PERSONAL_DATA_LOG_RETENTION_DAYS = 730
    now = datetime(2026, 12, 2, 15, 59, 59, 500000, tzinfo=UTC)
    second = timedelta(seconds=1)
    old_security = security_line(now - timedelta(days=365) - second)
    kept_security = security_line(now - timedelta(days=365) + second)
    # Older than the security log's period, within the personal-data log's.
    kept_personal = personal_data_line(now - timedelta(days=400))
    old_personal = personal_data_line(now - timedelta(days=730) - second)

    assert purge_logs() == {"security": 1, "personal_data": 1}

    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [kept_security.pk]
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [kept_personal.pk]
    assert not SecurityEvent.objects.filter(pk=old_security.pk).exists()
    assert not PersonalDataAccess.objects.filter(pk=old_personal.pk).exists()
    # Idempotent: a second delivery of the task finds nothing more.
    assert purge_logs() == {"security": 0, "personal_data": 0}


def test_a_long_log_goes_in_batches():
    now = datetime(2027, 6, 30, 16, 0, tzinfo=UTC)
    for days in range(400, 405):
        security_line(now - timedelta(days=days))
    security_line(now)
    assert logs_purge(now=now, batch_size=2) == {"security": 5, "personal_data": 0}
    assert SecurityEvent.objects.count() == 1


def test_the_logs_stay_append_only_outside_the_purge():
    old = datetime(2020, 1, 1, tzinfo=UTC)
    security_line(old)
    personal_data_line(old)
    for table in ("core_securityevent", "core_personaldataaccess"):
        # Without the purge's setting, even an old line cannot be deleted.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(f"DELETE FROM {table}")  # noqa: S608
        # With it, only lines older than the instant it names.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor = connection.cursor()
            cursor.execute("SELECT set_config(%s, %s, true)", [LOG_PURGE_SETTING, old.isoformat()])
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert SecurityEvent.objects.count() == PersonalDataAccess.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_purge_setting_ends_with_its_transaction():
    security_line(datetime(2020, 1, 1, tzinfo=UTC))
    with transaction.atomic():
        connection.cursor().execute(
            "SELECT set_config(%s, %s, true)", [LOG_PURGE_SETTING, "2030-01-01T00:00Z"]
        )
    # The same connection, a later transaction: refused again.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        connection.cursor().execute("DELETE FROM core_securityevent")
    assert SecurityEvent.objects.count() == 1


def test_the_purge_runs_daily():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "core.purge_logs"]
    assert len(entries) == 1 and "core.purge_logs" in app.tasks
    schedule = entries[0]["schedule"]
    assert (schedule.hour, schedule.minute, schedule.day_of_month) == ({3}, {55}, set(range(1, 32)))


def test_the_retention_periods_come_from_the_environment_and_are_six_months_at_least():
    periods = "[settings.SECURITY_LOG_RETENTION_DAYS, settings.PERSONAL_DATA_LOG_RETENTION_DAYS]"
    assert settings_value(periods) == [365, 730]
    assert settings_value(
        periods, SECURITY_LOG_RETENTION_DAYS="400", PERSONAL_DATA_LOG_RETENTION_DAYS="1000"
    ) == [400, 1000]
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.base",
        SECURITY_LOG_RETENTION_DAYS="30",
    )
    assert result.returncode != 0
    assert "SECURITY_LOG_RETENTION_DAYS must be 180 days or more" in result.stderr
