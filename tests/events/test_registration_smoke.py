"""A first pass through registration: register, waitlist, cancel, promote, send."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from apps.events.deliveries import deliveries_dispatch, deliveries_send
from apps.events.models import Delivery, Registration
from apps.events.registrations import registration_cancel, registration_create

from .conftest import JOIN_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _register(event, email, **extra):
    values = {
        "event_id": event.pk,
        "name": "Alena",
        "email": email,
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
    }
    values.update(extra)
    return registration_create(**values)


def test_register_waitlist_cancel_promote_and_send():
    event = EventFactory(takes_registrations=True, capacity=1, online=True, join_url=JOIN_URL)
    first = _register(event, "a@example.org").registration
    second = _register(event, "b@example.org", language="fr").registration
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert set(first.deliveries.values_list("key", flat=True)) == {
        "confirmation-1",
        "reminder-10080",
        "reminder-1440",
        "reminder-120",
    }
    assert _register(event, "A@example.org").created is False
    registration_cancel(registration_id=first.pk)
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    ids = list(
        Delivery.objects.filter(state="pending", due_at__lte=event.starts_at).values_list(
            "pk", flat=True
        )
    )
    Delivery.objects.filter(pk__in=ids, kind="reminder").update(state="skipped")
    due = list(
        Delivery.objects.filter(state="pending")
        .exclude(kind="reminder")
        .values_list("pk", flat=True)
    )
    result = deliveries_send(due)
    assert result["sent"] == 2, result  # the cancellation and the promotion
    subjects = [m.subject for m in mail.outbox]
    assert any("Вы" in s or "место" in s.lower() or s for s in subjects)
    promoted = [m for m in mail.outbox if m.to == ["b@example.org"]]
    assert promoted
    html = promoted[-1].alternatives[0][0]
    assert JOIN_URL in html
    print(subjects)
    print(promoted[-1].body)


def test_pages(client):
    event = EventFactory(takes_registrations=True, capacity=5)
    with translation.override("ru"):
        url = event.get_register_url()
    page = client.get(url)
    assert page.status_code == 200
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "name": "<script>alert(1)</script>",
        "email": "x@example.org",
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
        "consent": "on",
        "form_token": token,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    again = client.post(url, data)
    assert again["Location"] == response["Location"]
    manage = client.get(response["Location"])
    assert manage.status_code == 200
    assert "&lt;script&gt;" in manage.content.decode()
    assert Registration.objects.count() == 1
    bad = client.post(url, {**data, "time_zone": "Mars/Base", "email": "nope", "form_token": "x"})
    assert bad.status_code == 400
    print(bad.content.decode()[bad.content.decode().find("error-summary") - 50 :][:1500])
    cancel = client.post(response["Location"], {"action": "cancel"})
    assert cancel.status_code == 302
    assert Registration.objects.get().status == "cancelled"
    assert client.get(reverse("events:registration", kwargs={"token": "forged"})).status_code == 404
    deliveries_dispatch()
