"""Public pages of venues and thematic routes."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from apps.core.images import absolute_image_url
from apps.core.viewers import page_viewer

from .forms import VenueFilterForm
from .models import ResourceCategory, Route, ServiceLanguage, Venue
from .services import (
    filter_venues,
    nearby_venues,
    past_events_for,
    route_map,
    route_structured_data,
    routes_through,
    upcoming_events_for,
    venue_cards_version,
    venue_map,
    venue_structured_data,
)

VENUES_PER_PAGE = 24


@require_safe
def venue_list(request):
    form = VenueFilterForm(
        request.GET,
        categories=list(ResourceCategory.objects.all()),
        languages=list(ServiceLanguage.objects.all()),
    )
    filters = form.filters()
    venues = filter_venues(Venue.objects.published(), filters).ordered_by_name().with_lookups()
    page = Paginator(venues, VENUES_PER_PAGE).get_page(request.GET.get("page"))
    cards = list(page.object_list)
    return render(
        request,
        "venues/list.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "cards_version": venue_cards_version(cards),
            "is_filtered": bool(filters),
            "routes": Route.objects.published().order_by("slug"),
        },
    )


@require_safe
def venue_detail(request, slug):
    venue = get_object_or_404(
        Venue.objects.visible_to(page_viewer(request)).with_lookups().prefetch_related("gallery"),
        slug=slug,
    )
    image_url = absolute_image_url(venue.hero_image)
    return render(
        request,
        "venues/detail.html",
        {
            "venue": venue,
            "is_preview": not venue.is_published,
            "map": venue_map(venue, nearby_venues(venue)),
            "events": upcoming_events_for(venue),
            "past_events": past_events_for(venue),
            "routes": routes_through(venue),
            "structured_data": venue_structured_data(venue, image_url=image_url),
            "og_image": image_url,
        },
    )


@require_safe
def route_detail(request, slug):
    viewer = page_viewer(request)
    route = get_object_or_404(
        Route.objects.visible_to(viewer).with_visible_stops(viewer), slug=slug
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
            "map": route_map(stops),
            "structured_data": route_structured_data(route, stops),
        },
    )
