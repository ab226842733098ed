"""The one outbox (apps/core/outbox.py): every email kind registered with it, "sent"
committed through a database outage, late reminders, settings, and staff sending again.

The storm drill (workers killed, PostgreSQL restarted) is tests/core/test_outbox_drill.py.
"""

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.core import outbox
from apps.core.models import StaffEmail, StaffNotice, StaffNotificationPreference
from apps.core.staff_notifications import FAILED_EMAILS, STAFF_EMAILS, failed_emails_notify
from apps.events.deliveries import REGISTRATION_EMAILS, deliveries_send
from apps.events.models import Delivery, MessageDelivery, Registration
from apps.service_packages.models import RequestNotification
from apps.sister_cities.models import AnniversaryNotice
from tests.events.factories import EventFactory
from tests.events.smtp_sink import SmtpSink

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _registration(**values) -> Registration:
    now = timezone.now()
    event = EventFactory(takes_registrations=True, starts_at=now + timedelta(days=30))
    return Registration.objects.create(
        event=event,
        status=Registration.Status.CONFIRMED,
        name="Alena",
        email="alena@example.org",
        country="BY",
        language="en",
        time_zone="Europe/Minsk",
        consented_at=now,
        **values,
    )


def _delivery(state=Delivery.State.PENDING, **values) -> Delivery:
    now = timezone.now()
    return Delivery.objects.create(
        registration=values.pop("registration", None) or _registration(),
        kind=values.pop("kind", Delivery.Kind.CONFIRMATION),
        key=values.pop("key", "confirmation-1"),
        due_at=now,
        not_before=now,
        state=state,
        **values,
    )


def test_every_email_kind_goes_through_the_one_outbox():
    names = {box.name: box.model for box in outbox.outboxes()}
    assert names == {
        "events.deliveries": Delivery,
        "events.messages": MessageDelivery,
        "service_packages.notifications": RequestNotification,
        "sister_cities.anniversary_notices": AnniversaryNotice,
        "core.staff_emails": StaffEmail,
    }
    for box in outbox.outboxes():
        states = {choice.value for choice in box.model.State}
        assert {"pending", "queued", "sending", "sent", "failed"} <= states
        assert tuple(box.model.OPEN_STATES) == ("pending", "queued")


# --- "Sent" is committed through a database outage -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_sent_is_recorded_even_when_the_database_connection_drops_at_acceptance(settings):
    """The server accepts, and at that moment the worker's database session is killed
    (as a PostgreSQL restart does): the worker reconnects, records "sent", and the
    email is neither lost nor sent twice."""
    delivery = _delivery()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [worker_session] = cursor.fetchone()
    params = connection.get_connection_params()

    def kill_the_worker_session(message):
        # In the SMTP server's thread, before it answers "250".
        admin = psycopg2.connect(**params)
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [worker_session])
                while True:
                    cursor.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [worker_session]
                    )
                    if cursor.fetchone() is None:
                        break
                    time.sleep(0.01)
        finally:
            admin.close()

    with SmtpSink() as sink:
        for name, value in sink.django_settings().items():
            setattr(settings, name, value)
        sink.on_message = kill_the_worker_session
        assert deliveries_send([delivery.pk]) == Counter({"sent": 1})
        assert len(sink.messages) == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT
    assert (delivery.attempts, delivery.sending_since) == (1, None)


# --- Failures, alerts and sending again ----------------------------------------------------


def _send_staff_emails():
    ids = list(
        StaffEmail.objects.filter(state__in=StaffEmail.OPEN_STATES).values_list("pk", flat=True)
    )
    return outbox.outbox_send(STAFF_EMAILS, ids)


@pytest.mark.django_db
def test_failed_emails_are_told_once_to_admins_and_administrators_who_chose_them(
    settings, django_user_model
):
    settings.ADMINS = [("", "ops@example.org")]
    django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    django_user_model.objects.create_superuser("ghost", "ghost@example.org", "x" * 20)
    django_user_model.objects.filter(username="ghost").update(is_active=False)
    django_user_model.objects.create_superuser("silent", "", "x" * 20)
    quiet = django_user_model.objects.create_superuser("quiet", "quiet@example.org", "x" * 20)
    StaffNotificationPreference.objects.create(
        user=quiet, deliveries={FAILED_EMAILS: StaffNotificationPreference.Delivery.OFF}
    )
    failed = _delivery(
        state=Delivery.State.FAILED, last_error="SMTPRecipientsRefused: alena@example.org"
    )
    assert failed_emails_notify() == 1
    assert failed_emails_notify() == 0  # told once
    failed.refresh_from_db()
    assert failed.alerted_at is not None
    assert _send_staff_emails() == {"sent": 2}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ops@example.org",
        "root@example.org",
    ]
    for message in mail.outbox:
        assert "/admin/events/delivery/?state__exact=failed" in message.body
        # The admin shows the error; the email carries no address of the applicant's.
        assert "alena@" not in message.body
    assert _send_staff_emails() == {}


@pytest.mark.django_db
def test_failed_emails_wait_until_someone_can_be_told(settings, django_user_model):
    settings.ADMINS = []
    failed = _delivery(state=Delivery.State.FAILED, last_error="SMTPDataError: 554 rejected")
    assert failed_emails_notify() == 0
    failed.refresh_from_db()
    assert failed.alerted_at is None and not StaffNotice.objects.exists()
    django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    assert failed_emails_notify() == 1
    assert _send_staff_emails() == {"sent": 1}


