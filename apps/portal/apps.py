from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def home_url() -> str:
    """The home page in the active language."""
    return reverse("portal:home")


class PortalConfig(AppConfig):
    name = "apps.portal"
    label = "portal"
    verbose_name = _("Portal pages")
    # What its public pages are made of: a change to these retires cached pages
    # (apps/core/content.py).
    public_models = ("HomePage",)

    def ready(self):
        from apps.core import extensions

        # Lower apps link "Home" through core, never by this app's URL names.
        extensions.extension_register(point=extensions.HOME_URL, provider=home_url)
