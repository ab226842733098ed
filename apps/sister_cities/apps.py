from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisterCitiesConfig(AppConfig):
    name = "apps.sister_cities"
    label = "sister_cities"
    verbose_name = _("Sister cities")
    # What its public pages are made of: a change to these retires cached pages
    # (apps/core/content.py).
    public_models = ("SisterCity", "Agreement", "GalleryImage")

    def ready(self):
        from apps.core import extensions
        from apps.core.outbox import outbox_register

        from . import search
        from .notices import ANNIVERSARY_NOTICES

        outbox_register(ANNIVERSARY_NOTICES)

        # Their pages in the portal's search (apps/core/search.py).
        extensions.extension_register(
            point=extensions.SEARCH_SOURCES, provider=search.search_sources
        )
