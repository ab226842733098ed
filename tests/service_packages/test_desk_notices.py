"""Emails to the service desk: a new request, an applicant's reply, an overdue request;
through the staff outbox, once per recipient and event, as each member chose, in each
member's language (apps/service_packages/desk_notices.py, apps/core/staff_notifications.py)."""

import socket
import time
from datetime import datetime, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from apps.core.models import StaffEmail, StaffLanguage, StaffNotice, StaffNotificationPreference
from apps.core.outbox import outbox_claim, outbox_send
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK
from apps.core.staff_notifications import STAFF_EMAILS
from apps.core.tasks import ping
from apps.service_packages.desk_notices import (
    NEW_REQUEST,
    OVERDUE,
    REPLY,
    beijing_today,
    desk_notify_overdue,
)
from apps.service_packages.models import ServiceRequest
from apps.service_packages.services import request_assign, request_reply, request_transition
from apps.service_packages.tasks import notify_overdue
from xicheng_portal.celery import app as celery_app

from .conftest import SITE_URL
from .factories import submit

Status = ServiceRequest.Status
Delivery = StaffNotificationPreference.Delivery
State = StaffEmail.State


def _member(
    django_user_model,
    username,
    group=STAFF_GROUP_SERVICE_DESK,
    *,
    language=None,
    email_language="",
    **prefs,
):
    """A staff member of `group`; `language` is their admin language, `prefs` their choices."""
    if email_language:
        prefs["language"] = email_language
    user = django_user_model.objects.create_user(
        username=username,
        password="a long test password",
        email=f"{username}@example.org",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group))
    if language:
        StaffLanguage.objects.create(user=user, language=language)
    if prefs:
        StaffNotificationPreference.objects.create(user=user, **prefs)
    return user


def _claim_and_send(now=None):
    """Beat's claim of the staff outbox at `now`, and the sends it hands out, in-process."""
    now = now or timezone.now()
    ids = [row[0] for row in outbox_claim(STAFF_EMAILS, now=now, limit=1000)]
    return outbox_send(STAFF_EMAILS, ids, now=now)


def _to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def _wait(condition, *, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def _empty_queue():
    celery_app.control.purge()
    yield
    celery_app.control.purge()


def _worker():
    assert celery_app.conf.broker_url.startswith("redis://"), "tests need the Redis broker"
    return start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10)


def _drain():
    assert ping.delay("drained").get(timeout=20)["reply"] == "drained"


# --- A new request ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_a_new_request_emails_the_desk_once_each_in_their_language(going_abroad, django_user_model):
    li = _member(django_user_model, "li", language="zh-hans")
    # Her admin is in English; she chose Arabic for these emails.
    amira = _member(django_user_model, "amira", language="en", email_language="ar")
    quiet = _member(django_user_model, "quiet", deliveries={NEW_REQUEST: Delivery.OFF})
    editor = _member(django_user_model, "editor", STAFF_GROUP_CONTENT_EDITOR)
    service_request = submit(going_abroad, contact_name="Claire Martin", email="claire@example.org")
    # Committed with the request; the commit asked a worker to send at once.
    assert set(StaffNotice.objects.values_list("address", flat=True)) == {li.email, amira.email}
    with _worker():
        _wait(
            lambda: StaffEmail.objects.filter(state=State.SENT).count() == 2,
            what="the desk's two emails",
        )
        celery_app.signature("core.outbox_dispatch").delay()  # what beat sends every minute
        _drain()
    assert len(_to(li)) == len(_to(amira)) == 1
    assert _to(quiet) == _to(editor) == []
    link = f"{SITE_URL}/admin/service_packages/servicerequest/{service_request.pk}/change/"
    for user, language in ((li, "zh-hans"), (amira, "ar")):
        [message] = _to(user)
        assert message.message()["Content-Language"] == language
        with translation.override(language):
            going_abroad.refresh_from_db()
            subject = gettext("New request %(reference)s: %(package)s") % {
                "reference": service_request.reference,
                "package": going_abroad.title,
            }
        assert message.subject == subject
        assert link in message.body
        # Only what is needed to find the request: no applicant's name or address.
        assert "Claire" not in message.body and "claire@" not in message.body
        assert "Muster" not in message.body
    assert StaffEmail.objects.filter(state=State.SENT).count() == 2


