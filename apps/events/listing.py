"""The programme's listing: which events a page shows, kept until they can change.

What a listing shows changes with an edit, when something scheduled for later is
published (`publication_key()`), and when an event ends: it leaves the upcoming events
for the past ones. Its count and the keys of each page are kept in each process until
the first of these; the cards themselves are read afresh (registration opens and closes
by the minute).
"""

from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Min
from django.utils import timezone, translation

from apps.core.content import KEPT_SECONDS, kept_listing_page, publication_key

from .models import Event

EVENTS_PER_PAGE = 20


def next_end(published: str):
    """When the next published event ends (None if none will): until then no event moves
    from the upcoming to the past ones. Asked once per `published` key, and again when
    that moment passes."""
    local = caches["local"]
    key = f"events:next-end:{published}"
    upcoming = local.get(key)
    now = timezone.now()
    if upcoming is None or (upcoming and upcoming <= now):
        ends = Event.objects.published(now=now).filter(ends_at__gte=now).aggregate(Min("ends_at"))
        # None waits: kept as "", not as a missing entry.
        upcoming = ends["ends_at__min"] or ""
        local.set(key, upcoming, KEPT_SECONDS)
    return upcoming or None


def listing_key(filters: dict) -> str:
    """What a listing under `filters` depends on; read it before the events it keys."""
    published = publication_key()
    ends = next_end(published)
    language = translation.get_language()
    return ":".join(
        (
            "events:listing",
            published,
            ends.isoformat() if ends else "-",
            language,
            urlencode(sorted((name, str(value)) for name, value in filters.items())),
        )
    )


def listing_page(events, filters: dict, number):
    """Page `number` of `events` (the listing's filtered queryset, in its order) and its
    events as cards: counted and paged once per `listing_key()`, the cards read afresh."""
    page, pks = kept_listing_page(
        listing_key(filters),
        number,
        EVENTS_PER_PAGE,
        count=events.count,
        keys=lambda start, end: events.values_list("pk", flat=True)[start:end],
    )
    cards = Event.objects.filter(pk__in=pks).for_cards().in_bulk() if pks else {}
    return page, [cards[pk] for pk in pks if pk in cards]
