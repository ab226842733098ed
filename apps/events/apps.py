from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Events")
    # What its public pages are made of: a change to these retires cached pages
    # (apps/core/content.py).
    public_models = ("EventSeries", "Event")

    def ready(self):
        from apps.core import extensions
        from apps.core.outbox import outbox_register

        from . import extensions as provided
        from . import search
        from .deliveries import REGISTRATION_EMAILS
        from .registrant_messages import REGISTRANT_MESSAGES

        outbox_register(REGISTRATION_EMAILS)
        outbox_register(REGISTRANT_MESSAGES)

        # Venues and partner cities show events without importing this app.
        extensions.extension_register(
            point=extensions.VENUE_UPCOMING_EVENTS, provider=provided.venue_upcoming_events
        )
        extensions.extension_register(
            point=extensions.VENUE_PAST_EVENTS, provider=provided.venue_past_events
        )
        extensions.extension_register(
            point=extensions.PARTNER_TIMELINE, provider=provided.partner_timeline
        )

        # Their pages in the portal's search (apps/core/search.py).
        extensions.extension_register(
            point=extensions.SEARCH_SOURCES, provider=search.search_sources
        )
