"""What the events app adds to the pages of venues and partner cities (core extension points).

Each is a list of dated links (`Event.objects.for_links()`): these pages are rendered
afresh for their events on every request (events end by the minute).
"""

from .models import Event


def venue_upcoming_events(*, venue) -> list[Event]:
    """Upcoming published events held at `venue`, soonest first."""
    return list(Event.objects.filter(venue=venue).upcoming().for_links())


def venue_past_events(*, venue, limit: int) -> list[Event]:
    """The latest `limit` past published events held at `venue`."""
    return list(Event.objects.filter(venue=venue).past().for_links()[:limit])


def partner_timeline(*, city) -> list[Event]:
    """Published events with `city` among their partners, newest first."""
    return list(Event.objects.filter(partner_cities=city).for_timeline().for_links())
