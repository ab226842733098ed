"""Writes of the events app: the next edition of an event, status changes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import PublishingStatus
from apps.events.models import Event
from apps.events.services import event_create_next_edition, event_set_status, event_update
from tests.languages import FIELD_SUFFIXES
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def reloaded(event: Event) -> Event:
    return Event.objects.get(pk=event.pk)


@pytest.fixture
def festival():
    """A published, much-revised, cancelled 2026 edition with a private link."""
    event = EventFactory(
        slug="financial-street-festival-2026",
        series=EventSeriesFactory(),
        category=Event.Category.FESTIVAL,
        venue=VenueFactory(),
        online=True,
        join_url=JOIN_URL,
        capacity=300,
        organiser_en="Xicheng Culture Office",
        summary_en="Music on Financial Street.",
        partner_cities=[SisterCityFactory(), SisterCityFactory()],
        languages=["zh", "en", "fr"],
        registration_opens_at=datetime(2026, 8, 1, 9, tzinfo=SHANGHAI),
        registration_closes_at=datetime(2026, 9, 10, 18, tzinfo=SHANGHAI),
        starts_at=datetime(2026, 9, 12, 19, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 9, 13, 22, tzinfo=SHANGHAI),
        **{f"title_{lang}": f"Festival {lang} 2026" for lang in FIELD_SUFFIXES},
    )
    event = reloaded(event)
    event.location_en = "Financial Street"  # revised once
    event_update(event=event)
    event_set_status(event=event, status=Event.Status.CANCELLED)  # and once more
    assert event.sequence == 2
    return reloaded(event)


def test_next_edition_is_a_draft_copy_a_year_later(festival):
    copy = event_create_next_edition(event=festival)
    copy = reloaded(copy)
    assert copy.pk != festival.pk
    assert copy.status == PublishingStatus.DRAFT
    assert copy.publish_at is None
    assert copy.slug == "financial-street-festival-2027"
    assert copy.local_start == datetime(2027, 9, 12, 19, tzinfo=SHANGHAI)
    assert copy.local_end == datetime(2027, 9, 13, 22, tzinfo=SHANGHAI)
    assert copy.registration_opens_at == datetime(2027, 8, 1, 9, tzinfo=SHANGHAI)
    assert copy.registration_closes_at == datetime(2027, 9, 10, 18, tzinfo=SHANGHAI)
    for lang in FIELD_SUFFIXES:
        assert getattr(copy, f"title_{lang}") == f"Festival {lang} 2027"
    assert copy.sequence == 0
    assert copy.event_status == Event.Status.SCHEDULED
    assert copy.join_url == ""
    assert copy.series == festival.series
    assert copy.venue == festival.venue
    assert (copy.category, copy.is_online, copy.capacity) == (festival.category, True, 300)
    assert copy.summary_en == "Music on Financial Street."
    assert copy.organiser_en == "Xicheng Culture Office"
    assert set(copy.partner_cities.all()) == set(festival.partner_cities.all())
    assert len(copy.partner_cities.all()) == 2
    assert set(copy.languages.values_list("code", flat=True)) == {"zh", "en", "fr"}
    assert copy.created_at > festival.created_at


def test_the_original_is_left_as_it_was(festival):
    before = {
        field.attname: getattr(festival, field.attname) for field in Event._meta.concrete_fields
    }
    event_create_next_edition(event=festival)
    after = reloaded(festival)
    assert {name: getattr(after, name) for name in before} == before
    assert after.partner_cities.count() == 2


def test_next_edition_is_not_public(client, festival):
    copy = event_create_next_edition(event=festival)
    assert client.get(f"/en/events/{copy.slug}/").status_code == 404
    assert Event.objects.published().filter(pk=copy.pk).count() == 0


def test_dates_move_in_the_events_own_zone_across_summer_time():
    # 10:00 in Berlin on 30 March: summer time in 2026, and in 2027 (from 28 March) too;
    # 27 March 2026 is winter time and 27 March 2027 winter time as well.
    event = EventFactory(time_zone="Europe/Berlin", local_start="2026-03-27 10:00")
    copy = event_create_next_edition(event=event)
    assert copy.local_start == datetime(2027, 3, 27, 10, tzinfo=BERLIN)
    assert copy.local_start.utcoffset().total_seconds() == 3600
    # 29 March: summer time in 2026, winter time in 2027 (summer time starts 28 March).
    event = EventFactory(time_zone="Europe/Berlin", local_start="2026-03-29 10:00")
    copy = event_create_next_edition(event=event)
    assert reloaded(copy).local_start == datetime(2027, 3, 29, 10, tzinfo=BERLIN)


def test_an_evening_in_new_york_stays_on_its_day():
    # 31 December 20:00 in New York is 1 January in UTC and Beijing.
    event = EventFactory(
        slug="new-year-concert-2026",
        title_en="New Year concert 2026",
        time_zone="America/New_York",
        local_start="2026-12-31 20:00",
    )
    copy = reloaded(event_create_next_edition(event=event))
    assert copy.local_start == datetime(2027, 12, 31, 20, tzinfo=ZoneInfo("America/New_York"))
    assert copy.slug == "new-year-concert-2027"
    assert copy.title_en == "New Year concert 2027"


def test_29_february_becomes_28_february():
    event = EventFactory(
        slug="leap-day-talk-2028",
        title_en="Leap day talk 2028",
        local_start="2028-02-29 10:00",
        registration_closes_at=datetime(2028, 2, 29, 8, tzinfo=SHANGHAI),
    )
    copy = reloaded(event_create_next_edition(event=event))
    assert copy.local_start == datetime(2029, 2, 28, 10, tzinfo=SHANGHAI)
    assert copy.local_end == datetime(2029, 2, 28, 12, tzinfo=SHANGHAI)
    assert copy.registration_closes_at == datetime(2029, 2, 28, 8, tzinfo=SHANGHAI)
    assert copy.slug == "leap-day-talk-2029"
    assert copy.title_en == "Leap day talk 2029"


def test_a_slug_without_a_year_gets_one():
    event = EventFactory(slug="youth-exchange", local_start="2026-07-01 10:00")
    assert event_create_next_edition(event=event).slug == "youth-exchange-2027"


def test_a_slug_already_taken_gets_a_number():
    event = EventFactory(slug="forum-2026", local_start="2026-07-01 10:00")
    EventFactory(slug="forum-2027")
    first = event_create_next_edition(event=event)
    second = event_create_next_edition(event=event)
    assert (first.slug, second.slug) == ("forum-2027-2", "forum-2027-3")


def test_a_title_without_the_year_is_kept():
    event = EventFactory(
        title_en="Youth exchange", title_ja="青少年交流", local_start="2026-07-01 10:00"
    )
    copy = event_create_next_edition(event=event)
    assert (copy.title_en, copy.title_ja) == ("Youth exchange", "青少年交流")


def test_the_copy_of_the_copy_is_the_year_after():
    event = EventFactory(slug="forum-2026", title_en="Forum 2026", local_start="2026-07-01 10:00")
    following = event_create_next_edition(event=event_create_next_edition(event=event))
    assert (following.slug, following.title_en) == ("forum-2028", "Forum 2028")
    assert following.local_start.year == 2028


# Status


@pytest.mark.parametrize("status", [s for s, _label in Event.Status.choices if s != "scheduled"])
def test_set_status_is_a_new_calendar_revision(status):
    event = reloaded(EventFactory())
    event_set_status(event=event, status=status)
    event = reloaded(event)
    assert (event.event_status, event.sequence) == (status, 1)


def test_setting_the_same_status_again_is_no_new_revision():
    event = reloaded(EventFactory(event_status=Event.Status.POSTPONED))
    event_set_status(event=event, status=Event.Status.POSTPONED)
    assert reloaded(event).sequence == 0


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        event_set_status(event=reloaded(EventFactory()), status="maybe")
    with pytest.raises(ValidationError):
        event = reloaded(EventFactory())
        event.starts_at = event.ends_at.replace(year=event.ends_at.year + 1)
        event_set_status(event=event, status=Event.Status.RESCHEDULED)


def test_next_edition_keeps_the_reminder_offsets(festival):
    festival.reminder_offsets.all().delete()
    festival.reminder_offsets.create(amount=3, unit="days")
    festival.reminder_offsets.create(amount=30, unit="minutes")
    copy = event_create_next_edition(event=festival)
    assert sorted(copy.reminder_offsets.values_list("minutes", flat=True)) == [30, 3 * 1440]


def test_a_new_event_gets_the_default_reminders():
    event = EventFactory()
    assert list(event.reminder_offsets.values_list("minutes", flat=True)) == [10080, 1440, 120]
