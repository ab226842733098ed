"""Public pages of the partner directory."""

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from apps.core.images import absolute_image_url
from apps.core.viewers import page_viewer

from . import geo
from .forms import DirectoryFilterForm
from .models import Agreement, SisterCity
from .services import (
    city_structured_data,
    directory_render_version,
    directory_totals,
    timeline_for,
    upcoming_anniversaries,
)

UPCOMING_ANNIVERSARY_DAYS = 365


def totals_sentence(totals: dict) -> str:
    """ "24 partners in 20 countries on 4 continents", each number with its plural."""
    return _("%(partners)s in %(countries)s on %(continents)s") % {
        "partners": ngettext("%(n)s partner", "%(n)s partners", totals["partners"])
        % {"n": totals["partners"]},
        "countries": ngettext("%(n)s country", "%(n)s countries", totals["countries"])
        % {"n": totals["countries"]},
        "continents": ngettext("%(n)s continent", "%(n)s continents", totals["continents"])
        % {"n": totals["continents"]},
    }


@require_safe
def directory(request):
    today = timezone.localdate()
    published = list(SisterCity.objects.published().ordered_by_name())
    form = DirectoryFilterForm(request.GET, country_codes=[c.country.code for c in published])
    filters = form.filters()
    cities = [
        city
        for city in published
        if (not filters.get("continent") or city.continent == filters["continent"])
        and (not filters.get("country") or city.country.code == filters["country"])
        and (not filters.get("kind") or city.kind == filters["kind"])
    ]
    markers = [
        {"city": city, "x": x, "y": y}
        for city in cities
        if city.has_coordinates
        for x, y in [geo.project(city.latitude, city.longitude)]
    ]
    return render(
        request,
        "sister_cities/directory.html",
        {
            "cities": cities,
            "form": form,
            "is_filtered": bool(filters),
            "totals_sentence": totals_sentence(directory_totals(published)),
            "markers": markers,
            "map": {"width": geo.MAP_WIDTH, "height": geo.MAP_HEIGHT},
            "anniversaries": upcoming_anniversaries(
                published, today=today, within_days=UPCOMING_ANNIVERSARY_DAYS
            ),
            "today": today,
            "render_version": directory_render_version(published, filters=filters, today=today),
        },
    )


@require_safe
def detail(request, slug):
    city = get_object_or_404(
        SisterCity.objects.visible_to(page_viewer(request)).prefetch_related(
            Prefetch(
                "agreements", queryset=Agreement.objects.public(), to_attr="public_agreements"
            ),
            "gallery",
        ),
        slug=slug,
    )
    today = timezone.localdate()
    og_image = absolute_image_url(city.hero_image)
    return render(
        request,
        "sister_cities/detail.html",
        {
            "city": city,
            "is_preview": not city.is_published,
            "timeline": timeline_for(city),
            "years_of_ties": city.years_of_ties(today),
            "next_anniversary": city.next_anniversary(today),
            "structured_data": city_structured_data(city, image_url=og_image),
            "og_image": og_image,
        },
    )


@require_safe
def agreement_document(request, slug, pk):
    agreement = get_object_or_404(
        Agreement.objects.select_related("city").filter(
            city__in=SisterCity.objects.visible_to(page_viewer(request))
        ),
        city__slug=slug,
        pk=pk,
    )
    staff = page_viewer(request).has_perm("sister_cities.view_agreement")
    if not agreement.document or not (agreement.is_public or staff):
        raise Http404
    try:
        document = agreement.document.open("rb")
    except FileNotFoundError:
        # A document lost from storage is missing, not a server error.
        raise Http404 from None
    response = FileResponse(
        document,
        content_type="application/pdf",
        filename=f"{slug}-{agreement.signed_on:%Y%m%d}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
