"""Checks and writes of the portal app."""

import time
from datetime import date, timedelta
from functools import cached_property

import redis
from django.conf import settings
from django.db import connections
from django.utils import timezone
from modeltranslation.manager import append_fallback

from apps.events.listing import kept_cards, upcoming_key
from apps.events.models import Event
from apps.portal.models import HomePage
from apps.service_packages.models import ServicePackage
from apps.sister_cities.services import featured_partner
from apps.venues.models import ROUTE_LINK_FIELDS, VENUE_CARD_FIELDS, Route, Venue

HOME_EVENTS = 4
HOME_WEEKS = 6
# The columns the home page's cards read (a translated one in the page's language and
# its fallbacks only): every other column would cost its compilation and its transfer.
HOME_PACKAGE_FIELDS = ("slug", "title", "summary", "image")
HOME_ROUTE_FIELDS = (*ROUTE_LINK_FIELDS, "image")
HOME_VENUE_FIELDS = (*VENUE_CARD_FIELDS, "summary")


def _only(queryset, fields):
    return queryset.only(*append_fallback(queryset.model, fields)[0])


def health_check() -> dict:
    """State of the database and Redis, each with its round-trip time."""
    report = {}
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = {"ok": True}
    except Exception as exc:  # any driver error means "down" to a load balancer
        report["database"] = {"ok": False, "error": exc.__class__.__name__}
    report["database"]["ms"] = round((time.monotonic() - started) * 1000, 1)

    started = time.monotonic()
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
            )
            client.ping()
            report["redis"] = {"ok": True}
        except redis.RedisError as exc:
            report["redis"] = {"ok": False, "error": exc.__class__.__name__}
        report["redis"]["ms"] = round((time.monotonic() - started) * 1000, 1)
    else:
        # The embedded demo runs without Redis by design.
        report["redis"] = {"ok": True, "configured": False}
    report["ok"] = all(part["ok"] for part in (report["database"], report["redis"]))
    return report


class HomeContent:
    """What the home page ties together, each part read when the page first uses it.

    The page keeps its renderings of everything but the events (`templates/portal/
    home.html`) per language, `publication_key()` and day: a kept rendering reads none
    of the parts it shows. The events' cards are kept as the programme's are
    (`apps/events/listing.py`), and also until one more event comes within the weeks the
    page looks ahead.
    """

    def __init__(self, *, today: date, limit: int = HOME_EVENTS):
        self.today = today
        self.limit = limit

    @cached_property
    def _upcoming(self) -> tuple[str, int]:
        key = f"portal:home-events:{upcoming_key()}:{self.limit}"
        return kept_cards(key, self._read_upcoming)

    def _read_upcoming(self) -> tuple[list, object, int]:
        """The next events within the weeks the home page looks ahead, else the next ones
        at all; and when one more of them comes within those weeks."""
        now = timezone.now()
        horizon = timedelta(weeks=HOME_WEEKS)
        upcoming = list(Event.objects.upcoming(now=now).for_cards()[: self.limit])
        events = [event for event in upcoming if event.starts_at < now + horizon]
        coming = [event.starts_at - horizon for event in upcoming if event not in events]
        if not events:
            # A quiet month still shows what comes next, and says it is further away.
            return upcoming, min(coming, default=None), 0
        return events, min(coming, default=None), HOME_WEEKS

    @property
    def event_cards(self) -> str:
        """The markup of the events' cards ("" when none is coming)."""
        return self._upcoming[0]

    @property
    def events_in_weeks(self) -> int:
        return self._upcoming[1]

    @cached_property
    def page(self):
        return HomePage.objects.current()

    @cached_property
    def _featured(self):
        return featured_partner(today=self.today)

    @property
    def partner(self):
        return self._featured.partner

    @property
    def anniversary(self):
        return self._featured.anniversary

    @property
    def totals(self) -> dict:
        """Partners, countries and continents, counted from the directory itself (so the
        home page never disagrees with it)."""
        return self._featured.totals

    @cached_property
    def packages(self) -> list:
        return list(
            _only(ServicePackage.objects.published(), HOME_PACKAGE_FIELDS).order_by(
                "position", "pk"
            )[:3]
        )

    @cached_property
    def route(self):
        return _only(Route.objects.published(), HOME_ROUTE_FIELDS).order_by("pk").first()

    @cached_property
    def venues(self) -> list:
        return list(
            _only(
                Venue.objects.published().open_to_delegations(), HOME_VENUE_FIELDS
            ).ordered_by_name()[:2]
        )

    @cached_property
    def venue_count(self) -> int:
        return Venue.objects.published().count()


def home_content(*, today: date, limit: int = HOME_EVENTS) -> HomeContent:
    """The home page's parts: what is on in the next weeks, a featured partner with its
    coming anniversary, the services for enterprises, a route and venues, and figures
    counted from the directory itself; each read when first used."""
    return HomeContent(today=today, limit=limit)
