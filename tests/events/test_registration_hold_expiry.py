"""A hold past its time frees its place at once, whether or not a worker has run.

`events.expire_holds` (beat, every minute) cancels holds past their time; between its
runs, and while no worker is up at all, every count and every write on the event's places
already treats such a hold as ended: issue 15's "unconfirmed holds never keep a real person
from a place beyond the hold time".
"""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from apps.events.deliveries import deliveries_send
from apps.events.models import Delivery, Event, Registration, RegistrationSummary
from apps.events.registrations import (
    registration_cancel,
    registration_confirm_address,
    registration_create,
    registrations_fill_free_places,
    registrations_purge,
)
from apps.events.tasks import expire_holds
from apps.events.tokens import registration_manage_url
from xicheng_portal.celery import app as celery_app

from .conftest import JOIN_URL
from .factories import EventFactory, registration_form_data

pytestmark = pytest.mark.django_db

HOLD_MINUTES = 60
PINNED = pytest.mark.clock("2026-12-02T04:00:00Z")


@pytest.fixture(autouse=True)
def _hold_time(settings):
    settings.EVENT_REGISTRATION_HOLD_MINUTES = HOLD_MINUTES


def _online(capacity=1):
    return EventFactory(
        takes_registrations=True,
        capacity=capacity,
        online=True,
        join_url=JOIN_URL,
        address_confirmation=Event.AddressConfirmation.AUTO,
    )


def _register(event, email):
    return registration_create(
        event_id=event.pk,
        name="Visitor",
        email=email,
        country="BY",
        language="en",
        time_zone="Europe/Minsk",
    ).registration


def _page(client, registration):
    with translation.override("en"):
        response = client.get(registration_manage_url(registration))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


def _bot_holds_the_place_and_a_person_waits(event):
    bot = _register(event, "bot@nonexistent.invalid")
    person = _register(event, "person@example.org")
    registration_confirm_address(registration_id=person.pk)
    person.refresh_from_db()
    assert (bot.status, person.status) == ("held", "waitlisted")
    return bot, person


def _past_the_hold_time(_clock):
    _clock.move_to(timezone.now() + timedelta(minutes=HOLD_MINUTES, seconds=1))


@PINNED
def test_a_place_held_past_its_time_is_free_to_the_next_visitor_without_the_task(client, _clock):
    event = _online()
    bot = _register(event, "bot@nonexistent.invalid")
    assert event.places_left() == 0
    full = "All places are taken. If you register now, you join the waitlist"
    assert full in client.get(event.get_register_url()).content.decode()
    _past_the_hold_time(_clock)
    # Nothing has run: the count already leaves the hold out.
    assert Registration.objects.get(pk=bot.pk).status == "held"
    assert event.places_left() == 1
    assert full not in client.get(event.get_register_url()).content.decode()
    response = client.post(
        event.get_register_url(), registration_form_data(email="real@example.org", language="en")
    )
    assert response.status_code == 200
    real = Registration.objects.get(email="real@example.org")
    assert real.status == "held"  # the place, held for them in turn
    bot.refresh_from_db()
    assert bot.status == "cancelled"
    assert not bot.deliveries.filter(state__in=Delivery.OPEN_STATES).exists()


@PINNED
def test_the_waitlisted_person_gets_the_place_when_they_look_with_the_worker_down(client, _clock):
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    html = _page(client, person)
    assert JOIN_URL not in html
    _past_the_hold_time(_clock)
    html = _page(client, person)
    person.refresh_from_db()
    assert person.status == "confirmed"
    assert JOIN_URL in html  # confirmed address, confirmed place: now the join link
    assert person.deliveries.filter(kind="promoted", state="pending").exists()
    # The bot's own page says its hold ended, without the join link.
    bot_html = _page(client, bot)
    assert gettext("The place held for you was not confirmed in time") in bot_html
    assert JOIN_URL not in bot_html


@PINNED
def test_the_held_registrant_s_own_page_ends_the_hold_past_its_time(client, _clock):
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    _past_the_hold_time(_clock)
    html = _page(client, bot)
    assert gettext("Confirm my place") not in html
    assert gettext("The place held for you was not confirmed in time") in html
    person.refresh_from_db()
    assert person.status == "confirmed"


@PINNED
@pytest.mark.parametrize(
    "write",
    [
        lambda event, other: registration_cancel(registration_id=other.pk),
        lambda event, other: registrations_fill_free_places(event_id=event.pk),
        lambda event, other: registration_confirm_address(registration_id=other.pk),
    ],
    ids=["a cancellation", "places added", "another confirmation"],
)
def test_any_write_on_the_event_s_places_ends_holds_past_their_time_first(_clock, write):
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    other = _register(event, "other@example.org")
    assert other.status == "waitlisted"
    _past_the_hold_time(_clock)
    write(event, other)
    bot.refresh_from_db()
    person.refresh_from_db()
    assert (bot.status, person.status) == ("cancelled", "confirmed")


