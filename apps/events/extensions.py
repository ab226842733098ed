"""What the events app adds to the pages of venues and partner cities (core extension points).

Each is a list of dated links to events (`EventLink`), read with the columns a link
needs (`Event.objects.for_links()`) and kept in each process until what lists of events
depend on changes: an edit, a publication, or an event ending (`upcoming_key()`).
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import caches

from apps.core.content import KEPT_SECONDS

from .listing import upcoming_key
from .models import Event


@dataclass(frozen=True)
class EventLink:
    """A dated link to an event, as venue and partner pages list them."""

    title: str
    url: str
    timeline_date: date

    def get_absolute_url(self) -> str:
        return self.url


def _kept_links(name: str, read) -> list[EventLink]:
    # The key first: events read after it are never older than what it names.
    key = f"events:links:{upcoming_key()}:{name}"
    local = caches["local"]
    links = local.get(key)
    if links is None:
        links = [
            EventLink(event.title, event.get_absolute_url(), event.timeline_date)
            for event in read()
        ]
        local.set(key, links, KEPT_SECONDS)
    return links


def venue_upcoming_events(*, venue) -> list[EventLink]:
    """Upcoming published events held at `venue`, soonest first."""
    return _kept_links(
        f"venue-upcoming:{venue.pk}",
        lambda: Event.objects.filter(venue=venue).upcoming().for_links(),
    )


def venue_past_events(*, venue, limit: int) -> list[EventLink]:
    """The latest `limit` past published events held at `venue`."""
    return _kept_links(
        f"venue-past:{venue.pk}:{limit}",
        lambda: Event.objects.filter(venue=venue).past().for_links()[:limit],
    )


def partner_timeline(*, city) -> list[EventLink]:
    """Published events with `city` among their partners, newest first."""
    return _kept_links(
        f"partner-timeline:{city.pk}",
        lambda: Event.objects.filter(partner_cities=city).for_timeline().for_links(),
    )
