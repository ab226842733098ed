"""Public pages of the partner directory."""

import functools

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from apps.core.content import content_version
from apps.core.viewers import page_viewer

from . import geo
from .forms import DirectoryFilterForm
from .models import Agreement, SisterCity
from .services import (
    DirectoryPartners,
    PartnerDetails,
    country_totals,
    timeline_for,
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
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    today = timezone.localdate()
    # Keys, countries and kinds are all the filters, the totals and the cache keys need.
    rows = list(
        SisterCity.objects.published().ordered_by_name().values_list("pk", "country", "kind")
    )
    countries = [country for _pk, country, _kind in rows]
    form = DirectoryFilterForm(request.GET, country_codes=countries)
    filters = form.filters()
    shown = [
        pk
        for pk, country, kind in rows
        if (not filters.get("continent") or geo.continent_of(country) == filters["continent"])
        and (not filters.get("country") or country == filters["country"])
        and (not filters.get("kind") or kind == filters["kind"])
    ]
    partners = DirectoryPartners([pk for pk, _country, _kind in rows])
    return render(
        request,
        "sister_cities/directory.html",
        {
            "form": form,
            "is_filtered": bool(filters),
            "totals_sentence": totals_sentence(country_totals(countries)),
            "map": {"width": geo.MAP_WIDTH, "height": geo.MAP_HEIGHT},
            "today": today,
            # Called by the template only to render what its cache does not keep; the
            # keys say what that is: the partners shown, as the content version has them,
            # on this day (years of ties, anniversaries).
            "shown_cities": functools.partial(partners.cities, shown),
            "city_markers": functools.partial(partners.markers, shown),
            "coming_anniversaries": functools.partial(
                partners.anniversaries, today=today, within_days=UPCOMING_ANNIVERSARY_DAYS
            ),
            "cities_key": [version, today.isoformat(), bool(filters), *shown],
            "anniversaries_key": [version, today.isoformat(), *partners.pks],
        },
    )


@require_safe
def detail(request, slug):
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    city = get_object_or_404(
        SisterCity.objects.visible_to(page_viewer(request)).for_page(), slug=slug
    )
    today = timezone.localdate()
    return render(
        request,
        "sister_cities/detail.html",
        {
            "city": city,
            "is_preview": not city.is_published,
            # Rendered only when the page's kept rendering is missing (`page_key`): the
            # years of ties and the next anniversary change with the day.
            "details": PartnerDetails(city),
            "page_key": [version, city.pk, today.isoformat()],
            "years_of_ties": city.years_of_ties(today),
            "next_anniversary": city.next_anniversary(today),
            # Activities are published on their own dates: never kept.
            "timeline": timeline_for(city),
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
