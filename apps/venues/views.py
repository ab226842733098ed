"""Public pages of venues and thematic routes."""

import functools

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from apps.core.content import content_version, publication_key
from apps.core.viewers import page_viewer

from .forms import VenueFilterForm
from .models import Route, Venue
from .services import (
    RouteDetails,
    VenueDetails,
    listing_page,
    listing_routes,
    past_events_for,
    upcoming_events_for,
    venue_cards,
)


@require_safe
def venue_list(request):
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    form = VenueFilterForm(request.GET)
    filters = form.filters()
    # Only the count and the keys of the page's venues, kept until the venues change: the
    # cards and routes are read only when their kept renderings are missing.
    published = publication_key()
    page, pks = listing_page(filters, request.GET.get("page"), published=published)
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
            "routes": listing_routes,
            "routes_key": published,
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
    # Read first: content read after it is never older than the key it is kept under.
    published = publication_key()
    viewer = page_viewer(request)
    route = get_object_or_404(Route.objects.visible_to(viewer).for_page(), slug=slug)
    return render(
        request,
        "venues/route.html",
        {
            "route": route,
            "is_preview": not route.is_published,
            # Rendered only when the page's kept rendering is missing (`page_key`). Its
            # stops change when a venue's publishing time comes, without an edit, and
            # staff may see stops at venues not published yet: their own rendering.
            "details": RouteDetails(route, viewer),
            "page_key": [published, route.pk, viewer.pk or 0],
        },
    )
