"""Reads that combine venues, routes and maps."""

import functools
import math
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page
from django.db.models import F, prefetch_related_objects
from django.utils import translation

from apps.core.content import kept_listing_page
from apps.core.extensions import VENUE_PAST_EVENTS, VENUE_UPCOMING_EVENTS, extension_items
from apps.core.images import absolute_image_url

from .maps import MapPoint, build_local_map, xicheng_extent
from .models import Route, Venue, page_prefetches, visible_stops_prefetch

# schema.org types by kind of venue; anything else is a TouristAttraction.
SCHEMA_TYPES = {
    Venue.Kind.MUSEUM: "Museum",
    Venue.Kind.THEATRE: "PerformingArtsTheater",
    Venue.Kind.HISTORIC_SITE: "LandmarksOrHistoricalBuildings",
    Venue.Kind.COURTYARD: "TouristAttraction",
    Venue.Kind.CONFERENCE: "EventVenue",
    Venue.Kind.BUSINESS_CENTRE: "Place",
    Venue.Kind.SCIENCE_PARK: "Place",
    Venue.Kind.SCHOOL: "School",
    Venue.Kind.HOSPITAL: "Hospital",
}


VENUES_PER_PAGE = 24


def listing_page(filters: dict, number, *, published: str) -> tuple[Page, list[int]]:
    """The listing's page `number` (as the address gives it) under `filters`, and the keys
    of its venues in name order: counted and read once per `publication_key()`, filters,
    language and page in each process."""
    language = translation.get_language()
    venues = filter_venues(Venue.objects.published(), filters)
    return kept_listing_page(
        f"venues:listing:{published}:{language}:{urlencode(sorted(filters.items()))}",
        number,
        VENUES_PER_PAGE,
        count=venues.count,
        keys=lambda start, end: venues.ordered_by_name().values_list("pk", flat=True)[start:end],
    )


def listing_routes() -> list:
    """Published routes in order, as links."""
    return list(Route.objects.published().for_links().order_by("slug"))


def venue_cards(pks: list[int]) -> list:
    """The venues of `pks` in that order, as their cards show them, with their
    categories, facilities and languages (four queries).

    The listing passes it to its template uncalled: the template calls it only when it
    renders the cards, not when it serves them from its cache.
    """
    venues = Venue.objects.filter(pk__in=pks).for_cards().with_lookups().in_bulk()
    return [venues[pk] for pk in pks if pk in venues]


class VenueDetails:
    """What a venue's page shows besides the venue's own columns, worked out on first use.

    The page keeps its rendering per content version; a kept rendering needs none of this.
    """

    def __init__(self, venue):
        self._venue = venue

    @functools.cached_property
    def venue(self):
        """The venue with its lookups and gallery (four queries)."""
        prefetch_related_objects([self._venue], *page_prefetches())
        return self._venue

    @functools.cached_property
    def image_url(self) -> str:
        return absolute_image_url(self._venue.hero_image)

    @functools.cached_property
    def map(self):
        return venue_map(self._venue, nearby_venues(self._venue))

    @functools.cached_property
    def routes(self) -> list:
        return routes_through(self._venue)

    @functools.cached_property
    def structured_data(self) -> dict:
        return venue_structured_data(self.venue, image_url=self.image_url)


class RouteDetails:
    """What a route's page shows besides the route's own columns, worked out on first use.

    The page keeps its rendering until the published venues or routes change; a kept
    rendering needs none of this.
    """

    def __init__(self, route, viewer):
        self.route = route
        self.viewer = viewer

    @functools.cached_property
    def stops(self) -> list:
        """The stops `viewer` may see, in order, with their venues (one query)."""
        prefetch_related_objects([self.route], visible_stops_prefetch(self.viewer))
        return self.route.visible_stops

    @functools.cached_property
    def total_minutes(self) -> int:
        return sum(stop.suggested_minutes for stop in self.stops)

    @functools.cached_property
    def map(self):
        return route_map(self.stops)

    @functools.cached_property
    def structured_data(self) -> dict:
        return route_structured_data(self.route, self.stops)


def filter_venues(queryset, filters: dict):
    """Apply the listing's valid filters; they combine (AND)."""
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("category"):
        queryset = queryset.filter(categories__code=filters["category"])
    if filters.get("language"):
        queryset = queryset.filter(languages__code=filters["language"])
    if filters.get("step_free"):
        queryset = queryset.step_free()
    if filters.get("delegations"):
        queryset = queryset.open_to_delegations()
    return queryset


