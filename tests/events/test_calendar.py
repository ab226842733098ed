"""The iCalendar export and the "add to calendar" links of events."""

import itertools
import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from icalendar import Calendar

from apps.core.models import PublishingStatus
from apps.events.calendar import calendar_bytes, google_calendar_url, outlook_calendar_url
from apps.events.models import Event
from apps.events.services import event_update
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.org"
JOIN_URL = "https://meet.example.org/secret-room-123"
SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
_slugs = itertools.count()


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def make_event(**fields) -> Event:
    """A published exchange in Shanghai time, with a private join link."""
    starts_at = fields.pop("starts_at", datetime(2026, 5, 1, 10, tzinfo=SHANGHAI))
    values = {
        "title_zh_hans": "中日青少年交流活动",
        "title_en": "Youth exchange with Nakano",
        "summary_en": "Pupils of both cities meet at the courtyard.",
        "slug": f"youth-exchange-{next(_slugs)}",
        "category": Event.Category.EXCHANGE,
        "starts_at": starts_at,
        "ends_at": fields.pop("ends_at", starts_at + timedelta(hours=2)),
        "status": PublishingStatus.PUBLISHED,
        "join_url": JOIN_URL,
        **fields,
    }
    event = Event.objects.create(**values)
    event.partner_cities.add(SisterCityFactory())
    return event


def parse(events, name="Events") -> Calendar:
    return Calendar.from_ical(calendar_bytes(events, name=name))


def vevent_of(event):
    (vevent,) = parse([event]).walk("VEVENT")
    return vevent


def unfolded(content: bytes) -> str:
    """The text with RFC 5545 line folding undone, so a long value is searchable."""
    return content.decode().replace("\r\n ", "")


def query_of(url: str) -> dict[str, str]:
    return {key: value for key, (value,) in parse_qs(urlsplit(url).query).items()}


def utc(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


# --- The calendar ---------------------------------------------------------------------


def test_calendar_properties_and_one_vevent_per_event():
    events = [make_event(), make_event(), make_event()]

    cal = parse(events, name="Xicheng international events")

    assert cal["PRODID"] == "-//Xicheng District//International Exchange Portal//EN"
    assert cal["VERSION"] == "2.0"
    assert cal["CALSCALE"] == "GREGORIAN"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Xicheng international events"
    assert len(cal.walk("VEVENT")) == 3


def test_an_empty_calendar_is_still_a_calendar():
    cal = parse([])

    assert cal.walk("VEVENT") == []
    assert cal.walk("VTIMEZONE") == []


def test_vevent_properties():
    venue = VenueFactory(name_en="Prince Gong's Mansion", address_en="17 Qianhai West Street")
    event = make_event(venue=venue, category=Event.Category.FESTIVAL)
    event.refresh_from_db()

    vevent = vevent_of(event)

    assert vevent["UID"] == f"event-{event.pk}@portal.example.org"
    assert vevent["SUMMARY"] == "Youth exchange with Nakano"
    page = f"{SITE_URL}/en/events/{event.slug}/"
    assert vevent["URL"] == page
    assert vevent["DESCRIPTION"] == f"Pupils of both cities meet at the courtyard.\n\n{page}"
    assert vevent["LOCATION"] == "Prince Gong's Mansion, 17 Qianhai West Street"
    assert vevent["CATEGORIES"].cats == ["Festival"]
    assert vevent["STATUS"] == "CONFIRMED"
    # iCalendar times have whole seconds.
    assert vevent.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)
    assert vevent.decoded("LAST-MODIFIED") == event.updated_at.replace(microsecond=0)
    assert vevent.decoded("CREATED") == event.created_at.replace(microsecond=0)
    content = unfolded(calendar_bytes([event], name="x"))
    for name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
        assert re.search(rf"^{name}:\d{{8}}T\d{{6}}Z\r$", content, re.MULTILINE)


def test_a_timed_event_is_in_its_own_zone_with_a_vtimezone():
    event = make_event(time_zone="Europe/Berlin", starts_at=datetime(2026, 6, 1, 18, tzinfo=BERLIN))

    cal = parse([event])
    (vevent,) = cal.walk("VEVENT")

    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent["DTEND"].params["TZID"] == "Europe/Berlin"
    assert "DTSTART;TZID=Europe/Berlin:20260601T180000" in unfolded(
        calendar_bytes([event], name="x")
    )
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_one_vtimezone_per_zone_used():
    events = [
        make_event(time_zone="Europe/Berlin"),
        make_event(time_zone="Europe/Berlin"),
        make_event(),
        make_event(time_zone="America/New_York"),
    ]

    cal = parse(events)

    used = {vevent["DTSTART"].params["TZID"] for vevent in cal.walk("VEVENT")}
    assert used == {"Europe/Berlin", "Asia/Shanghai", "America/New_York"}
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == sorted(used)
    assert cal.get_missing_tzids() == set()


