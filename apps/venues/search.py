"""What venues and thematic routes contribute to the portal's search (apps/core/search.py)."""

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

from .models import ResourceCategory, Route, RouteStop, Venue


def venue_documents(ids):
    languages = language_codes()
    rows = Venue.objects.filter(status=PublishingStatus.PUBLISHED).prefetch_related(
        Prefetch("categories", ResourceCategory.objects.order_by("pk"))
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for venue in rows.order_by("pk").iterator(chunk_size=500):
        categories = [per_language(c, "name", languages) for c in venue.categories.all()]
        yield SearchDocument(
            object_id=venue.pk,
            slug=venue.slug,
            titles=per_language(venue, "name", languages),
            keywords=joined(
                per_language(venue, "address", languages), *categories, languages=languages
            ),
            texts=joined(
                per_language(venue, "summary", languages),
                per_language_plain(venue, "body", languages),
                languages=languages,
            ),
            publish_at=venue.publish_at,
        )


def route_documents(ids):
    languages = language_codes()
    stops = RouteStop.objects.filter(venue__status=PublishingStatus.PUBLISHED).select_related(
        "venue"
    )
    rows = Route.objects.filter(status=PublishingStatus.PUBLISHED).prefetch_related(
        Prefetch("stops", stops.order_by("position", "pk"))
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for route in rows.order_by("pk"):
        # Only venues that are public now: a route must not reveal a draft venue's name.
        venues = [
            per_language(stop.venue, "name", languages)
            for stop in route.stops.all()
            if stop.venue.is_published
        ]
        yield SearchDocument(
            object_id=route.pk,
            slug=route.slug,
            titles=per_language(route, "title", languages),
            keywords=joined(per_language(route, "theme", languages), *venues, languages=languages),
            texts=joined(
                per_language(route, "summary", languages),
                per_language_plain(route, "body", languages),
                languages=languages,
            ),
            publish_at=route.publish_at,
        )


def _venues_of_category(category):
    return Venue.objects.filter(categories=category).values_list("pk", flat=True)


def _routes_of_stop(stop):
    return [stop.route_id]


def _routes_of_venue(venue):
    return RouteStop.objects.filter(venue=venue).values_list("route_id", flat=True)


def search_sources():
    return [
        SearchSource(
            kind="venue",
            label=_("Venues"),
            item_label=_("Venue"),
            model="venues.Venue",
            documents=venue_documents,
            url_name="venues:detail",
            watched={"venues.ResourceCategory": _venues_of_category},
            order=30,
        ),
        SearchSource(
            kind="route",
            label=_("Routes"),
            item_label=_("Thematic route"),
            model="venues.Route",
            documents=route_documents,
            url_name="venues:route",
            watched={"venues.RouteStop": _routes_of_stop, "venues.Venue": _routes_of_venue},
            order=40,
        ),
    ]
