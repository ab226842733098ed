"""What events contribute to the portal's search (apps/core/search.py)."""

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

from .models import Event


def event_documents(ids):
    languages = language_codes()
    rows = Event.objects.filter(status=PublishingStatus.PUBLISHED).select_related("series")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for event in rows.order_by("pk").iterator(chunk_size=500):
        series = (
            per_language(event.series, "name", languages)
            # Not a series published for later: its name is not public yet.
            if event.series and event.series.is_published
            else {}
        )
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
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            publish_at=event.publish_at,
        )


def _events_of_series(series):
    return Event.objects.filter(series=series).values_list("pk", flat=True)


def search_sources():
    return [
        SearchSource(
            kind="event",
            label=_("Events"),
            item_label=_("Event"),
            model="events.Event",
            documents=event_documents,
            url_name="events:detail",
            watched={"events.EventSeries": _events_of_series},
            order=20,
        )
    ]