@pytest.mark.django_db
def test_the_notices_are_committed_with_the_request_or_not_at_all(going_abroad, django_user_model):
    _member(django_user_model, "li")
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(going_abroad)
        raise RuntimeError("the submission fails after the service returned")
    assert not StaffNotice.objects.exists() and not StaffEmail.objects.exists()
    submit(going_abroad)
    [notice] = StaffNotice.objects.all()
    assert notice.email.state == State.PENDING


# --- Digests ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.clock("2026-12-02T04:00:00Z")
def test_a_digest_collects_the_period_into_one_email_per_member(going_abroad, django_user_model):
    hourly = _member(
        django_user_model,
        "hourly",
        deliveries={NEW_REQUEST: Delivery.DIGEST},
        digest_minutes=60,
        language="fr",
    )
    at_once = _member(django_user_model, "at_once", language="ru")
    start = datetime.fromisoformat("2026-12-02T04:05:00+00:00")
    requests = [submit(going_abroad, now=start + timedelta(minutes=m)) for m in (0, 20, 50)]
    end = datetime.fromisoformat("2026-12-02T05:00:00+00:00")
    [digest] = StaffEmail.objects.filter(address=hourly.email)
    assert (digest.digest, digest.not_before, digest.notices.count()) == (True, end, 3)
    # Before the period ends only the immediate ones go.
    assert _claim_and_send(end - timedelta(seconds=1)) == {"sent": 3}
    assert len(_to(at_once)) == 3 and _to(hourly) == []
    assert _claim_and_send(end) == {"sent": 1}
    [message] = _to(hourly)
    with translation.override("fr"):
        assert message.subject == ngettext(
            "Xicheng portal: %(count)d notification", "Xicheng portal: %(count)d notifications", 3
        ) % {"count": 3}
    for service_request in requests:
        assert service_request.reference in message.body
    # Sent once: nothing more to claim, however often beat asks.
    assert _claim_and_send(end + timedelta(hours=2)) == {}
    assert len(_to(hourly)) == 1

    # The next period has its own digest.
    later = submit(going_abroad, now=end + timedelta(minutes=1))
    [next_digest] = StaffEmail.objects.filter(address=hourly.email, state=State.PENDING)
    assert next_digest.not_before == end + timedelta(hours=1)
    assert [n.params["reference"] for n in next_digest.notices.all()] == [later.reference]


@pytest.mark.django_db
def test_a_notice_never_joins_a_digest_that_has_left(going_abroad, django_user_model):
    _member(django_user_model, "hourly", deliveries={NEW_REQUEST: Delivery.DIGEST})
    now = timezone.now()
    submit(going_abroad, now=now)
    [digest] = StaffEmail.objects.all()
    # Beat claimed the digest at the end of its period...
    assert len(outbox_claim(STAFF_EMAILS, now=digest.not_before, limit=10)) == 1
    # ...when a submission that began before the end commits: it goes in the next one.
    submit(going_abroad, now=digest.not_before - timedelta(seconds=1))
    first, second = StaffEmail.objects.order_by("not_before")
    assert (first.pk, first.notices.count(), first.state) == (digest.pk, 1, State.QUEUED)
    assert second.notices.count() == 1 and second.state == State.PENDING
    assert second.not_before == first.not_before + timedelta(minutes=60)


# --- Replies ---------------------------------------------------------------------------------


def _ask(service_request, officer):
    for status, note in ((Status.IN_REVIEW, ""), (Status.INFO_REQUESTED, "Which dates?")):
        request_transition(
            request_id=service_request.pk, to_status=status, actor=officer, note_to_applicant=note
        )


@pytest.mark.django_db
def test_a_reply_tells_the_assigned_officer_or_else_the_desk(going_abroad, django_user_model):
    li = _member(django_user_model, "li", language="zh-hans")
    wang = _member(django_user_model, "wang", language="ar")
    assigned = submit(going_abroad)
    request_assign(request_id=assigned.pk, officer=wang, actor=li)
    _ask(assigned, li)
    nobodys = submit(going_abroad)
    _ask(nobodys, li)
    StaffNotice.objects.filter(topic=NEW_REQUEST).delete()
    StaffEmail.objects.filter(notices__isnull=True).delete()

    request_reply(request_id=assigned.pk, message="From 1 March.", files=[])
    assert list(StaffNotice.objects.values_list("topic", "address")) == [(REPLY, wang.email)]
    request_reply(request_id=nobodys.pk, message="From 2 March.", files=[])
    assert sorted(
        StaffNotice.objects.filter(params__request=nobodys.pk).values_list("address", flat=True)
    ) == [li.email, wang.email]
    assert _claim_and_send() == {"sent": 3}
    [to_wang, _also] = _to(wang)
    with translation.override("ar"):
        going_abroad.refresh_from_db()
        assert to_wang.subject == gettext(
            "The applicant replied on %(reference)s (%(package)s)"
        ) % {"reference": assigned.reference, "package": going_abroad.title}
    # The applicant's words stay in the admin.
    assert all("March" not in message.body for message in mail.outbox)


