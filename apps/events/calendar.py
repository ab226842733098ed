"""RFC 5545 calendars and "add to calendar" links of events, in the active language.

Public ones never carry `Event.join_url`: only a confirmed registrant's own copy does.
"""

import functools
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, urlencode, urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext

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
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(name))
    host = urlsplit(settings.SITE_URL).hostname
    years = []
    for event in events:
        cal.add_component(_vevent(event, host))
        years += [event.local_start.year, event.local_end.year]
    if years:
        # Transitions for the years the events span, not icalendar's fixed 1970-2038.
        _add_timezones(cal, date(min(years), 1, 1), date(max(years) + 2, 1, 1))
    return cal.to_ical()


def registration_calendar_bytes(event: Event, *, registration, cancel: bool = False) -> bytes:
    """The registrant's own copy of the event: with the join link for a confirmed place.

    The same UID and SEQUENCE as the public calendar, so it updates the entry a visitor
    may already have; `METHOD:CANCEL` when the event or the registration is cancelled.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cancel = cancel or event.is_cancelled
    cal.add("method", "CANCEL" if cancel else "PUBLISH")
    host = urlsplit(settings.SITE_URL).hostname
    join_url = event.join_url if registration.sees_join_link and not cancel else ""
    vevent = _vevent(event, host, join_url=join_url)
    if cancel:
        vevent.pop("status")
        vevent.add("status", "CANCELLED")
    cal.add_component(vevent)
    _add_timezones(cal, date(event.local_start.year, 1, 1), date(event.local_end.year + 2, 1, 1))
    return cal.to_ical()


def _add_timezones(cal: icalendar.Calendar, first_date: date, last_date: date) -> None:
    """`Calendar.add_missing_timezones`, with each VTIMEZONE built once per process."""
    position = len(cal.timezones)
    for tzid in sorted(cal.get_missing_tzids()):
        timezone = _vtimezone(tzid, first_date, last_date)
        if timezone is not None:
            cal.subcomponents.insert(position, timezone)
            position += 1


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_date: date, last_date: date) -> icalendar.Timezone | None:
    """A zone's rules for these years: tens of milliseconds to build, the same every time.

    Shared between calendars, which only serialize it.
    """
    try:
        return icalendar.Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date)
    except ValueError:  # a zone icalendar does not know is left out, as icalendar does
        return None


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


def _vevent(event: Event, host: str, *, join_url: str = "") -> icalendar.Event:
    vevent = icalendar.Event()
    # The primary key, not the slug or title: the same across edits and languages.
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    if event.all_day:
        start, end = _all_day_dates(event)
    else:
        # Wall-clock time with a TZID, so calendar apps follow the zone's DST rules.
        start, end = event.local_start, event.local_end
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("sequence", event.sequence)
    vevent.add("status", _STATUS.get(event.event_status, "CONFIRMED"))
    vevent.add("summary", event.title)
    vevent.add("description", _details(event, join_url=join_url))
    vevent.add("url", _page_url(event))
    if join_url:
        # RFC 7986: the link calendar apps offer as "join".
        vevent.add("conference", join_url, parameters={"value": "URI", "feature": "VIDEO"})
    if location := _location(event):
        vevent.add("location", location)
    vevent.add("categories", [event.get_category_display()])
    return vevent


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
