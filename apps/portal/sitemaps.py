"""Sitemaps: every public page in every language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.sister_cities.models import SisterCity


class PortalSitemap(Sitemap):
    """Pages of the portal app itself."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["portal:home"]

    def location(self, item):
        return reverse(item)


class SisterCitySitemap(Sitemap):
    """The directory and every published partner, in every language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["directory", *SisterCity.objects.published().order_by("slug")]

    def location(self, item):
        if item == "directory":
            return reverse("sister_cities:directory")
        return item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "directory" else item.updated_at


# Each app adds its sitemap here as it lands.
SITEMAPS = {"portal": PortalSitemap, "sister-cities": SisterCitySitemap}
