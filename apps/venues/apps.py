from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "apps.venues"
    label = "venues"
    verbose_name = _("Venues")
    # What its public pages are made of: a change to these retires cached pages
    # (apps/core/content.py).
    public_models = (
        "ResourceCategory",
        "Facility",
        "ServiceLanguage",
        "Venue",
        "VenueImage",
        "Route",
        "RouteStop",
    )

    def ready(self):
        from apps.core import extensions

        from . import search

        # Their pages in the portal's search (apps/core/search.py).
        extensions.extension_register(
            point=extensions.SEARCH_SOURCES, provider=search.search_sources
        )
