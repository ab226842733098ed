from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicePackagesConfig(AppConfig):
    name = "apps.service_packages"
    label = "service_packages"
    verbose_name = _("Services for enterprises")
    # What its public pages are made of: a change to these retires cached pages
    # (apps/core/content.py).
    public_models = (
        "ServicePackage",
        "ServiceItem",
        "RequiredDocument",
        "ServiceStep",
        "CalendarDay",
    )

    def ready(self):
        from apps.core import extensions
        from apps.core.outbox import outbox_register

        from . import search
        from .desk_notices import desk_topics_register
        from .notifications import REQUEST_EMAILS

        outbox_register(REQUEST_EMAILS)
        # What the desk can be emailed about (apps/core/staff_notifications.py).
        desk_topics_register()

        # Their pages in the portal's search (apps/core/search.py).
        extensions.extension_register(
            point=extensions.SEARCH_SOURCES, provider=search.search_sources
        )
