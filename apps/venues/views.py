"""Public pages of venues and thematic routes."""

import functools

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from apps.core.content import content_version
from apps.core.viewers import page_viewer

from .forms import VenueFilterForm
from .models import Route, Venue
from .services import (
    RouteDetails,
    VenueDetails,
    filter_venues,
    past_events_for,
    upcoming_events_for,
    venue_cards,
)

VENUES_PER_PAGE = 24


@require_safe
def venue_list(request):
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    form = VenueFilterForm(request.GET)
    filters = form.filters()
    venues = filter_venues(Venue.objects.published(), filters).ordered_by_name()
    # Only the keys: the cards are read only when their kept rendering is missing.
    page = Paginator(venues.values_list("pk", flat=True), VENUES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    pks = list(page.object_list)
    return render(
        request,
        "venues/list.html",
        {
            "form": form,
            "page": page,
            "has_cards": bool(pks),
            "cards": functools.partial(venue_cards, pks),
            # What the cards show: these venues, as the content version has them.
            "cards_key": [version, *pks],
            "is_filtered": bool(filters),
            "routes": Route.objects.published().for_links().order_by("slug"),
        },
    )


@require_safe
def venue_detail(request, slug):
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    venue = get_object_or_404(Venue.objects.visible_to(page_viewer(request)).for_page(), slug=slug)
    return render(
        request,
        "venues/detail.html",
        {
            "venue": venue,
            "is_preview": not venue.is_published,
            # Rendered only when the page's kept rendering is missing (`page_key`).
            "details": VenueDetails(venue),
            "page_key": [version, venue.pk],
            # Events become past by the minute: never kept.
            "events": upcoming_events_for(venue),
            "past_events": past_events_for(venue),
        },
    )


@require_safe
def route_detail(request, slug):
    version = content_version()
    viewer = page_viewer(request)
    route = get_object_or_404(
        Route.objects.visible_to(viewer).for_page().with_visible_stops(viewer), slug=slug
    )
    stops = route.visible_stops
    return render(
        request,
        "venues/route.html",
        {
            "route": route,
            "stops": stops,
            "total_minutes": sum(stop.suggested_minutes for stop in stops),
            "is_preview": not route.is_published,
            "details": RouteDetails(route, stops),
            # The stops shown change when a venue's publishing date comes, without an edit.
            "page_key": [version, route.pk, *(stop.pk for stop in stops)],
        },
    )
