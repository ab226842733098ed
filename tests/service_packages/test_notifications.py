"""Emails to applicants: the outbox committed with each change, sent once, in their language."""

import re
import socket
import time
from datetime import timedelta
from html import unescape

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail, signing
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.core.tasks import ping
from apps.service_packages.emails import notification_message
from apps.service_packages.models import RequestNotification, ServiceRequest
from apps.service_packages.notifications import notifications_dispatch, notifications_send
from apps.service_packages.services import (
    CheckedFile,
    request_reply,
    request_transition,
    request_withdraw,
)
from apps.service_packages.tasks import dispatch_notifications
from apps.service_packages.tracking import TRACKING_SALT, request_for_tracking
from xicheng_portal.celery import app as celery_app

from .conftest import SITE_URL
from .factories import PDF_BYTES, submit

Status = ServiceRequest.Status
State = RequestNotification.State
CODE = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}\b")


def _open_ids():
    return list(
        RequestNotification.objects.filter(state__in=RequestNotification.OPEN_STATES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _html(message):
    (html, mimetype), *others = message.alternatives
    assert mimetype == "text/html" and not others
    return unescape(html)


def _move(service_request, officer, to_status, note="", internal=""):
    request_transition(
        request_id=service_request.pk,
        to_status=to_status,
        actor=officer,
        note_to_applicant=note,
        internal_note=internal,
    )


def _wait(condition, *, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def _empty_queue():
    """Commits in transactional tests queue dispatches on the test's Redis: leave none."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


@pytest.fixture
def closed_port():
    """A local port that is bound but not listening: connections are refused at once."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    yield closed.getsockname()[1]
    closed.close()


def _worker():
    assert celery_app.conf.broker_url.startswith("redis://"), "tests need the Redis broker"
    return start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10)


def _drain():
    """Wait until the worker has taken everything queued so far (the solo pool is FIFO)."""
    assert ping.delay("drained").get(timeout=20)["reply"] == "drained"


# --- The outbox ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_submission_owes_one_receipt_committed_with_it(going_abroad):
    service_request = submit(going_abroad)
    [notification] = RequestNotification.objects.all()
    assert notification.request == service_request
    assert (notification.kind, notification.key) == ("received", "received")
    assert notification.transition is None
    assert (notification.state, notification.attempts) == (State.PENDING, 0)
    assert notification.not_before <= timezone.now()


@pytest.mark.django_db
def test_each_status_change_owes_one_email(going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    _move(service_request, service_desk_officer, Status.IN_REVIEW)
    _move(service_request, service_desk_officer, Status.INFO_REQUESTED, note="Which dates?")
    request_reply(request_id=service_request.pk, message="From 1 March.", files=[])
    request_withdraw(request_id=service_request.pk)
    transitions = list(service_request.transitions.order_by("pk"))[1:]
    notifications = list(service_request.notifications.order_by("pk"))
    assert [n.kind for n in notifications] == ["received"] + ["status"] * 4
    assert [n.transition for n in notifications[1:]] == transitions
    assert [n.key for n in notifications[1:]] == [f"status-{t.pk}" for t in transitions]
    assert {n.state for n in notifications} == {State.PENDING}


@pytest.mark.django_db
def test_each_email_is_sent_once_however_often_it_is_asked_for(going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    _move(service_request, service_desk_officer, Status.IN_REVIEW)
    ids = _open_ids()
    assert len(ids) == 2
    assert notifications_send(ids) == {"sent": 2}
    assert notifications_send(ids) == {"not_open": 2}
    assert len(mail.outbox) == 2
    for notification in RequestNotification.objects.all():
        assert notification.state == State.SENT
        assert notification.attempts == 1 and notification.sent_at is not None
    # Nothing is due any more: a dispatch claims nothing (and queues nothing).
    assert notifications_dispatch() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_a_real_worker_sends_what_the_commits_asked_for_once(going_abroad, service_desk_officer):
    service_request = submit(going_abroad, language="ru", email="alena@example.by")
    _move(service_request, service_desk_officer, Status.IN_REVIEW)
    _move(service_request, service_desk_officer, Status.INFO_REQUESTED, note="Нужен маршрут.")
    # Each commit queued a dispatch on Redis; the worker takes them from there.
    with _worker():
        _wait(
            lambda: not RequestNotification.objects.exclude(state=State.SENT).exists(),
            what="the three emails",
        )
        dispatch_notifications.delay()  # what beat publishes every minute
        _drain()
    # The desk is told of the new request as well (tests/service_packages/test_desk_notices.py).
    sent = [message for message in mail.outbox if message.to != [service_desk_officer.email]]
    assert len(sent) == 3
    assert {tuple(message.to) for message in sent} == {("alena@example.by",)}
    with translation.override("ru"):
        received = gettext("We have received your request %(reference)s") % {
            "reference": service_request.reference
        }
    assert sent[0].subject == received
    assert "Нужен маршрут." in sent[2].body
    assert set(RequestNotification.objects.values_list("attempts", flat=True)) == {1}


# --- In the applicant's language -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar", "ru", "zh-hans"])
def test_emails_are_in_the_applicants_language_with_the_private_link_and_code(
    going_abroad, service_desk_officer, language
):
    email = f"{language}@example.org"
    service_request = submit(
        going_abroad, language=language, email=email, contact_name="Claire Martin"
    )
    _move(service_request, service_desk_officer, Status.IN_REVIEW)
    _move(service_request, service_desk_officer, Status.INFO_REQUESTED, note="Send the itinerary.")
    assert notifications_send(_open_ids()) == {"sent": 3}
    received, _review, question = mail.outbox
    with translation.override(language):
        subjects = [
            gettext("We have received your request %(reference)s")
            % {"reference": service_request.reference},
            gettext("Your request %(reference)s: %(status)s")
            % {"reference": service_request.reference, "status": Status.IN_REVIEW.label},
            gettext("Your request %(reference)s: %(status)s")
            % {"reference": service_request.reference, "status": Status.INFO_REQUESTED.label},
        ]
        dear = gettext("Dear %(name)s,") % {"name": "Claire Martin"}
        officer_says = gettext("Message from the officer")
    assert [message.subject for message in mail.outbox] == subjects
    for message in mail.outbox:
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert message.to == [email] and message.cc == [] and message.bcc == []
        assert message.message()["Content-Language"] == language
        assert dear in message.body
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in (
            _html(message)
        )
        link = re.search(
            rf"{re.escape(SITE_URL)}/{language}/services/track/link/([^/\s\"]+)/", message.body
        )
        assert link, message.body
        assert link.group(0) in _html(message)
        assert signing.loads(link.group(1), salt=TRACKING_SALT) == {
            "r": service_request.pk,
            "n": service_request.tracking_nonce,
        }
        [code] = set(CODE.findall(message.body))
        assert code in _html(message)
        assert service_request.reference in message.body
        # The code from the email opens the request, as typed or with careless spacing.
        assert (
            request_for_tracking(reference=service_request.reference, code=code) == service_request
        )
        sloppy = code.lower().replace("-", " ")
        assert request_for_tracking(
            reference=f" {service_request.reference.lower()} ", code=sloppy
        ) == (service_request)
    assert f"{officer_says}:\nSend the itinerary." in question.body
    assert "Send the itinerary." in _html(question)
    assert officer_says not in received.body


@pytest.mark.django_db
def test_the_code_opens_only_its_own_request(going_abroad):
    mine = submit(going_abroad, email="mine@example.org")
    theirs = submit(going_abroad, email="theirs@example.org")
    notifications_send(_open_ids())
    codes = {message.to[0]: CODE.search(message.body).group(0) for message in mail.outbox}
    assert request_for_tracking(reference=mine.reference, code=codes["mine@example.org"]) == mine
    assert request_for_tracking(reference=theirs.reference, code=codes["mine@example.org"]) is None
    assert request_for_tracking(reference="XC-2099-000001", code=codes["mine@example.org"]) is None
    assert request_for_tracking(reference=mine.reference, code="") is None


# --- Internal notes --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_internal_notes_never_reach_the_applicant(going_abroad, service_desk_officer, language):
    marker = "INTERNAL-7Q2X9"
    officer = service_desk_officer
    completed = submit(going_abroad, language=language)
    _move(completed, officer, Status.IN_REVIEW, internal=f"{marker} first look")
    _move(
        completed,
        officer,
        Status.INFO_REQUESTED,
        note="NOTE-TO-APPLICANT-1 send the itinerary",
        internal=f"{marker} dates look wrong",
    )
    request_reply(
        request_id=completed.pk,
        message="Here it is.",
        files=[CheckedFile(PDF_BYTES, "itinerary.pdf", "application/pdf")],
    )
    _move(completed, officer, Status.INFO_REQUESTED, note="NOTE-TO-APPLICANT-2", internal=marker)
    _move(completed, officer, Status.IN_REVIEW, internal=f"{marker} asked by phone instead")
    _move(completed, officer, Status.APPROVED, note="NOTE-TO-APPLICANT-3", internal=marker)
    _move(completed, officer, Status.COMPLETED, note="NOTE-TO-APPLICANT-4", internal=marker)
    rejected = submit(going_abroad, language=language)
    _move(rejected, officer, Status.IN_REVIEW, internal=marker)
    _move(rejected, officer, Status.REJECTED, note="NOTE-TO-APPLICANT-5", internal=marker)
    withdrawn = submit(going_abroad, language=language)
    _move(withdrawn, officer, Status.IN_REVIEW, internal=marker)
    request_withdraw(request_id=withdrawn.pk)

    notifications = list(RequestNotification.objects.select_related("request", "transition"))
    assert len(notifications) == 3 + 7 + 2 + 2
    moves = {n.transition.to_status for n in notifications if n.transition}
    assert moves == set(Status.values) - {Status.SUBMITTED}
    for notification in notifications:
        message = notification_message(notification)
        for part in (message.subject, message.body, _html(message), str(message.message())):
            assert marker not in part
            assert "asked by phone" not in part and "dates look wrong" not in part
    # What the officer wrote to the applicant is there, in both parts.
    for notification in notifications:
        note = notification.transition.note_to_applicant if notification.transition else ""
        if note:
            message = notification_message(notification)
            assert note in message.body and note in _html(message)
    # And what is actually sent is the same.
    notifications_send([n.pk for n in notifications])
    assert len(mail.outbox) == len(notifications)
    assert all(marker not in str(message.message()) for message in mail.outbox)


# --- When the mail server or Redis is down ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("_empty_queue")
def test_a_mail_server_that_is_down_defers_the_email_until_it_is_back(
    going_abroad, service_desk_officer, settings, closed_port
):
    service_request = submit(going_abroad)
    _move(service_request, service_desk_officer, Status.IN_REVIEW)
    receipt, status = service_request.notifications.order_by("pk")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    moment = timezone.now()
    # Claimed by beat's dispatch (its task on Redis is run by hand here, then dropped).
    assert notifications_dispatch(now=moment) == 2
    assert set(service_request.notifications.values_list("state", flat=True)) == {State.QUEUED}
    assert notifications_send([receipt.pk, status.pk], now=moment) == {"deferred": 1}
    receipt.refresh_from_db()
    status.refresh_from_db()
    assert (receipt.state, receipt.attempts) == (State.PENDING, 1)
    assert receipt.not_before > moment and receipt.queued_at is None
    assert "ConnectionRefusedError" in receipt.last_error
    # The rest of the batch was not tried: no attempt counted, but it waits as well.
    assert (status.state, status.attempts) == (State.PENDING, 0)
    assert status.not_before > moment
    # Beat's dispatch leaves them alone until then.
    assert notifications_dispatch(now=receipt.not_before - timedelta(seconds=1)) == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications_send([receipt.pk, status.pk]) == {"sent": 2}
    assert notifications_send([receipt.pk, status.pk]) == {"not_open": 2}
    assert len(mail.outbox) == 2
    receipt.refresh_from_db()
    assert (receipt.state, receipt.attempts) == (State.SENT, 2)


def _use_broker(url):
    """Point this process's Celery app at `url`, dropping pools made for the old address."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_a_request_made_while_redis_is_down_is_saved_and_its_email_sent_once_later(
    going_abroad, settings, closed_port
):
    working = celery_app.conf.broker_url  # read through to Django's settings: before they change
    down = f"redis://127.0.0.1:{closed_port}/0"
    settings.CELERY_BROKER_URL = down
    _use_broker(down)
    try:
        started = time.monotonic()
        service_request = submit(going_abroad, language="fr")
        took = time.monotonic() - started
        assert took < 5, f"the applicant waited {took:.1f} s"
        [receipt] = RequestNotification.objects.filter(request=service_request)
        assert receipt.state == State.PENDING  # committed with the request
        # Beat's dispatch cannot hand it over either: it stays pending, unclaimed.
        assert notifications_dispatch() == 0
        receipt.refresh_from_db()
        assert (receipt.state, receipt.queued_at, receipt.attempts) == (State.PENDING, None, 0)
    finally:
        settings.CELERY_BROKER_URL = working
        _use_broker(working)
    assert ServiceRequest.objects.get().reference == service_request.reference
    assert mail.outbox == []

    with _worker():
        dispatch_notifications.delay()  # what beat publishes every minute
        _wait(lambda: RequestNotification.objects.filter(state=State.SENT).exists(), what="it")
        dispatch_notifications.delay()
        _drain()
    [message] = mail.outbox
    assert message.to == ["claire@example.org"]
    assert service_request.reference in message.subject
    receipt.refresh_from_db()
    assert (receipt.state, receipt.attempts) == (State.SENT, 1)
