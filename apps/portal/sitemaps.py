"""Sitemaps: every public page in every language, with hreflang alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from apps.events.models import Event
from apps.service_packages.models import ServicePackage
from apps.sister_cities.models import SisterCity
from apps.venues.models import Route, Venue

# A sitemap entry needs the address and the date of change, not the translated text.
LOC_FIELDS = ("pk", "slug", "updated_at")


class Sitemap(DjangoSitemap):
    """A sitemap whose addresses use SITE_URL, like hreflang links and robots.txt."""

    i18n = True
    alternates = True
    x_default = True
    # Each entry carries its address in all seven languages; pages of 350 entries
    # (50 items × 7 languages) keep a page well under a second at 5,000 events.
    limit = 350

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PortalSitemap(Sitemap):
    """Pages of the portal app itself."""

    changefreq = "daily"

    def items(self):
        return ["portal:home"]

    def location(self, item):
        return reverse(item)


class SisterCitySitemap(Sitemap):
    """The directory and every published partner, in every language."""

    changefreq = "weekly"

    def items(self):
        return ["directory", *SisterCity.objects.published().only(*LOC_FIELDS).order_by("slug")]

    def location(self, item):
        if item == "directory":
            return reverse("sister_cities:directory")
        return item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "directory" else item.updated_at


class VenueSitemap(Sitemap):
    """The venue listing, every published venue and route, in every language."""

    changefreq = "weekly"

    def items(self):
        return [
            "listing",
            *Venue.objects.published().only(*LOC_FIELDS).order_by("slug"),
            *Route.objects.published().only(*LOC_FIELDS).order_by("slug"),
        ]

    def location(self, item):
        if item == "listing":
            return reverse("venues:list")
        return item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "listing" else item.updated_at


class EventSitemap(Sitemap):
    """The programme and every published event, in every language."""

    changefreq = "daily"

    def items(self):
        return [
            "listing",
            *Event.objects.published().only(*LOC_FIELDS).order_by("-starts_at", "pk"),
        ]

    def location(self, item):
        if item == "listing":
            return reverse("events:list")
        return item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "listing" else item.updated_at


class ServicePackageSitemap(Sitemap):
    """The catalogue of services for enterprises and every published package."""

    changefreq = "weekly"

    def items(self):
        return [
            "listing",
            *ServicePackage.objects.published().only(*LOC_FIELDS).order_by("position", "pk"),
        ]

    def location(self, item):
        if item == "listing":
            return reverse("service_packages:list")
        return item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "listing" else item.updated_at


# Each app adds its sitemap here as it lands.
SITEMAPS = {
    "portal": PortalSitemap,
    "sister-cities": SisterCitySitemap,
    "venues": VenueSitemap,
    "events": EventSitemap,
    "services": ServicePackageSitemap,
}