# --- Overdue ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_overdue_request_is_told_once_on_the_beijing_date(going_abroad, django_user_model):
    li = _member(django_user_model, "li", deliveries={OVERDUE: Delivery.IMMEDIATE})
    # 16:30 UTC on 2 December is 00:30 on 3 December in Beijing.
    now = datetime.fromisoformat("2026-12-02T16:30:00+00:00")
    assert str(beijing_today(now)) == "2026-12-03"
    late = submit(going_abroad)
    due_today = submit(going_abroad)
    waiting = submit(going_abroad)
    _ask(waiting, li)
    ServiceRequest.objects.filter(pk__in=[late.pk, waiting.pk]).update(due_on="2026-12-02")
    ServiceRequest.objects.filter(pk=due_today.pk).update(due_on="2026-12-03")
    StaffNotice.objects.all().delete()
    StaffEmail.objects.all().delete()

    assert desk_notify_overdue(now=now) == 1
    assert desk_notify_overdue(now=now + timedelta(minutes=10)) == 0
    [notice] = StaffNotice.objects.all()
    assert (notice.topic, notice.address, notice.params["reference"]) == (
        OVERDUE,
        li.email,
        late.reference,
    )
    # Waiting for the applicant is not overdue; back with the desk, it is, once.
    request_reply(request_id=waiting.pk, message="Here.", files=[])
    assert desk_notify_overdue(now=now) == 1
    assert desk_notify_overdue(now=now) == 0
    assert StaffNotice.objects.filter(topic=OVERDUE).count() == 2
    assert _claim_and_send() == {"sent": 3}  # two overdue, one reply
    [overdue_email] = [m for m in _to(li) if late.reference in m.subject]
    assert "2026" in overdue_email.subject


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_the_overdue_beat_task_on_a_real_worker_tells_once(going_abroad, django_user_model):
    li = _member(django_user_model, "li", deliveries={OVERDUE: Delivery.IMMEDIATE})
    late = submit(going_abroad)
    ServiceRequest.objects.filter(pk=late.pk).update(due_on=beijing_today() - timedelta(days=1))
    with _worker():
        notify_overdue.delay()
        notify_overdue.delay()  # a second beat, or the same task delivered twice
        _drain()
        _wait(
            lambda: not StaffEmail.objects.filter(state__in=StaffEmail.OPEN_STATES).exists(),
            what="the emails",
        )
        celery_app.signature("core.outbox_dispatch").delay()
        _drain()
    assert StaffNotice.objects.filter(topic=OVERDUE).count() == 1
    assert len([m for m in _to(li) if late.reference in m.subject]) == 2  # new + overdue
    late.refresh_from_db()
    assert late.overdue_notified_at is not None


# --- Redis down --------------------------------------------------------------------------------


def _use_broker(url):
    """Point this process's Celery app at `url`, dropping pools made for the old address."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def closed_port():
    """A local port that is bound but not listening: connections are refused at once."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    yield closed.getsockname()[1]
    closed.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_a_request_made_while_redis_is_down_still_reaches_the_desk_once(
    going_abroad, django_user_model, settings, closed_port
):
    li = _member(django_user_model, "li")
    working = celery_app.conf.broker_url
    down = f"redis://127.0.0.1:{closed_port}/0"
    settings.CELERY_BROKER_URL = down
    _use_broker(down)
    try:
        service_request = submit(going_abroad)
    finally:
        settings.CELERY_BROKER_URL = working
        _use_broker(working)
    [email] = StaffEmail.objects.all()
    assert email.state == State.PENDING  # committed with the request, waiting for beat
    with _worker():
        celery_app.signature("core.outbox_dispatch").delay()  # beat, once Redis is back
        _wait(lambda: StaffEmail.objects.filter(state=State.SENT).exists(), what="the email")
        celery_app.signature("core.outbox_dispatch").delay()
        _drain()
    [message] = _to(li)
    assert service_request.reference in message.subject
