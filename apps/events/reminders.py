"""Reminders before an event: their units, the defaults, their wording and when each is due.

An offset is kept in minutes; it is worded, and counted on the clock, in the largest
whole unit: 1440 minutes is "1 day", 90 minutes "90 minutes".
"""

from datetime import UTC, datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

HOUR = 60
DAY = 24 * HOUR


class Unit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")


UNIT_MINUTES = {Unit.MINUTES: 1, Unit.HOURS: HOUR, Unit.DAYS: DAY}
# What a new event starts with: a week, a day and two hours before.
DEFAULTS = ((7, Unit.DAYS), (1, Unit.DAYS), (2, Unit.HOURS))
MAX_MINUTES = 60 * DAY


def minutes_of(amount: int | None, unit: str | None) -> int:
    """An offset in minutes; 0 for a row not filled in (or an unknown unit)."""
    return (amount or 0) * UNIT_MINUTES.get(unit, 0)


def _in_largest_unit(minutes: int) -> tuple[int, str]:
    if minutes % DAY == 0:
        return minutes // DAY, Unit.DAYS
    if minutes % HOUR == 0:
        return minutes // HOUR, Unit.HOURS
    return minutes, Unit.MINUTES


def describe(minutes: int) -> str:
    """The offset as staff set it: "1 day before"."""
    count, unit = _in_largest_unit(minutes)
    if unit == Unit.DAYS:
        text = ngettext("%(count)d day before", "%(count)d days before", count)
    elif unit == Unit.HOURS:
        text = ngettext("%(count)d hour before", "%(count)d hours before", count)
    else:
        text = ngettext("%(count)d minute before", "%(count)d minutes before", count)
    return text % {"count": count}


def lead_time(minutes: int) -> str:
    """How soon the event starts, as a reminder says it: "in 1 day"."""
    count, unit = _in_largest_unit(minutes)
    if unit == Unit.DAYS:
        text = ngettext("in %(count)d day", "in %(count)d days", count)
    elif unit == Unit.HOURS:
        text = ngettext("in %(count)d hour", "in %(count)d hours", count)
    else:
        text = ngettext("in %(count)d minute", "in %(count)d minutes", count)
    return text % {"count": count}


def reminder_due_at(event, minutes: int) -> datetime:
    """When a reminder `minutes` before the start of `event` is due.

    Whole days are counted on the event's wall clock: "1 day before" a 10:00 event is
    10:00 the day before, even across a daylight-saving change. Hours and minutes are
    elapsed time.
    """
    count, unit = _in_largest_unit(minutes)
    if unit == Unit.DAYS:
        local = event.starts_at.astimezone(event.zone)
        wall = local.replace(tzinfo=None) - timedelta(days=count)
        return wall.replace(tzinfo=event.zone)
    # In UTC: an aware time in the event's zone (the admin form's) would subtract wall-clock.
    return event.starts_at.astimezone(UTC) - timedelta(minutes=minutes)


# A reminder sent this much after its due time still says its offset ("in 1 day"): beat
# runs every minute, so an on-time reminder is a minute or two late.
ON_TIME_MINUTES = 5


def minutes_to_say(*, offset_minutes: int, due_at: datetime, starts_at: datetime, now: datetime):
    """The lead time a reminder says: its offset when it goes on time, else the time
    really left (a late reminder never says "in 2 hours" half an hour before the start),
    rounded to the unit a person would use."""
    if now - due_at <= timedelta(minutes=ON_TIME_MINUTES):
        return offset_minutes
    left = max((starts_at - now).total_seconds() / 60, 1)
    if left >= 2 * DAY:
        return round(left / DAY) * DAY
    if left >= 2 * HOUR:
        return round(left / HOUR) * HOUR
    return round(left)
