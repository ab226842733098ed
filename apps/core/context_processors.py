"""Template context shared by every page."""

from django.conf import settings

from .i18n import is_rtl


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_IS_RTL": is_rtl(),
    }
