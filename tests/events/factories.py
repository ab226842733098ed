"""Events for tests of any app that shows them."""

import itertools
import zoneinfo
from datetime import date, datetime, time

from apps.events.models import Event

_numbers = itertools.count(1)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def make_event(*, title: str, day: date, venue=None, city=None, **values) -> Event:
    """A published event in Beijing from 10:00 to 23:59 on `day`."""
    starts = datetime.combine(day, time(10, 0), tzinfo=SHANGHAI)
    ends = datetime.combine(day, time(23, 59), tzinfo=SHANGHAI)
    event = Event(
        title_zh_hans=values.pop("title_zh_hans", title),
        title_en=title,
        slug=values.pop("slug", f"event-{next(_numbers)}"),
        category=values.pop("category", Event.Category.EXCHANGE),
        starts_at=starts,
        ends_at=ends,
        venue=venue,
        status=values.pop("status", "published"),
        **values,
    )
    event.full_clean()
    event.save()
    if city is not None:
        event.partner_cities.add(city)
    return event
