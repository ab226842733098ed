"""An event's page: what it shows besides the event's own row, worked out on first use.

The page keeps its renderings per language, `publication_key()`, event and viewer
(`templates/events/detail.html`); a kept rendering needs none of this. Only the
registration box is written on every request: registration opens and closes by the
minute, and places fill.
"""

import functools

from django.db.models import prefetch_related_objects
from django.utils import translation

from apps.core.images import absolute_image_url

from .calendar import google_calendar_url, outlook_calendar_url
from .models import PAGE_FIELDS, Event, _columns, page_prefetches
from .services import event_structured_data, other_editions


def page_row_fields() -> list[str]:
    """The event's own columns its page reads (in the active language and its fallbacks)."""
    return _columns(Event, PAGE_FIELDS)


class EventDetails:
    """The venue, series, partner cities, languages, other editions, calendar links and
    structured data of `event` (a row read with `page_row_fields()`)."""

    def __init__(self, event):
        self._event = event

    @functools.cached_property
    def event(self):
        """The event with its venue, series, partner cities and languages (four queries)."""
        prefetch_related_objects([self._event], *page_prefetches())
        return self._event

    @functools.cached_property
    def venue(self):
        return self.event.public_venue

    @functools.cached_property
    def partners(self) -> list:
        # A partner not (or no longer) published is not named to visitors.
        return [city for city in self.event.partner_cities.all() if city.is_published]

    @functools.cached_property
    def editions(self) -> list:
        return other_editions(self.event)

    @functools.cached_property
    def image_url(self) -> str:
        return absolute_image_url(self._event.image)

    @functools.cached_property
    def google_url(self) -> str:
        return google_calendar_url(self.event)

    @functools.cached_property
    def outlook_url(self) -> str:
        return outlook_calendar_url(self.event)

    @functools.cached_property
    def structured_data(self) -> dict:
        return event_structured_data(
            self.event, language=translation.get_language(), image_url=self.image_url
        )
