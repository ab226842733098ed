"""The iCalendar text writer: escaping and folding by RFC 5545, and the same bytes as the
icalendar library writes for our events (the calendars were built with it before)."""

from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.utils import translation

from apps.events import ical
from apps.events.calendar import (
    PRODID,
    _all_day_dates,
    _details,
    _location,
    _page_url,
    calendar_bytes,
    registration_calendar_bytes,
)
from apps.events.models import Event, Registration
from tests.venues.factories import VenueFactory

from .test_calendar import make_event

pytestmark = pytest.mark.django_db


def lines(content: bytes) -> list[bytes]:
    assert content.endswith(b"\r\n")
    return content[:-2].split(b"\r\n")


def unfold(content: bytes) -> str:
    return content.decode().replace("\r\n ", "")


# --- Escaping and folding ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Forum, summit; gala", r"Forum\, summit\; gala"),
        ("Line one\nline two\r\nthree\rfour", r"Line one\nline two\nthree\nfour"),
        (r"C:\New folder", r"C:\\New folder"),
        ("北京西城，国际交流；论坛", "北京西城，国际交流；论坛"),  # full-width marks stay
        ("plain", "plain"),
    ],
)
def test_text_is_escaped(value, written):
    assert ical.text(value) == written


def test_short_lines_are_not_folded():
    assert ical.fold("SUMMARY:" + "x" * 66) == "SUMMARY:" + "x" * 66  # 74 octets
    assert ical.fold("SUMMARY:" + "x" * 67).count("\r\n ") == 1


@pytest.mark.parametrize(
    "title",
    [
        "中日青少年交流活动" * 12,  # three octets a character
        "Échange de jeunes avec Nakano, à Xicheng; " * 5,
        "Молодёжный обмен с Накано — " * 6,
        "تبادل الشباب مع ناكانو " * 8,
        "🎉 Festival 🎭 " * 20,  # four octets a character
        "x" * 72 + "\\,tail" + "y" * 100,
    ],
)
def test_long_lines_fold_at_75_octets_between_characters(title):
    folded = ical.line("SUMMARY", ical.text(title)).encode()
    physical = folded.split(b"\r\n")
    assert len(physical) > 1
    for number, part in enumerate(physical):
        assert len(part) <= 75
        assert part.decode()  # whole UTF-8 characters on every line
        assert number == 0 or part.startswith(b" ")
    assert folded.decode().replace("\r\n ", "") == "SUMMARY:" + ical.text(title)


def test_an_escape_is_not_split_over_two_lines():
    folded = ical.fold("DESCRIPTION:" + "x" * 61 + "\\,after")
    first, second = folded.split("\r\n ")
    assert not first.endswith("\\")
    assert second.startswith("\\,")


@pytest.mark.parametrize(
    "title",
    [
        "Xicheng, Nakano; and Minsk",
        "Zeile eins\nZeile zwei",
        "中日青少年交流活动：书法、花道和茶道，一起体验中日传统文化的魅力与交流" * 2,
        "Back\\slash and a comma, in a very long English title that needs folding twice " * 2,
    ],
)
def test_titles_read_back_as_they_were_written(event, title):
    event.title_en = title
    (vevent,) = icalendar.Calendar.from_ical(calendar_bytes([event], name=title)).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title.replace("\r\n", "\n")


def test_every_line_of_a_calendar_is_75_octets_at_most(event):
    event.title_en = "中日青少年交流活动" * 20
    event.summary_en = "Ein langer Text, mit Kommas; und Semikolons.\n" * 10
    for part in lines(calendar_bytes([event], name="Événements, internationaux; 2026")):
        assert len(part) <= 75
        part.decode()


# --- The same bytes as icalendar --------------------------------------------------------


def icalendar_vevent(event: Event, host: str, *, join_url: str = "") -> icalendar.Event:
    """How calendar.py built a VEVENT with the icalendar library."""
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", event.updated_at.astimezone(UTC))
    vevent.add("created", event.created_at.astimezone(UTC))
    vevent.add("last-modified", event.updated_at.astimezone(UTC))
    if event.all_day:
        start, end = _all_day_dates(event)
    else:
        start, end = event.local_start, event.local_end
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("sequence", event.sequence)
    status = {Event.Status.CANCELLED: "CANCELLED", Event.Status.POSTPONED: "TENTATIVE"}
    vevent.add("status", status.get(event.event_status, "CONFIRMED"))
    vevent.add("summary", event.title)
    vevent.add("description", _details(event, join_url=join_url))
    vevent.add("url", _page_url(event))
    if join_url:
        vevent.add("conference", join_url, parameters={"value": "URI", "feature": "VIDEO"})
    if location := _location(event):
        vevent.add("location", location)
    vevent.add("categories", [event.get_category_display()])
    return vevent