@PINNED
def test_a_held_registrant_who_cancels_frees_the_place_for_the_waitlist():
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    registration_cancel(registration_id=bot.pk)
    person.refresh_from_db()
    assert person.status == "confirmed"
    assert person.deliveries.filter(kind="promoted").exists()


@PINNED
def test_confirming_after_the_hold_time_is_refused_without_the_task(client, _clock):
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    _past_the_hold_time(_clock)
    with translation.override("en"):
        url = registration_manage_url(bot)
    response = client.post(url, {"action": "confirm"}, follow=True)
    html = response.content.decode()
    assert "which has passed. Please register again." in html
    assert JOIN_URL not in html
    bot.refresh_from_db()
    person.refresh_from_db()
    assert (bot.status, bot.address_confirmed_at) == ("cancelled", None)
    assert person.status == "confirmed"


def test_beat_runs_the_expiry_every_minute():
    (entry,) = [
        e for e in celery_app.conf.beat_schedule.values() if e["task"] == "events.expire_holds"
    ]
    assert entry["schedule"] == crontab(minute="*")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_expires_the_holds_and_sends_the_promoted_their_email(settings):
    """Beat's task through the broker and a worker: the bot's place goes to the person."""
    event = _online()
    bot, person = _bot_holds_the_place_and_a_person_waits(event)
    Registration.objects.filter(pk=bot.pk).update(held_until=timezone.now() - timedelta(seconds=1))
    Delivery.objects.update(state=Delivery.State.SENT)  # only the promotion's email is wanted
    celery_app.control.purge()
    assert celery_app.conf.broker_url.startswith("redis://")
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        expire_holds.delay()
        deadline = time.monotonic() + 30
        while not [m for m in mail.outbox if m.to == ["person@example.org"]]:
            assert time.monotonic() < deadline, "the worker did not expire the hold in time"
            time.sleep(0.1)
    bot.refresh_from_db()
    person.refresh_from_db()
    assert (bot.status, person.status) == ("cancelled", "confirmed")
    (message,) = mail.outbox
    assert JOIN_URL in message.body
    assert expire_holds.apply().get() == 0  # a second run changes nothing
    celery_app.control.purge()


# --- What staff see ----------------------------------------------------------------------


def _shown(instant):
    if instant is None:
        return "-"
    with translation.override("en"):
        return date_format(timezone.localtime(instant), "DATETIME_FORMAT")


@PINNED
def test_staff_see_until_when_a_place_is_held_and_when_the_address_was_confirmed(
    registrations_client, settings
):
    settings.TIME_ZONE = "UTC"
    registrations_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    event = _online(capacity=2)
    held = _register(event, "held@example.org")
    url = f"/admin/events/registration/{held.pk}/change/"
    html = registrations_client.get(url).content.decode()
    assert "Held until the email address is confirmed" in html
    assert "Place held until" in html and "Email address confirmed" in html
    assert f'<div class="readonly">{_shown(held.held_until)}</div>' in html
    registration_confirm_address(registration_id=held.pk)
    held.refresh_from_db()
    html = registrations_client.get(url).content.decode()
    assert '<div class="readonly">Confirmed</div>' in html
    assert f'<div class="readonly">{_shown(held.address_confirmed_at)}</div>' in html
    assert f'<div class="readonly">{_shown(None)}</div>' in html  # held until: no more
    listing = registrations_client.get("/admin/events/registration/?status__exact=held")
    assert listing.status_code == 200


def test_a_hold_left_over_at_the_purge_is_counted_as_cancelled():
    event = _online(capacity=3)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=400),
        ends_at=timezone.now() - timedelta(days=400) + timedelta(hours=2),
    )
    event.refresh_from_db()
    for status, email in (("held", "bot@nonexistent.invalid"), ("confirmed", "real@example.org")):
        Registration.objects.create(
            event=event,
            status=status,
            name="V",
            email=email,
            country="BY",
            language="en",
            consented_at=event.starts_at,
        )
    assert registrations_purge() == 2
    summary = RegistrationSummary.objects.get(event=event)
    assert (summary.confirmed, summary.waitlisted, summary.cancelled) == (1, 0, 1)


@PINNED
def test_a_confirm_email_still_waiting_when_its_hold_ends_is_not_sent(_clock):
    event = _online()
    bot = _register(event, "bot@nonexistent.invalid")
    (delivery,) = bot.deliveries.all()
    assert delivery.kind == "confirm"
    _past_the_hold_time(_clock)  # the worker was down all along
    deliveries_send([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.state == "skipped"
    assert mail.outbox == []
