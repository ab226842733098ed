"""What the events app adds to the pages of venues and partner cities (core extension points)."""

from .models import Event


def venue_upcoming_events(*, venue) -> list[Event]:
    """Upcoming published events held at `venue`, soonest first."""
    return list(Event.objects.filter(venue=venue).upcoming())


def venue_past_events(*, venue, limit: int) -> list[Event]:
    """The latest `limit` past published events held at `venue`."""
    return list(Event.objects.filter(venue=venue).past()[:limit])


def partner_timeline(*, city) -> list[Event]:
    """Published events with `city` among their partners, newest first."""
    return list(Event.objects.filter(partner_cities=city).for_timeline())
