from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisterCitiesConfig(AppConfig):
    name = "apps.sister_cities"
    label = "sister_cities"
    verbose_name = _("Sister cities")
