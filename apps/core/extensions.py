"""Extension points: named places where a higher app adds content to a lower app's pages.

The lower app asks for what is registered under a point and never imports the app that
provides it; the higher app registers a provider in its `AppConfig.ready()`. With no
provider registered (the higher app is not installed) the lower app gets nothing and
its page leaves that part out.
"""

from collections.abc import Callable, Iterable
from typing import Any

# Each point names the keyword arguments its providers take and what they return.
# venue=<Venue>: upcoming events held there, soonest first.
VENUE_UPCOMING_EVENTS = "venue.upcoming_events"
# venue=<Venue>, limit=<int>: at most `limit` past events held there, latest first.
VENUE_PAST_EVENTS = "venue.past_events"
# city=<SisterCity>: exchange activities with that partner, newest first.
PARTNER_TIMELINE = "partner.timeline"
# No arguments: the address of the home page in the active language.
HOME_URL = "site.home_url"
# No arguments: the `apps.core.search.SearchSource`s an app contributes to the search.
SEARCH_SOURCES = "search.sources"

POINTS = frozenset(
    {VENUE_UPCOMING_EVENTS, VENUE_PAST_EVENTS, PARTNER_TIMELINE, HOME_URL, SEARCH_SOURCES}
)

_providers: dict[str, list[Callable[..., Any]]] = {point: [] for point in POINTS}


def extension_register(*, point: str, provider: Callable[..., Any]) -> None:
    """Add `provider` to `point`; registering the same provider again changes nothing."""
    if point not in POINTS:
        # A misspelt point would otherwise leave a page silently empty.
        raise ValueError(f"Unknown extension point {point!r}.")
    if provider not in _providers[point]:
        _providers[point].append(provider)


def extension_providers(point: str) -> tuple[Callable[..., Any], ...]:
    """The providers registered for `point`, in the order apps registered them."""
    return tuple(_providers[point])


def extension_items(point: str, **arguments: Any) -> list:
    """What every provider of `point` returns for `arguments`, one list, in provider order."""
    items: list = []
    for provider in _providers[point]:
        result: Iterable = provider(**arguments)
        items.extend(result)
    return items


def extension_value(point: str, *, default: Any, **arguments: Any) -> Any:
    """What the first provider of `point` returns, or `default` when none is registered."""
    providers = _providers[point]
    return providers[0](**arguments) if providers else default
