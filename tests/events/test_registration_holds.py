"""Places held, not given, until the registrant confirms their address from the email."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.events.deliveries import deliveries_send
from apps.events.models import Delivery, Event, Registration
from apps.events.registrations import (
    registration_cancel,
    registration_confirm_address,
    registration_create,
    registrations_expire_holds,
)
from apps.events.tasks import expire_holds
from apps.events.tokens import registration_manage_url

from .conftest import JOIN_URL
from .factories import EventFactory, registration_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

AUTO = Event.AddressConfirmation.AUTO


def _event(**values):
    values = {"takes_registrations": True, "address_confirmation": AUTO, **values}
    return EventFactory(**values)


def _online(**values):
    return _event(online=True, join_url=JOIN_URL, **values)


def _register(event, email, **values):
    return registration_create(
        event_id=event.pk,
        name="Alena Kavalenka",
        email=email,
        country="BY",
        language="en",
        time_zone="Europe/Minsk",
        **values,
    ).registration


def _manage(registration):
    with translation.override("en"):
        return registration_manage_url(registration)


def _send_due():
    due = Delivery.objects.filter(state__in=Delivery.OPEN_STATES, not_before__lte=timezone.now())
    deliveries_send(list(due.values_list("pk", flat=True)))
    return mail.outbox


def _ics(client, registration):
    token = _manage(registration).split("/")[-2]
    response = client.get(reverse("events:registration_ics", kwargs={"token": token}))
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


# --- The event's setting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "holds"),
    [
        ({"capacity": 10}, True),
        ({"online": True, "join_url": JOIN_URL}, True),
        ({}, False),
        ({"address_confirmation": "always"}, True),
        ({"capacity": 10, "join_url": JOIN_URL, "address_confirmation": "never"}, False),
    ],
)
def test_places_are_held_by_default_for_limited_places_or_a_join_link(values, holds):
    assert Event._meta.get_field("address_confirmation").default == AUTO
    assert _event(**values).holds_places() is holds


# --- Held until confirmed ----------------------------------------------------------------------


def test_a_place_is_held_and_the_join_link_waits_for_the_confirmation(client, settings):
    settings.EVENT_REGISTRATION_HOLD_MINUTES = 6 * 60
    event = _online(capacity=2)
    response = client.post(event.get_register_url(), registration_form_data(language="en"))
    assert response.status_code == 200
    assert JOIN_URL not in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.HELD
    expected = timezone.now() + timedelta(hours=6)
    assert abs(registration.held_until - expected) < timedelta(minutes=1)
    assert event.places_left() == 1  # a held place is not free
    assert not registration.deliveries.filter(kind="reminder").exists()
    # The email asks to confirm; it has the private link, not the join link nor a calendar.
    (message,) = _send_due()
    assert message.subject == gettext("Please confirm your registration: %(event)s") % {
        "event": event.title
    }
    assert JOIN_URL not in message.body and JOIN_URL not in message.alternatives[0][0]
    assert not [a for a in message.attachments if a[0].endswith(".ics")]
    link = re.search(r"https?://\S+/en/events/registration/[^/\s]+/", message.body).group(0)
    path = link.split("portal.example.org")[1]
    # Opening the link shows the button; a mail scanner opening it confirms nothing.
    page = client.get(path)
    html = page.content.decode()
    assert 'name="action" value="confirm"' in html
    assert JOIN_URL not in html
    assert JOIN_URL not in _ics(client, registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.HELD
    # The button confirms: the place is theirs, and now the join link comes.
    confirmed = client.post(path, {"action": "confirm"}, follow=True)
    assert "Thank you: your place is confirmed." in confirmed.content.decode()
    assert JOIN_URL in confirmed.content.decode()
    assert JOIN_URL in _ics(client, registration)
    registration.refresh_from_db()
    assert (registration.status, registration.held_until) == ("confirmed", None)
    assert registration.address_confirmed_at is not None
    assert registration.deliveries.filter(kind="reminder", state="pending").exists()
    mail.outbox.clear()
    (message,) = _send_due()
    assert message.subject == gettext("Your place is confirmed: %(event)s") % {"event": event.title}
    assert JOIN_URL in message.body
    # Confirming again changes nothing.
    client.post(path, {"action": "confirm"})
    assert registration.deliveries.filter(kind="confirmation").count() == 1


def test_a_waitlisted_registrant_confirms_to_join_the_line():
    event = _event(capacity=1)
    seat = _register(event, "seat@example.org", address_confirmed=True)
    bot = _register(event, "bot@example.org")
    person = _register(event, "person@example.org")
    assert (bot.status, person.status) == ("waitlisted", "waitlisted")
    registration_confirm_address(registration_id=person.pk)
    registration_cancel(registration_id=seat.pk)
    # The first confirmed address in line gets the place, not the unconfirmed one before it.
    person.refresh_from_db()
    bot.refresh_from_db()
    assert (person.status, bot.status) == ("confirmed", "waitlisted")


# --- Holds expire ------------------------------------------------------------------------------


def test_unconfirmed_holds_never_keep_a_real_person_from_a_place_beyond_the_hold_time(
    settings,
):
    """Issue 15's scripted flood: 50 bots, then a real person, on three places."""
    settings.EVENT_REGISTRATION_HOLD_MINUTES = 12 * 60
    event = _online(capacity=3)
    start = timezone.now()
    bots = [_register(event, f"bot{n}@nonexistent.invalid", now=start) for n in range(50)]
    assert [bot.status for bot in bots[:3]] == ["held"] * 3
    assert {bot.status for bot in bots[3:]} == {"waitlisted"}
    person = _register(event, "real@example.org", now=start + timedelta(minutes=5))
    assert person.status == "waitlisted"
    registration_confirm_address(registration_id=person.pk, now=start + timedelta(minutes=10))
    person.refresh_from_db()
    assert person.status == "waitlisted"  # every place is held, for now
    # Before the hold time nothing moves; after it, the task frees the places.
    assert expire_holds.apply().get() == 0
    later = start + timedelta(hours=12, minutes=1)
    assert registrations_expire_holds(event_id=event.pk, now=later) == 3
    person.refresh_from_db()
    assert person.status == "confirmed"
    assert person.deliveries.filter(kind="promoted").exists()
    assert event.registrations.taking_places().count() == 1
    assert event.places_left() == 2  # the bots behind, unconfirmed, are not offered places
    # A second run changes nothing.
    assert registrations_expire_holds(event_id=event.pk, now=later) == 0
    assert Registration.objects.filter(status="held").count() == 0