@pytest.mark.parametrize(
    ("zone", "day", "local_start", "local_end", "utc_start", "utc_end"),
    [
        # Berlin springs forward at 02:00 on 29 March 2026: 01:30 CET to 04:00 CEST.
        (
            "Europe/Berlin",
            date(2026, 3, 29),
            time(1, 30),
            time(4),
            "20260329T003000Z",
            "20260329T020000Z",
        ),
        (
            "Europe/Berlin",
            date(2026, 3, 29),
            time(10),
            time(12),
            "20260329T080000Z",
            "20260329T100000Z",
        ),
        # New York falls back at 02:00 on 1 November 2026: 00:30 EDT to 03:00 EST.
        (
            "America/New_York",
            date(2026, 11, 1),
            time(0, 30),
            time(3),
            "20261101T043000Z",
            "20261101T080000Z",
        ),
        (
            "America/New_York",
            date(2026, 11, 1),
            time(10),
            time(12),
            "20261101T150000Z",
            "20261101T170000Z",
        ),
    ],
)
def test_dst_change_days_round_trip_to_the_right_instants(
    zone, day, local_start, local_end, utc_start, utc_end
):
    event = make_event(
        time_zone=zone,
        starts_at=datetime.combine(day, local_start, tzinfo=ZoneInfo(zone)),
        ends_at=datetime.combine(day, local_end, tzinfo=ZoneInfo(zone)),
    )

    cal = parse([event])
    (vevent,) = cal.walk("VEVENT")

    assert vevent.decoded("DTSTART").astimezone(UTC) == utc(utc_start)
    assert vevent.decoded("DTEND").astimezone(UTC) == utc(utc_end)
    # The VTIMEZONE itself says the same, for apps that read it instead of the zone name.
    (vtimezone,) = cal.walk("VTIMEZONE")
    own_rules = vtimezone.to_tz()
    assert datetime.combine(day, local_start, tzinfo=own_rules).astimezone(UTC) == utc(utc_start)
    assert datetime.combine(day, local_end, tzinfo=own_rules).astimezone(UTC) == utc(utc_end)


def test_an_all_day_event_has_dates_with_an_exclusive_end():
    # Midnight in Beijing is still the day before in UTC: the local dates count.
    event = make_event(
        all_day=True,
        starts_at=datetime(2026, 5, 1, 0, 0, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 5, 3, 23, 59, tzinfo=SHANGHAI),
    )

    content = unfolded(calendar_bytes([event], name="x"))
    vevent = vevent_of(event)

    assert "DTSTART;VALUE=DATE:20260501\r\n" in content
    assert "DTEND;VALUE=DATE:20260504\r\n" in content
    assert vevent.decoded("DTSTART") == date(2026, 5, 1)
    assert vevent.decoded("DTEND") == date(2026, 5, 4)
    assert "VTIMEZONE" not in content


def test_sequence_follows_the_event_and_goes_up_when_it_moves():
    event = make_event()
    before = vevent_of(event)
    assert before["SEQUENCE"] == event.sequence == 0

    event = Event.objects.get(pk=event.pk)
    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    event_update(event=event)
    after = vevent_of(Event.objects.get(pk=event.pk))

    assert after["SEQUENCE"] == event.sequence > before["SEQUENCE"]
    assert after["UID"] == before["UID"]
    assert after.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)


def test_uid_is_the_same_in_every_language():
    event = make_event(title_fr="Échange de jeunes avec Nakano")

    with translation.override("fr"):
        french = vevent_of(event)
    with translation.override("zh-hans"):
        chinese = vevent_of(event)

    assert french["UID"] == chinese["UID"] == f"event-{event.pk}@portal.example.org"
    assert french["URL"] == f"{SITE_URL}/fr/events/{event.slug}/"
    assert chinese["URL"] == f"{SITE_URL}/zh-hans/events/{event.slug}/"


@pytest.mark.parametrize(
    ("event_status", "ical_status"),
    [
        (Event.Status.SCHEDULED, "CONFIRMED"),
        (Event.Status.RESCHEDULED, "CONFIRMED"),
        (Event.Status.MOVED_ONLINE, "CONFIRMED"),
        (Event.Status.POSTPONED, "TENTATIVE"),
        (Event.Status.CANCELLED, "CANCELLED"),
    ],
)
def test_status(event_status, ical_status):
    event = make_event(event_status=event_status)

    assert vevent_of(event)["STATUS"] == ical_status


def test_text_is_in_the_requested_language():
    translated = make_event(title_fr="Échange de jeunes avec Nakano", summary_fr="Des élèves.")
    untranslated = make_event()

    with translation.override("fr"):
        cal = parse([translated, untranslated])
        category = str(Event.Category.EXCHANGE.label)
    first, second = cal.walk("VEVENT")

    assert first["SUMMARY"] == "Échange de jeunes avec Nakano"
    assert first["DESCRIPTION"].startswith("Des élèves.\n\n")
    assert first["CATEGORIES"].cats == [category]
    # No French title: the English one, as on the page.
    assert second["SUMMARY"] == "Youth exchange with Nakano"


