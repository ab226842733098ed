"""What events contribute to the portal's search (apps/core/search.py)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.i18n import language_codes
from apps.core.models import PublishingStatus
from apps.core.search import (
    SearchDocument,
    SearchSource,
    joined,
    per_language,
    per_language_plain,
)
from apps.sister_cities.models import SisterCity

from .models import Event


def event_documents(ids):
    languages = language_codes()
    # Every partner city's name is read with its event (one query per chunk of events).
    partners = SisterCity.objects.filter(status=PublishingStatus.PUBLISHED).order_by("pk")
    rows = (
        Event.objects.filter(status=PublishingStatus.PUBLISHED)
        .select_related("series", "venue")
        .prefetch_related(Prefetch("partner_cities", partners))
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for event in rows.order_by("pk").iterator(chunk_size=500):
        series = (
            per_language(event.series, "name", languages)
            # Not a series published for later: its name is not public yet.
            if event.series and event.series.is_published
            else {}
        )
        # Found under the names its page shows: the venue and the partner cities, while
        # they are public (a draft's name is not).
        related = [
            per_language(row, "name", languages)
            for row in (event.venue, *event.partner_cities.all())
            if row is not None and row.is_published
        ]
        yield SearchDocument(
            object_id=event.pk,
            slug=event.slug,
            titles=per_language(event, "title", languages),
            keywords=joined(
                series,
                per_language(event, "organiser", languages),
                per_language(event, "location", languages),
                languages=languages,
            ),
            texts=joined(
                per_language(event, "summary", languages),
                per_language_plain(event, "body", languages),
                languages=languages,
            ),
            related=joined(*related, languages=languages),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            publish_at=event.publish_at,
        )


def _events_of_series(series):
    return Event.objects.filter(series=series).values_list("pk", flat=True)


def _events_at_venue(venue):
    return Event.objects.filter(venue=venue).values_list("pk", flat=True)


def _events_with_partner(city):
    return Event.objects.filter(partner_cities=city).values_list("pk", flat=True)


def search_sources():
    return [
        SearchSource(
            kind="event",
            label=_("Events"),
            item_label=_("Event"),
            model="events.Event",
            documents=event_documents,
            url_name="events:detail",
            # A venue or partner city renamed, published or withdrawn changes the names
            # its events are found under.
            watched={
                "events.EventSeries": _events_of_series,
                "venues.Venue": _events_at_venue,
                "sister_cities.SisterCity": _events_with_partner,
            },
            order=20,
        )
    ]
