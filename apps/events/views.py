"""Public pages of the programme: listing, event page, iCalendar."""

from datetime import datetime, time

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.core.i18n import translated_sort_key, translated_value
from apps.core.images import absolute_image_url
from apps.sister_cities.models import SisterCity
from apps.venues.models import Venue

from .calendar import calendar_bytes, google_calendar_url, outlook_calendar_url
from .forms import EventFilterForm
from .models import Event
from .services import event_structured_data, other_editions, public_venue

EVENTS_PER_PAGE = 20
FEED_LIMIT = 500


def _filtered_events(request):
    form = EventFilterForm(
        request.GET,
        # Only slug and name in the visitor's language: whole rows of translated
        # columns cost more than the page. A subquery, not a join made DISTINCT.
        partners=SisterCity.objects.published()
        .annotate(label=translated_value("name"))
        .order_by(translated_sort_key("name"), "pk")
        .values_list("slug", "label"),
        venues=Venue.objects.published()
        .filter(pk__in=Event.objects.published().values("venue_id"))
        .annotate(label=translated_value("name"))
        .order_by(translated_sort_key("name"), "pk")
        .values_list("slug", "label"),
    )
    filters = form.filters()
    past = filters.get("when") == "past"
    events = Event.objects.past() if past else Event.objects.upcoming()
    if filters.get("category"):
        events = events.filter(category=filters["category"])
    if filters.get("month"):
        first = filters["month"]
        zone = timezone.get_default_timezone()
        start = datetime.combine(first, time.min, tzinfo=zone)
        end = datetime.combine(
            first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1),
            time.min,
            tzinfo=zone,
        )
        events = events.filter(starts_at__lt=end, ends_at__gte=start)
    if filters.get("partner"):
        events = events.filter(partner_cities__slug=filters["partner"])
    if filters.get("venue"):
        events = events.filter(venue__slug=filters["venue"])
    if filters.get("mode") == "online":
        events = events.filter(is_online=True)
    elif filters.get("mode") == "offline":
        events = events.filter(is_online=False)
    return form, filters, events.with_related()


@require_safe
def event_list(request):
    form, filters, events = _filtered_events(request)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "is_past": filters.get("when") == "past",
            "is_filtered": bool(set(filters) - {"when"}),
            "feed_query": request.GET.urlencode(),
        },
    )


@require_safe
def event_detail(request, slug):
    event = get_object_or_404(
        Event.objects.visible_to(request.user).with_related().prefetch_related("languages"),
        slug=slug,
    )
    image_url = absolute_image_url(event.image)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "venue": public_venue(event),
            # A partner not (or no longer) published is not named to visitors.
            "partners": [city for city in event.partner_cities.all() if city.is_published],
            "is_preview": not event.is_published,
            "editions": other_editions(event),
            "google_url": google_calendar_url(event),
            "outlook_url": outlook_calendar_url(event),
            "structured_data": event_structured_data(
                event, language=translation.get_language(), image_url=image_url
            ),
            "og_image": image_url,
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("venue"), slug=slug)
    return _ics_response(calendar_bytes([event], name=event.title), f"{event.slug}.ics")


@require_safe
def event_feed(request):
    _form, _filters, events = _filtered_events(request)
    return _ics_response(
        calendar_bytes(list(events[:FEED_LIMIT]), name=_("Xicheng international events")),
        "xicheng-events.ics",
    )