def test_the_join_link_is_never_shared():
    online = make_event(is_online=True, summary_en="Watch it live.")
    in_person = make_event(location_en="Courtyard of the Xicheng Cultural Centre")
    everything = [online, in_person]

    content = calendar_bytes(everything, name="Events")
    links = [google_calendar_url(e) for e in everything] + [
        outlook_calendar_url(e) for e in everything
    ]

    for text in [unfolded(content), *links, *(unquote(link) for link in links)]:
        assert JOIN_URL not in text
        assert "secret-room" not in text
        assert "meet.example.org" not in text
    assert vevent_of(online)["LOCATION"] == "Online"


# --- Location -------------------------------------------------------------------------


def test_an_unpublished_venue_is_not_named():
    venue = VenueFactory(draft=True, name_en="Secret Hall", address_en="1 Hidden Lane")
    event = make_event(venue=venue, location_en="Xicheng Cultural Centre")

    vevent = vevent_of(event)

    assert vevent["LOCATION"] == "Xicheng Cultural Centre"
    assert "Secret Hall" not in unfolded(calendar_bytes([event], name="x"))
    assert "Secret Hall" not in unquote(google_calendar_url(event))
    assert "Secret Hall" not in unquote(outlook_calendar_url(event))


def test_a_venue_scheduled_for_later_publication_is_not_named():
    venue = VenueFactory(name_en="Future Hall", publish_at=datetime(2999, 1, 1, tzinfo=UTC))
    event = make_event(venue=venue, is_online=True)

    assert vevent_of(event)["LOCATION"] == "Online"


def test_no_location_at_all():
    event = make_event()

    assert "LOCATION" not in vevent_of(event)
    assert "location" not in query_of(google_calendar_url(event))


# --- Links to Google Calendar and Outlook ---------------------------------------------


def test_google_calendar_url():
    event = make_event(
        time_zone="Europe/Berlin",
        starts_at=datetime(2026, 3, 29, 10, tzinfo=BERLIN),
        location_en="Rotes Rathaus, Berlin",
    )

    url = google_calendar_url(event)
    parts = urlsplit(url)
    query = query_of(url)

    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://calendar.google.com/calendar/render"
    )
    assert query["action"] == "TEMPLATE"
    assert query["text"] == "Youth exchange with Nakano"
    start, end = query["dates"].split("/")
    assert utc(start) == datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert utc(end) == datetime(2026, 3, 29, 10, tzinfo=UTC)
    assert query["details"] == (
        f"Pupils of both cities meet at the courtyard.\n\n{SITE_URL}/en/events/{event.slug}/"
    )
    assert query["location"] == "Rotes Rathaus, Berlin"
    assert query["ctz"] == "Europe/Berlin"
    # Spaces as %20 (quote), not "+" (quote_plus).
    assert "+" not in parts.query


def test_google_calendar_url_of_an_all_day_event():
    event = make_event(
        all_day=True,
        starts_at=datetime(2026, 5, 1, 0, 0, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 5, 3, 18, 0, tzinfo=SHANGHAI),
    )

    assert query_of(google_calendar_url(event))["dates"] == "20260501/20260504"


def test_outlook_calendar_url():
    event = make_event(
        time_zone="America/New_York",
        starts_at=datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK),
        ends_at=datetime(2026, 11, 1, 3, 0, tzinfo=NEW_YORK),
        is_online=True,
    )

    url = outlook_calendar_url(event)
    parts = urlsplit(url)
    query = query_of(url)

    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://outlook.live.com/calendar/0/deeplink/compose"
    )
    assert query["path"] == "/calendar/action/compose"
    assert query["rru"] == "addevent"
    assert query["subject"] == "Youth exchange with Nakano"
    assert query["startdt"] == "2026-11-01T04:30:00Z"
    assert query["enddt"] == "2026-11-01T08:00:00Z"
    assert query["body"].endswith(f"\n\n{SITE_URL}/en/events/{event.slug}/")
    assert query["location"] == "Online"
    assert query["allday"] == "false"


def test_outlook_calendar_url_of_an_all_day_event():
    event = make_event(
        all_day=True,
        starts_at=datetime(2026, 5, 1, 0, 0, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 5, 1, 23, 0, tzinfo=SHANGHAI),
    )

    query = query_of(outlook_calendar_url(event))

    assert (query["startdt"], query["enddt"], query["allday"]) == (
        "2026-05-01",
        "2026-05-02",
        "true",
    )


def test_links_are_in_the_requested_language():
    event = make_event(title_fr="Échange de jeunes avec Nakano")

    with translation.override("fr"):
        google = query_of(google_calendar_url(event))
        outlook = query_of(outlook_calendar_url(event))

    assert google["text"] == outlook["subject"] == "Échange de jeunes avec Nakano"
    assert f"{SITE_URL}/fr/events/{event.slug}/" in google["details"]
