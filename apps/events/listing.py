"""Lists of event cards (the programme and the home page), kept until they can change.

What a list shows changes with an edit, when something scheduled for later is published
(`publication_key()`), and when an event ends: it leaves the upcoming events for the
past ones (`next_end()`). Its count, the keys of each page and the cards' markup are
kept in each process until the first of these, and the markup also until a card's own
state changes with time: its registration opens or closes, or the event starts.
"""

from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from apps.core.content import KEPT_SECONDS, kept_listing_page, publication_key

from .models import Event
from .templatetags.event_tags import event_cards

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


def upcoming_key() -> str:
    """What lists of published events depend on besides their filters and the cards' own
    moments: the publication key, when the next event ends and the language. Read it
    before the events it keys."""
    published = publication_key()
    ends = next_end(published)
    return f"{published}:{ends.isoformat() if ends else '-'}:{translation.get_language()}"


def listing_key(filters: dict) -> str:
    """What a listing under `filters` depends on; read it before the events it keys."""
    query = urlencode(sorted((name, str(value)) for name, value in filters.items()))
    return f"events:listing:{upcoming_key()}:{query}"


def listing_page(events, filters: dict, number):
    """Page `number` of `events` (the listing's filtered queryset, in its order) and the
    markup of its cards ("" when it has none): counted, paged and written once per
    `listing_key()` until a card changes with time."""
    key = listing_key(filters)
    page, pks = kept_listing_page(
        key,
        number,
        EVENTS_PER_PAGE,
        count=events.count,
        keys=lambda start, end: events.values_list("pk", flat=True)[start:end],
    )
    if not pks:
        return page, ""
    cards, _note = kept_cards(f"{key}:{page.number}:cards", lambda: _cards_of(pks))
    return page, cards


def _cards_of(pks: list[int]) -> tuple[list, None, None]:
    cards = Event.objects.filter(pk__in=pks).for_cards().in_bulk()
    return [cards[pk] for pk in pks if pk in cards], None, None


def kept_cards(key: str, read) -> tuple[SafeString, object]:
    """The cards of the events `read()` returns and the note it adds, written once and
    kept under `key` until one of the events changes with time (its registration opens
    or closes, it starts) or the moment `read()` names passes (None: no such moment).

    `read()` returns (events, moment or None, note); `key` must name what the events
    depend on besides time (`listing_key()` does for the listing).
    """
    local = caches["local"]
    now = timezone.now()
    kept = local.get(key)
    if kept is not None and (kept[1] is None or kept[1] > now):
        return mark_safe(kept[0]), kept[2]  # noqa: S308 (event_cards' escaped markup)
    events, until, note = read()
    html = event_cards(events)
    turns = [
        moment
        for event in events
        for moment in (event.starts_at, event.registration_opens_at, event.registration_closes_at)
        if moment is not None and moment > now
    ]
    if until is not None:
        turns.append(until)
    local.set(key, (str(html), min(turns, default=None), note), KEPT_SECONDS)
    return html, note
