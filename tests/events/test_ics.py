"""The iCalendar views: one event's file and the feed, with the listing's filters."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from icalendar import Calendar

from apps.events.models import Event
from apps.events.services import event_set_status, event_update
from apps.events.views import FEED_CACHE_SECONDS, FEED_LIMIT

from .conftest import SITE_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def get_calendar(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(cal: Calendar) -> list[str]:
    return [str(vevent["SUMMARY"]) for vevent in cal.walk("VEVENT")]


# One event


def test_event_file(client):
    event = EventFactory(
        slug="youth-exchange",
        title_en="Youth exchange",
        time_zone="Europe/Berlin",
        local_start="2026-03-30 10:00",
    )
    response = client.get("/en/events/youth-exchange.ics")
    assert response["Content-Disposition"] == 'attachment; filename="youth-exchange.ics"'
    cal = get_calendar(client, "/en/events/youth-exchange.ics")
    (vevent,) = cal.walk("VEVENT")
    assert cal["X-WR-CALNAME"] == "Youth exchange"
    assert vevent["SUMMARY"] == "Youth exchange"
    assert vevent["UID"] == f"event-{event.pk}@portal.example.org"
    assert vevent["URL"] == f"{SITE_URL}/en/events/youth-exchange/"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["SEQUENCE"] == 0


def test_sequence_goes_up_after_a_time_change(client):
    event = EventFactory(slug="youth-exchange")
    url = "/en/events/youth-exchange.ics"
    (before,) = get_calendar(client, url).walk("VEVENT")
    event = Event.objects.get(pk=event.pk)
    event.starts_at += timedelta(hours=2)
    event.ends_at += timedelta(hours=2)
    event_update(event=event)
    (after,) = get_calendar(client, url).walk("VEVENT")
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["UID"] == before["UID"]
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + timedelta(hours=2)


def test_a_cancelled_event_says_so(client):
    event = EventFactory(slug="youth-exchange")
    event_set_status(event=Event.objects.get(pk=event.pk), status=Event.Status.CANCELLED)
    (vevent,) = get_calendar(client, "/en/events/youth-exchange.ics").walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 1


def test_text_in_the_requested_language(client):
    EventFactory(
        slug="youth-exchange",
        title_en="Youth exchange",
        title_fr="Échange de jeunes",
        title_zh_hans="青少年交流",
    )
    (vevent,) = get_calendar(client, "/fr/events/youth-exchange.ics").walk("VEVENT")
    assert vevent["SUMMARY"] == "Échange de jeunes"
    assert vevent["URL"] == f"{SITE_URL}/fr/events/youth-exchange/"
    with translation.override("fr"):
        assert vevent["CATEGORIES"].cats == [str(Event.Category.EXCHANGE.label)]
    (vevent,) = get_calendar(client, "/zh-hans/events/youth-exchange.ics").walk("VEVENT")
    assert vevent["SUMMARY"] == "青少年交流"
    (vevent,) = get_calendar(client, "/ja/events/youth-exchange.ics").walk("VEVENT")
    assert vevent["SUMMARY"] == "Youth exchange"  # no Japanese title: the fallback


@pytest.mark.parametrize(
    "state",
    [{"draft": True}, {"status": "archived"}, {"scheduled": True}],
)
def test_an_unpublished_event_has_no_file(client, state):
    event = EventFactory(**state)
    assert client.get(f"/en/events/{event.slug}.ics").status_code == 404


def test_an_unpublished_event_has_no_file_even_for_editors(editor_client):
    event = EventFactory(draft=True)
    assert editor_client.get(f"/en/events/{event.slug}.ics").status_code == 404


def test_an_unknown_event_has_no_file(client):
    assert client.get("/en/events/no-such-event.ics").status_code == 404


# The feed


def test_feed_lists_upcoming_published_events_soonest_first(client):
    EventFactory(title_en="Later", in_days=20)
    EventFactory(title_en="Sooner", in_days=2)
    EventFactory(title_en="Past", in_days=-2)
    EventFactory(title_en="Draft", in_days=3, draft=True)
    EventFactory(title_en="Scheduled", publish_at=timezone.now() + timedelta(days=1))
    response = client.get("/en/events/feed.ics")
    assert response["Content-Disposition"] == 'attachment; filename="xicheng-events.ics"'
    cal = get_calendar(client, "/en/events/feed.ics")
    assert cal["X-WR-CALNAME"] == "Xicheng international events"
    assert summaries(cal) == ["Sooner", "Later"]
    assert summaries(get_calendar(client, "/en/events/feed.ics?when=past")) == ["Past"]


def test_feed_has_one_vtimezone_per_zone(client):
    EventFactory(time_zone="Europe/Berlin")
    EventFactory(time_zone="Europe/Berlin")
    EventFactory(time_zone="America/New_York")
    EventFactory()
    cal = get_calendar(client, "/en/events/feed.ics")
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == [
        "America/New_York",
        "Asia/Shanghai",
        "Europe/Berlin",
    ]
    assert cal.get_missing_tzids() == set()


def test_feed_honours_the_listing_filters(client):
    EventFactory(title_en="Forum", category=Event.Category.FORUM, in_days=3)
    EventFactory(title_en="Online forum", category=Event.Category.FORUM, in_days=4, online=True)
    EventFactory(title_en="Festival", category=Event.Category.FESTIVAL, in_days=5)
    assert summaries(get_calendar(client, "/en/events/feed.ics?category=forum")) == [
        "Forum",
        "Online forum",
    ]
    assert summaries(get_calendar(client, "/en/events/feed.ics?category=forum&mode=online")) == [
        "Online forum"
    ]
    # Unknown values are ignored, as in the listing.
    assert len(summaries(get_calendar(client, "/en/events/feed.ics?category=nope&month=x"))) == 3


def test_feed_in_the_requested_language(client):
    EventFactory(title_en="Youth exchange", title_fr="Échange de jeunes")
    cal = get_calendar(client, "/fr/events/feed.ics")
    assert summaries(cal) == ["Échange de jeunes"]
    with translation.override("fr"):
        assert cal["X-WR-CALNAME"] == translation.gettext("Xicheng international events")


@pytest.mark.parametrize("code", CODES)
def test_feed_in_every_language(client, code):
    EventFactory()
    assert len(get_calendar(client, f"/{code}/events/feed.ics").walk("VEVENT")) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/xx/events/feed.ics",
        "/de/events/feed.ics",
        "/zh/events/feed.ics",
        "/en-us/events/feed.ics",
        "/xx/events/some-event.ics",
        "/xx/events/some-event/",
        "/xx/events/",
    ],
)
def test_feed_in_an_unknown_language_is_not_found(client, url):
    EventFactory(slug="some-event")
    assert client.get(url).status_code == 404


def test_feed_is_capped(client, monkeypatch):
    monkeypatch.setattr("apps.events.views.FEED_LIMIT", 3)
    for number in range(5):
        EventFactory(in_days=number + 1)
    assert len(get_calendar(client, "/en/events/feed.ics").walk("VEVENT")) == 3
    assert FEED_LIMIT >= 100


def test_feed_is_the_next_200_upcoming_events():
    assert FEED_LIMIT == 200


def test_feed_is_written_once_per_address_and_content_version(client):
    EventFactory(title_en="Forum", title_fr="Forum FR", category=Event.Category.FORUM, in_days=3)
    first = client.get("/en/events/feed.ics")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/events/feed.ics")
    assert not [q for q in queries.captured_queries if "events_event" in q["sql"]]
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(get_calendar(client, "/fr/events/feed.ics")) == ["Forum FR"]
    assert summaries(get_calendar(client, "/en/events/feed.ics?category=talk")) == []
    # A change to any public content writes it again.
    EventFactory(title_en="Talk", category=Event.Category.TALK, in_days=4)
    assert summaries(get_calendar(client, "/en/events/feed.ics")) == ["Forum", "Talk"]
    assert summaries(get_calendar(client, "/en/events/feed.ics?category=talk")) == ["Talk"]


def test_feed_follows_the_clock_within_a_minute(client):
    EventFactory(title_en="Soon over", in_days=0, hours=1)
    EventFactory(title_en="Later", in_days=2)
    assert summaries(get_calendar(client, "/en/events/feed.ics")) == ["Soon over", "Later"]
    later = timezone.now() + timedelta(hours=1, seconds=FEED_CACHE_SECONDS + 1)
    with time_machine.travel(later):
        assert summaries(get_calendar(client, "/en/events/feed.ics")) == ["Later"]


def test_empty_feed_is_still_a_calendar(client):
    cal = get_calendar(client, "/en/events/feed.ics")
    assert cal.walk("VEVENT") == []


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_calendar_files_are_read_only(client, method):
    EventFactory(slug="youth-exchange")
    for url in ("/en/events/feed.ics", "/en/events/youth-exchange.ics"):
        assert getattr(client, method)(url).status_code == 405
