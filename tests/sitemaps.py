"""Reading a sitemap section in tests."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

ENTRY = re.compile(r"<url>\s*<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?")


def page_dates(xml: str, page: str) -> set[str | None]:
    """The `<lastmod>` dates printed for `page` (e.g. `events/<slug>/`) in every language."""
    printed = {urlsplit(loc).path: lastmod for loc, lastmod in ENTRY.findall(xml)}
    return {printed.get(f"/{code}/{page}") for code, _name in settings.LANGUAGES}


def site_date(moment) -> str:
    """The date printed for a change at `moment`: the day in the site's zone (Beijing).

    A row's `updated_at` is read back in UTC; from 16:00 to 24:00 UTC its date is the
    day before Beijing's, so comparing with `f"{moment:%Y-%m-%d}"` fails eight hours a day.
    """
    return timezone.localdate(moment).isoformat()
