"""A message to an event's registrants reaches each in their language exactly once
(issue 17, item 4), with real parts: PostgreSQL, Redis, a Celery worker and an SMTP
server (tests/events/smtp_sink.py). Each email carries the fixed Message-ID of its row,
so "once" is counted at the SMTP server.
"""

import re
import uuid
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from apps.core.tasks import outbox_dispatch_task, outbox_send_task
from apps.events.models import MessageDelivery, RegistrantMessage, Registration
from apps.events.registrant_messages import REGISTRANT_MESSAGES
from xicheng_portal.celery import app

from .factories import EventFactory

# The broker (emptied, no foreign worker on it), the SMTP sink and a worker in a thread:
# the fixtures and helpers of the registration emails' reliability tests.
from .test_delivery_reliability import (  # noqa: F401 - pytest fixtures
    _queued,
    _task_results,
    _wait,
    _worker,
    broker,
    sink,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(request):
    return request.getfixturevalue("sink")


@pytest.fixture
def redis_broker(request):
    return request.getfixturevalue("broker")


Status = Registration.Status
MESSAGE_ID = re.compile(r"<message-(\d+)\.(\d+)@")

TEXTS = {
    "en": ("Bring your passport", "Please bring **your passport** to the gate."),
    "fr": ("Apportez votre passeport", "Veuillez apporter **votre passeport**."),
    "zh-hans": ("请携带护照", "请携带**护照**入场。"),
}
# email: (status, language, the text's language)
REGISTRANTS = {
    "alena@example.org": (Status.CONFIRMED, "ru", "en"),
    "pierre@example.org": (Status.CONFIRMED, "fr", "fr"),
    "li.wei@example.org": (Status.WAITLISTED, "zh-hans", "zh-hans"),
    "yuki@example.org": (Status.WAITLISTED, "ja", "en"),
    "omar@example.org": (Status.CANCELLED, "ar", None),
}


@pytest.fixture
def event():
    event = EventFactory(title_en="Passport day", takes_registrations=True)
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            status=status,
            name=address.split("@")[0].title(),
            email=address,
            country="BY",
            language=language,
            time_zone="Europe/Minsk",
            consented_at=now,
        )
        for address, (status, language, _text) in REGISTRANTS.items()
    )
    return event


def _form() -> dict:
    data = {"audience": "all", "form_token": str(uuid.uuid4()), "send": "1"}
    for code, (subject, body) in TEXTS.items():
        data[f"subject_{code}"] = subject
        data[f"body_{code}"] = body
    return data


def _states() -> Counter:
    return Counter(MessageDelivery.objects.values_list("state", flat=True))


def test_a_message_reaches_each_registrant_once_in_their_language(
    smtp, redis_broker, event, registrations_officer
):
    client = Client()
    client.force_login(registrations_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = f"/admin/events/registrantmessage/write/{event.pk}/"
    data = _form()
    # A double click: the same form twice. The first commit wakes the dispatcher.
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert RegistrantMessage.objects.count() == 1
    expected = {address for address, (_s, _l, text) in REGISTRANTS.items() if text}

    with _task_results() as results, _worker():
        smtp.wait_for(lambda s: len(s.messages) >= len(expected), what="the four emails")
        _wait(lambda: _states() == Counter({"sent": 4}), what="the rows recorded as sent")
        ids = sorted(MessageDelivery.objects.values_list("pk", flat=True))
        # The send task run again by the worker, as a retry or a redelivery would.
        again = app.send_task("core.outbox_send", args=[REGISTRANT_MESSAGES.name, ids])
        _wait(
            lambda: any(task_id == again.id for task_id, _value in results),
            what="the repeated send task",
        )
        assert [value for task_id, value in results if task_id == again.id] == [{"not_open": 4}]

    # And once more in this process, and a dispatcher that finds nothing due.
    assert outbox_send_task(REGISTRANT_MESSAGES.name, ids) == {"not_open": 4}
    assert outbox_dispatch_task(REGISTRANT_MESSAGES.name) == 0

    counts = smtp.counts()
    assert len(counts) == 4 and set(counts.values()) == {1}
    assert {message.to for message in smtp.messages} == expected
    for message in smtp.messages:
        email = message_from_bytes(message.raw, policy=default_policy)
        _status, _language, text = REGISTRANTS[message.to]
        subject, body = TEXTS[text]
        assert email["Content-Language"] == text
        assert str(email["Subject"]).startswith(subject)
        plain = email.get_body(preferencelist=("plain",)).get_content()
        assert body.replace("**", "") in plain.replace("**", "")
        registration_id = int(MESSAGE_ID.match(message.message_id).group(2))
        assert Registration.objects.get(pk=registration_id).email == message.to
    assert _queued(redis_broker) == []