def icalendar_bytes(events, *, name=None, method="PUBLISH", join_url="", cancel=False) -> bytes:
    """How calendar.py built a whole calendar with the icalendar library."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name is not None:
        cal.add("x-wr-calname", name)
    host = urlsplit(settings.SITE_URL).hostname
    years = []
    for event in events:
        vevent = icalendar_vevent(event, host, join_url=join_url)
        if cancel:
            vevent.pop("status")
            vevent.add("status", "CANCELLED")
        cal.add_component(vevent)
        years += [event.local_start.year, event.local_end.year]
    if years:
        first, last = date(min(years), 1, 1), date(max(years) + 2, 1, 1)
        for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
            cal.subcomponents.insert(
                position, icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
            )
    return cal.to_ical()


@pytest.fixture
def event():
    return make_event()


@pytest.fixture
def many_events():
    venue = VenueFactory(name_en="Prince Gong's Mansion", address_en="17 Qianhai West St, Xicheng")
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    shanghai = ZoneInfo("Asia/Shanghai")
    return [
        make_event(venue=venue, category=Event.Category.FESTIVAL),
        make_event(
            title_en="Forum, summit; and a gala\nover two lines " * 3,
            summary_en="A very long summary, with commas; semicolons and a backslash \\ " * 4,
            time_zone="Europe/Berlin",
            starts_at=datetime(2026, 3, 29, 1, 30, tzinfo=berlin),
            ends_at=datetime(2026, 3, 29, 4, tzinfo=berlin),
        ),
        make_event(
            time_zone="America/New_York",
            starts_at=datetime(2027, 11, 1, 0, 30, tzinfo=new_york),
            is_online=True,
            event_status=Event.Status.POSTPONED,
        ),
        make_event(all_day=True, ends_at=datetime(2026, 5, 3, 23, 59, tzinfo=shanghai)),
        make_event(time_zone="Etc/UTC", starts_at=datetime(2026, 7, 1, 9, tzinfo=UTC)),
        make_event(time_zone="Africa/Abidjan", location_en="Plateau, Abidjan"),
        make_event(title_en="", summary_en="", event_status=Event.Status.CANCELLED, sequence=3),
        make_event(title_en="Москва — Минск: молодёжный обмен, весна 2026", category="talk"),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans", "fr", "ar"])
def test_a_calendar_is_what_icalendar_wrote(many_events, language):
    with translation.override(language):
        events = [Event.objects.select_related("venue").get(pk=e.pk) for e in many_events]
        name = translation.gettext("Xicheng international events")
        assert calendar_bytes(events, name=name) == icalendar_bytes(events, name=name)
        for event in events:
            assert calendar_bytes([event], name=event.slug) == icalendar_bytes(
                [event], name=event.slug
            )


def test_the_calendar_name_is_text_escaped_as_rfc_5545_says(event):
    """icalendar wrote X-WR-CALNAME as it came (an x-prop of unknown type) and failed on a
    line break; RFC 5545 gives an x-prop the TEXT type, escaped like a SUMMARY."""
    written = calendar_bytes([event], name="Xicheng, Nakano; Minsk\nline two")
    assert rb"X-WR-CALNAME:Xicheng\, Nakano\; Minsk\nline two" + b"\r\n" in written


@pytest.mark.parametrize("cancel", [False, True])
def test_a_registrants_copy_is_what_icalendar_wrote(event, cancel):
    event.is_online = True
    registration = Registration(event=event, status=Registration.Status.CONFIRMED)
    written = registration_calendar_bytes(event, registration=registration, cancel=cancel)
    method = "CANCEL" if cancel else "PUBLISH"
    join_url = "" if cancel else event.join_url
    assert written == icalendar_bytes([event], method=method, join_url=join_url, cancel=cancel)
    assert (event.join_url in unfold(written)) is not cancel
