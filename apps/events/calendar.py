"""RFC 5545 calendars and "add to calendar" links of events, in the active language.

Public ones never carry `Event.join_url`: only a confirmed registrant's own copy does.
"""

import functools
import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, urlencode, urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext
from icalendar.timezone.tzid import tzid_from_tzinfo

from . import ical
from .models import Event

PRODID = "-//Xicheng District//International Exchange Portal//EN"
GOOGLE_CALENDAR_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR_URL = "https://outlook.live.com/calendar/0/deeplink/compose"

_STATUS = {
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.POSTPONED: "TENTATIVE",
}


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event, and a VTIMEZONE for each zone they use."""
    return _calendar(events, method="PUBLISH", name=str(name))


def registration_calendar_bytes(event: Event, *, registration, cancel: bool = False) -> bytes:
    """The registrant's own copy of the event: with the join link for a confirmed place.

    The same UID and SEQUENCE as the public calendar, so it updates the entry a visitor
    may already have; `METHOD:CANCEL` when the event or the registration is cancelled.
    """
    cancel = cancel or event.is_cancelled
    join_url = event.join_url if registration.sees_join_link and not cancel else ""
    return _calendar(
        [event], method="CANCEL" if cancel else "PUBLISH", join_url=join_url, cancel=cancel
    )


def _calendar(
    events: Iterable[Event],
    *,
    method: str,
    name: str | None = None,
    join_url: str = "",
    cancel: bool = False,
) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        ical.line("PRODID", ical.text(PRODID)),
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
    ]
    if name is not None:
        lines.append(ical.line("X-WR-CALNAME", ical.text(name)))
    vevents, zones, years = [], set(), []
    for event in events:
        vevents += _vevent(event, host, join_url=join_url, cancel=cancel)
        if not event.all_day and not _is_utc(event.time_zone):
            zones.add(event.time_zone)
        years += [event.local_start.year, event.local_end.year]
    if zones:
        # Transitions for the years the events span, not icalendar's fixed 1970-2038.
        first, last = date(min(years), 1, 1), date(max(years) + 2, 1, 1)
        lines += filter(None, (_vtimezone(tzid, first, last) for tzid in sorted(zones)))
    lines += vevents
    lines.append("END:VCALENDAR\r\n")
    return "\r\n".join(lines).encode()


def _vevent(event: Event, host: str, *, join_url: str = "", cancel: bool = False) -> list[str]:
    """The lines of one VEVENT, its properties in the order icalendar writes them."""
    if event.all_day:
        start, end = _all_day_dates(event)
        dtstart, dtend = (
            f"DTSTART;VALUE=DATE:{ical.day(start)}",
            f"DTEND;VALUE=DATE:{ical.day(end)}",
        )
    elif _is_utc(event.time_zone):
        dtstart, dtend = f"DTSTART:{ical.utc(event.starts_at)}", f"DTEND:{ical.utc(event.ends_at)}"
    else:
        # Wall-clock time with a TZID, so calendar apps follow the zone's DST rules.
        zone = f"TZID={event.time_zone}"
        dtstart = f"DTSTART;{zone}:{ical.wall_clock(event.local_start)}"
        dtend = f"DTEND;{zone}:{ical.wall_clock(event.local_end)}"
    updated = ical.utc(event.updated_at)
    lines = [
        "BEGIN:VEVENT",
        ical.line("SUMMARY", ical.text(event.title)),
        dtstart,
        dtend,
        f"DTSTAMP:{updated}",
        # The primary key, not the slug or title: the same across edits and languages.
        ical.line("UID", ical.text(f"event-{event.pk}@{host}")),
        f"SEQUENCE:{event.sequence}",
        ical.line("CATEGORIES", ical.text(str(event.get_category_display()))),
    ]
    if join_url:
        # RFC 7986: the link calendar apps offer as "join".
        lines.append(ical.line("CONFERENCE;FEATURE=VIDEO;VALUE=URI", join_url))
    lines += [
        f"CREATED:{ical.utc(event.created_at)}",
        ical.line("DESCRIPTION", ical.text(_details(event, join_url=join_url))),
        f"LAST-MODIFIED:{updated}",
    ]
    if location := _location(event):
        lines.append(ical.line("LOCATION", ical.text(location)))
    status = "CANCELLED" if cancel else _STATUS.get(event.event_status, "CONFIRMED")
    lines += [f"STATUS:{status}", ical.line("URL", _page_url(event)), "END:VEVENT"]
    return lines


@functools.lru_cache(maxsize=512)
def _is_utc(zone: str) -> bool:
    """Whether times in `zone` are written in UTC, without a TZID, as icalendar writes them
    (Etc/UTC, GMT and the zones always at UTC+0, such as Africa/Abidjan)."""
    try:
        return tzid_from_tzinfo(zoneinfo.ZoneInfo(zone)) == "UTC"
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_date: date, last_date: date) -> str | None:
    """A zone's VTIMEZONE for these years: tens of milliseconds to build, the same every time.

    None for a zone icalendar does not know (left out, as icalendar leaves it out).
    """
    try:
        timezone = icalendar.Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date)
    except ValueError:
        return None
    return timezone.to_ical().decode().removesuffix("\r\n")


def google_calendar_url(event: Event) -> str:
    """A link that opens Google Calendar's form, filled in with the event."""
    if event.all_day:
        start, end = _all_day_dates(event)
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        dates = f"{_utc(event.starts_at):%Y%m%dT%H%M%SZ}/{_utc(event.ends_at):%Y%m%dT%H%M%SZ}"
    return _link(
        GOOGLE_CALENDAR_URL,
        action="TEMPLATE",
        text=event.title,
        dates=dates,
        details=_details(event),
        location=_location(event),
        ctz=event.time_zone,
    )


def outlook_calendar_url(event: Event) -> str:
    """A link that opens Outlook.com's new-event form, filled in with the event."""
    if event.all_day:
        start, end = (day.isoformat() for day in _all_day_dates(event))
    else:
        start, end = (
            f"{_utc(moment):%Y-%m-%dT%H:%M:%SZ}" for moment in (event.starts_at, event.ends_at)
        )
    return _link(
        OUTLOOK_CALENDAR_URL,
        path="/calendar/action/compose",
        rru="addevent",
        subject=event.title,
        startdt=start,
        enddt=end,
        body=_details(event),
        location=_location(event),
        allday="true" if event.all_day else "false",
    )


def _page_url(event: Event) -> str:
    return settings.SITE_URL + event.get_absolute_url()


def _details(event: Event, *, join_url: str = "") -> str:
    """The summary, then the event page; the join link only in a registrant's copy."""
    join = gettext("Join online: %(url)s") % {"url": join_url} if join_url else ""
    return "\n\n".join(part for part in (event.summary, join, _page_url(event)) if part)


def _location(event: Event) -> str:
    venue = event.public_venue
    if venue is not None:
        return ", ".join(part for part in (venue.name, venue.address) if part)
    if event.location:
        return event.location
    if event.is_held_online:
        return gettext("Online")
    return ""


def _all_day_dates(event: Event) -> tuple[date, date]:
    """The local first day and the day after the last (iCalendar ends are exclusive)."""
    return event.local_start.date(), event.local_end.date() + timedelta(days=1)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _link(base: str, **params: str) -> str:
    query = urlencode({key: value for key, value in params.items() if value}, quote_via=quote)
    return f"{base}?{query}"
