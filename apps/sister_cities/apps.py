from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisterCitiesConfig(AppConfig):
    name = "apps.sister_cities"
    label = "sister_cities"
    verbose_name = _("Sister cities")

    def ready(self):
        from apps.core.outbox import outbox_register

        from .notices import ANNIVERSARY_NOTICES

        outbox_register(ANNIVERSARY_NOTICES)
