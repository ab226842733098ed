"""The public catalogue of service packages: the list and one package's page."""

import functools

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.core.content import content_version
from apps.core.viewers import page_viewer

from ..models import ServicePackage
from ..services import catalogue_packages, package_page_columns, with_contents, with_services


@require_safe
def package_list(request):
    # Read first: content read after it is never older than the version it is kept under.
    version = content_version()
    packages = list(catalogue_packages())
    return render(
        request,
        "service_packages/list.html",
        {
            "packages": packages,
            # Called by the template only when it renders the cards (a cache miss).
            "packages_with_services": functools.partial(with_services, packages),
            # What the cards show: these packages (a publishing date changes the list
            # without an edit), as the content version has them.
            "packages_key": [version, *(package.pk for package in packages)],
        },
    )


class PackageDetails:
    """What a package's page shows besides the package's own columns, worked out on first
    use. The page keeps its rendering per content version; a kept rendering needs none."""

    def __init__(self, package: ServicePackage):
        self._package = package

    @functools.cached_property
    def items(self) -> list:
        return list(with_contents(self._package).items.all())

    @functools.cached_property
    def structured_data(self) -> dict:
        return package_structured_data(self._package, self.items)


@require_safe
def package_detail(request, slug):
    version = content_version()
    package = get_object_or_404(
        package_page_columns(ServicePackage.objects.visible_to(page_viewer(request))), slug=slug
    )
    is_preview = not package.is_published
    return render(
        request,
        "service_packages/detail.html",
        {
            "package": package,
            "is_preview": is_preview,
            # Rendered only when the page's kept rendering is missing (`page_key`); a
            # preview says requests are not open yet.
            "details": PackageDetails(package),
            "page_key": [version, package.pk, is_preview],
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