@pytest.mark.parametrize("with_ids", [True, False])
def test_the_beat_task_takes_event_ids_or_finds_them_and_is_idempotent(with_ids):
    event = _event(capacity=1)
    held = _register(event, "held@example.org")
    waiting = _register(event, "waiting@example.org")
    registration_confirm_address(registration_id=waiting.pk)
    assert (held.status, Registration.objects.get(pk=waiting.pk).status) == ("held", "waitlisted")
    Registration.objects.filter(pk=held.pk).update(held_until=timezone.now() - timedelta(minutes=1))
    kwargs = {"event_ids": [event.pk]} if with_ids else {}
    assert expire_holds.apply(kwargs=kwargs).get() == 1
    assert expire_holds.apply(kwargs=kwargs).get() == 0
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, waiting.status) == ("cancelled", "confirmed")
    assert not held.deliveries.filter(state__in=Delivery.OPEN_STATES).exists()


def test_confirming_after_the_hold_time_is_too_late_and_says_so(client):
    event = _online(capacity=1)
    registration = _register(event, "late@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        held_until=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(_manage(registration), {"action": "confirm"}, follow=True)
    html = response.content.decode()
    assert "which has passed. Please register again." in html
    assert JOIN_URL not in html
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert event.places_left() == 1


def test_a_hold_never_lasts_past_the_start(settings):
    settings.EVENT_REGISTRATION_HOLD_MINUTES = 24 * 60
    event = _event(capacity=5, in_days=0.25)
    registration = _register(event, "soon@example.org")
    assert registration.held_until == event.starts_at


def test_staff_and_the_demo_register_confirmed_addresses():
    event = _online(capacity=5)
    registration = _register(event, "invented@example.org", address_confirmed=True)
    assert registration.status == "confirmed"
    assert registration.sees_join_link


def test_the_confirm_page_works_in_every_language_of_the_page(client):
    event = _event(capacity=5)
    registration = _register(event, "alena@example.org")
    for language in ("ar", "zh-hans"):
        with translation.override(language):
            url = registration_manage_url(registration)
            label = gettext("Confirm my place")
        assert label in client.get(url).content.decode()
    with translation.override("ru"):
        url = registration_manage_url(registration)
    Client().post(url, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == "confirmed"