@pytest.mark.django_db
def test_a_failed_alert_is_not_itself_alerted_about(settings, django_user_model):
    settings.ADMINS = [("", "ops@example.org")]
    _delivery(state=Delivery.State.FAILED)
    assert failed_emails_notify() == 1
    StaffEmail.objects.update(state=StaffEmail.State.FAILED)
    assert failed_emails_notify() == 0
    assert StaffEmail.objects.filter(alerted_at__isnull=True).count() == 0
    assert StaffNotice.objects.count() == 1


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the admin in English
    client.user = user
    return client


@pytest.mark.django_db
def test_staff_send_failed_and_missed_emails_again_from_the_admin(superuser_client):
    registration = _registration()
    failed = _delivery(registration=registration, state=Delivery.State.FAILED, attempts=9)
    missed = _delivery(
        registration=registration,
        state=Delivery.State.MISSED,
        kind=Delivery.Kind.REMINDER,
        key="reminder-1440",
        offset_minutes=1440,
    )
    sent = _delivery(registration=registration, state=Delivery.State.SENT, key="waitlisted-1")
    url = reverse("admin:events_delivery_changelist")
    page = superuser_client.get(url + "?state__exact=failed")
    assert page.status_code == 200
    assert b"send_again" in page.content
    before = timezone.now()
    response = superuser_client.post(
        url,
        {"action": "send_again", "_selected_action": [failed.pk, missed.pk, sent.pk]},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("2 emails are back in the queue" in text for text in shown), shown
    assert any("1 selected email was not failed or missed" in text for text in shown), shown
    for row in (failed, missed):
        row.refresh_from_db()
        assert row.state == Delivery.State.PENDING
        assert row.not_before >= before and row.failing_since is None
    # A reminder sent again counts its grace period from now.
    assert missed.due_at >= before
    sent.refresh_from_db()
    assert sent.state == Delivery.State.SENT
    # Audited: who sent what again, in the admin's history of each row.
    entries = LogEntry.objects.filter(user=superuser_client.user).order_by("object_id")
    assert sorted(int(entry.object_id) for entry in entries) == sorted([failed.pk, missed.pk])
    assert all("Sent again" in entry.get_change_message() for entry in entries)


@pytest.mark.django_db
def test_staff_who_may_only_look_at_the_outbox_are_not_offered_send_again(
    client, django_user_model
):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    client.force_login(viewer)
    failed = _delivery(state=Delivery.State.FAILED)
    url = reverse("admin:events_delivery_changelist")
    assert b"send_again" not in client.get(url).content
    client.post(url, {"action": "send_again", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.state == Delivery.State.FAILED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [Delivery, MessageDelivery, RequestNotification, AnniversaryNotice, StaffEmail]
)
def test_every_outbox_admin_offers_send_again(rf, superuser_client, model):
    request = rf.get("/admin/")
    request.user = superuser_client.user
    model_admin = admin.site._registry[model]
    assert "send_again" in model_admin.get_actions(request)
    assert "state" in model_admin.list_filter
    assert {"sending_since", "failing_since", "alerted_at"} <= set(model_admin.fields)


@pytest.mark.django_db
def test_a_resend_of_an_email_that_is_not_failed_changes_nothing():
    queued = _delivery(state=Delivery.State.QUEUED)
    assert outbox.outbox_resend(REGISTRATION_EMAILS, [queued], user=None) == 0
    queued.refresh_from_db()
    assert queued.state == Delivery.State.QUEUED


# --- Settings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {"OUTBOX_BATCH_SIZE": 50, "OUTBOX_REQUEUE_SECONDS": 600, "GIVE_UP": 48}),
        (
            {
                "EVENT_DELIVERY_BATCH_SIZE": "20",
                "EVENT_DELIVERY_REQUEUE_MINUTES": "3",
                "EVENT_DELIVERY_MAX_ATTEMPTS": "8",
            },
            {"OUTBOX_BATCH_SIZE": 20, "OUTBOX_REQUEUE_SECONDS": 180, "GIVE_UP": 2},
        ),
        (
            {"EVENT_DELIVERY_BATCH_SIZE": "20", "OUTBOX_BATCH_SIZE": "30"},
            {"OUTBOX_BATCH_SIZE": 30, "OUTBOX_REQUEUE_SECONDS": 600, "GIVE_UP": 48},
        ),
    ],
)
def test_outbox_settings_have_neutral_names_and_the_old_ones_are_still_read(environment, expected):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OUTBOX_", "EVENT_DELIVERY_"))
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="xicheng_portal.settings.base")
    script = (
        "import django, logging; logging.basicConfig(); django.setup();"
        "from django.conf import settings as s;"
        "print(s.OUTBOX_BATCH_SIZE, s.OUTBOX_REQUEUE_SECONDS, s.OUTBOX_GIVE_UP_AFTER_HOURS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    batch, requeue, give_up = map(int, result.stdout.split())
    assert {"OUTBOX_BATCH_SIZE": batch, "OUTBOX_REQUEUE_SECONDS": requeue, "GIVE_UP": give_up} == (
        expected
    )
    for old in environment:
        if old.startswith("EVENT_DELIVERY_") and old.replace("EVENT_DELIVERY_", "OUTBOX_") not in (
            environment
        ):
            assert f"The setting {old} is read for one more release" in result.stderr


@pytest.mark.parametrize("name", ["core.outbox_send", "core.outbox_dispatch"])
def test_outbox_tasks_retry_a_lost_database_within_seconds(name):
    """Retries after 1, 2, 4, 8 and 16 s (the task annotations set how many), not the
    ten-minute requeue."""
    from xicheng_portal.celery import app

    app.loader.import_default_modules()
    task = app.tasks[name]
    assert set(task.autoretry_for) == set(outbox.TRANSIENT_DATABASE_ERRORS)
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter) == (1, 30, False)
    assert task.max_retries == 5
