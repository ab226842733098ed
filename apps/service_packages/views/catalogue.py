"""The public catalogue of service packages: the list and one package's page."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.core.viewers import page_viewer

from ..models import ServicePackage


@require_safe
def package_list(request):
    packages = (
        ServicePackage.objects.published().prefetch_related("items").order_by("position", "pk")
    )
    return render(request, "service_packages/list.html", {"packages": list(packages)})


@require_safe
def package_detail(request, slug):
    package = get_object_or_404(
        ServicePackage.objects.visible_to(page_viewer(request)).with_contents(), slug=slug
    )
    items = list(package.items.all())
    return render(
        request,
        "service_packages/detail.html",
        {
            "package": package,
            "items": items,
            "is_preview": not package.is_published,
            "structured_data": package_structured_data(package, items),
        },
    )


def working_days_duration(days: int | None) -> str:
    """An ISO 8601 duration of `days` days; the district counts them as working days."""
    return f"P{days}D" if days else ""


def package_structured_data(package: ServicePackage, items) -> dict:
    """schema.org GovernmentService of a package page, in the visitor's language.

    `processingTime` is the package's processing time as an ISO 8601 duration of days.
    schema.org has no notion of working days, so "P10D" means ten working days here, as
    the page itself says.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": package.title,
        "url": settings.SITE_URL + package.get_absolute_url(),
        "serviceType": [item.title for item in items] or package.title,
        "provider": {
            "@type": "GovernmentOrganization",
            "name": _("Xicheng District People's Government"),
            "areaServed": {"@type": "City", "name": _("Beijing")},
        },
        "areaServed": {"@type": "City", "name": _("Beijing")},
        "availableChannel": {
            "@type": "ServiceChannel",
            "name": _("Online request"),
            "serviceUrl": settings.SITE_URL + package.get_apply_url(),
            "availableLanguage": translation.get_language(),
        },
    }
    if package.summary:
        data["description"] = package.summary
    if package.audience:
        data["audience"] = {"@type": "BusinessAudience", "audienceType": package.audience}
    duration = working_days_duration(package.processing_days)
    if duration:
        data["availableChannel"]["processingTime"] = duration
    return data