def upcoming_events_for(venue) -> list:
    """Upcoming events that other apps hold at `venue` (the `venue.upcoming_events` point)."""
    return extension_items(VENUE_UPCOMING_EVENTS, venue=venue)


PAST_EVENTS_SHOWN = 10


def past_events_for(venue) -> list:
    """The latest past events held at `venue` (the `venue.past_events` point)."""
    return extension_items(VENUE_PAST_EVENTS, venue=venue, limit=PAST_EVENTS_SHOWN)[
        :PAST_EVENTS_SHOWN
    ]


def routes_through(venue) -> list:
    """Published routes that stop at `venue`."""
    return list(
        Route.objects.published().filter(stops__venue=venue).distinct().for_links().order_by("slug")
    )


NEARBY_VENUES = 8


def nearby_venues(venue, limit: int = NEARBY_VENUES) -> list:
    """The published venues nearest to `venue`, nearest first, in one query.

    Distances are compared on a flat map with longitudes shrunk by the cosine of the
    latitude: exact enough for ordering places within a city.
    """
    if not venue.has_coordinates:
        return []
    shrink = Decimal(str(round(math.cos(math.radians(float(venue.latitude))) ** 2, 6)))
    return list(
        Venue.objects.published()
        .on_map()
        .for_map()
        .exclude(pk=venue.pk)
        .alias(
            distance=(F("latitude") - venue.latitude) * (F("latitude") - venue.latitude)
            + (F("longitude") - venue.longitude) * (F("longitude") - venue.longitude) * shrink
        )
        .order_by("distance", "pk")[:limit]
    )


def venue_map(venue, nearby=()):
    """The venue within Xicheng's boundary, with the venues nearby as smaller markers."""
    if not venue.has_coordinates:
        return None
    here = MapPoint(venue.latitude, venue.longitude, venue.name, caption=venue.name)
    others = [MapPoint(v.latitude, v.longitude, v.name, url=v.get_absolute_url()) for v in nearby]
    extent = xicheng_extent()
    if extent:
        local_map = build_local_map([here], secondary=others, fit_also=extent, padding_px=24)
        if local_map is not None:
            return local_map
    # A venue far from Xicheng: a street-level map of the venue alone.
    return build_local_map([here], secondary=others)


def route_map(stops):
    """The stops in order, numbered, with the path between them; as tall as the route needs."""
    return build_local_map(
        [
            MapPoint(
                stop.venue.latitude,
                stop.venue.longitude,
                f"{number}. {stop.venue.name}",
                url=stop.venue.get_absolute_url(),
                number=number,
                caption=stop.venue.name,
            )
            for number, stop in enumerate(stops, start=1)
            if stop.venue.has_coordinates
        ],
        path=True,
        max_height=640,
    )


def venue_structured_data(venue, *, image_url: str = "") -> dict:
    """schema.org data of a venue page (Museum, TouristAttraction, ...)."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(venue.kind, "TouristAttraction"),
        "name": venue.name,
        "url": settings.SITE_URL + venue.get_absolute_url(),
    }
    if venue.summary:
        data["description"] = venue.summary
    if venue.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": "Beijing",
            "addressCountry": "CN",
        }
    if venue.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    if venue.capacity:
        data["maximumAttendeeCapacity"] = venue.capacity
    if venue.is_step_free:
        data["amenityFeature"] = [
            {"@type": "LocationFeatureSpecification", "name": "Step-free access", "value": True}
        ]
    languages = [language.code for language in venue.languages.all()]
    if languages:
        data["availableLanguage"] = languages
    if venue.website:
        data["sameAs"] = venue.website
    if venue.phone:
        data["telephone"] = venue.phone
    if image_url:
        data["image"] = image_url
    return data


def route_structured_data(route, stops) -> dict:
    """schema.org TouristTrip with the stops as an ordered itinerary."""
    data = {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": route.title,
        "description": route.summary,
        "url": settings.SITE_URL + route.get_absolute_url(),
        "touristType": route.theme,
        "itinerary": {
            "@type": "ItemList",
            "numberOfItems": len(stops),
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": number,
                    "item": {
                        "@type": SCHEMA_TYPES.get(stop.venue.kind, "TouristAttraction"),
                        "name": stop.venue.name,
                        "url": settings.SITE_URL + stop.venue.get_absolute_url(),
                    },
                }
                for number, stop in enumerate(stops, start=1)
            ],
        },
    }
    # Like a venue's, a route without a summary or theme says nothing rather than "".
    return {key: value for key, value in data.items() if value != ""}
