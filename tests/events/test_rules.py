"""Each event rule has one home: held online, the public venue, places left, who sees the
join link, and the wording and times of reminders."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from apps.events import reminders
from apps.events.models import Event, Registration
from apps.events.registrations import registration_cancel, registration_create
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def register(event, email):
    return registration_create(
        event_id=event.pk,
        name="Alena Ivanova",
        email=email,
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration


@pytest.mark.parametrize(
    ("is_online", "status", "held_online"),
    [
        (False, Event.Status.SCHEDULED, False),
        (True, Event.Status.SCHEDULED, True),
        (False, Event.Status.MOVED_ONLINE, True),
        (True, Event.Status.CANCELLED, True),
    ],
)
def test_held_online_is_the_same_in_python_and_in_sql(is_online, status, held_online):
    event = EventFactory(is_online=is_online, event_status=status)
    assert event.is_held_online is held_online
    assert Event.objects.held_online().filter(pk=event.pk).exists() is held_online
    assert Event.objects.held_on_site().filter(pk=event.pk).exists() is not held_online


def test_the_listing_filter_counts_an_event_moved_online_as_online(client):
    EventFactory(title_en="Moved exchange", event_status=Event.Status.MOVED_ONLINE)
    EventFactory(title_en="Courtyard exchange")
    online = client.get("/en/events/", {"mode": "online"}).content.decode()
    on_site = client.get("/en/events/", {"mode": "offline"}).content.decode()
    assert "Moved exchange" in online and "Courtyard exchange" not in online
    assert "Courtyard exchange" in on_site and "Moved exchange" not in on_site


def test_the_venue_is_public_only_while_it_is_published():
    venue = VenueFactory()
    event = EventFactory(venue=venue)
    assert event.public_venue == venue
    venue.status = "draft"
    venue.save()
    assert Event.objects.get(pk=event.pk).public_venue is None
    assert EventFactory().public_venue is None


def test_places_left_counts_confirmed_places_only():
    event = EventFactory(takes_registrations=True, capacity=2)
    assert event.places_left() == 2
    first = register(event, "a@example.org")
    register(event, "b@example.org")
    register(event, "c@example.org")  # waitlisted
    assert event.places_left() == 0
    assert EventFactory(takes_registrations=True).places_left() is None
    registration_cancel(registration_id=first.pk)  # the waitlisted one takes it
    assert event.places_left() == 0


@pytest.mark.parametrize(
    ("values", "status", "sees"),
    [
        ({"online": True}, Registration.Status.CONFIRMED, True),
        ({"online": True}, Registration.Status.WAITLISTED, False),
        ({"online": True}, Registration.Status.CANCELLED, False),
        ({"event_status": Event.Status.MOVED_ONLINE}, Registration.Status.CONFIRMED, True),
        ({"online": True, "event_status": Event.Status.CANCELLED}, "confirmed", False),
        ({}, Registration.Status.CONFIRMED, False),
    ],
)
def test_who_sees_the_join_link(values, status, sees):
    event = EventFactory(join_url=JOIN_URL, **values)
    assert Registration(event=event, status=status).sees_join_link is sees


def test_no_join_link_is_shown_when_there_is_none():
    event = EventFactory(online=True)
    assert not Registration(event=event, status=Registration.Status.CONFIRMED).sees_join_link


@pytest.mark.parametrize(
    ("minutes", "before", "lead"),
    [
        (7 * 1440, "7 days before", "in 7 days"),
        (1440, "1 day before", "in 1 day"),
        (120, "2 hours before", "in 2 hours"),
        (90, "90 minutes before", "in 90 minutes"),
    ],
)
def test_reminders_are_worded_in_their_largest_whole_unit(minutes, before, lead):
    with translation.override("en"):
        assert reminders.describe(minutes) == before
        assert reminders.lead_time(minutes) == lead


def test_the_defaults_are_a_week_a_day_and_two_hours():
    assert [reminders.minutes_of(*offset) for offset in reminders.DEFAULTS] == [10080, 1440, 120]


def test_a_day_before_is_counted_on_the_wall_clock_and_hours_in_elapsed_time():
    event = EventFactory(time_zone="Europe/Berlin", local_start="2026-03-29 10:00")
    berlin = ZoneInfo("Europe/Berlin")
    assert reminders.reminder_due_at(event, 1440) == datetime(2026, 3, 28, 10, tzinfo=berlin)
    assert reminders.reminder_due_at(event, 24 * 60 + 60) != datetime(2026, 3, 28, 9, tzinfo=berlin)
