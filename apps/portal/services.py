"""Checks and writes of the portal app."""

import time
from dataclasses import dataclass
from datetime import date, timedelta

import redis
from django.conf import settings
from django.db import connections
from django.utils import timezone

from apps.events.models import Event
from apps.service_packages.models import ServicePackage
from apps.sister_cities.models import SisterCity
from apps.sister_cities.services import directory_totals, upcoming_anniversaries
from apps.venues.models import Route, Venue

HOME_EVENTS = 4
HOME_WEEKS = 6


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


@dataclass(frozen=True)
class HomeContent:
    """What the home page ties together, read in a fixed number of queries."""

    events: list
    events_in_weeks: int
    partner: object | None
    anniversary: object | None
    totals: dict
    packages: list
    route: object | None
    venues: list
    venue_count: int


def home_content(*, today: date, limit: int = HOME_EVENTS) -> HomeContent:
    """The home page's parts: what is on in the next weeks, a featured partner with its
    coming anniversary, the services for enterprises, a route and venues, and figures
    counted from the directory itself (so the home page never disagrees with it)."""
    horizon = timezone.now() + timedelta(weeks=HOME_WEEKS)
    upcoming = list(Event.objects.upcoming().for_cards()[:limit])
    events = [event for event in upcoming if event.starts_at < horizon]
    weeks = HOME_WEEKS
    if not events:
        # A quiet month still shows what comes next, and says it is further away.
        events, weeks = upcoming, 0

    partners = list(SisterCity.objects.published().ordered_by_name())
    anniversaries = upcoming_anniversaries(partners, today=today, within_days=366)
    if anniversaries:
        partner, anniversary = anniversaries[0]
    else:
        partner = next((city for city in partners if city.hero_image), None) or (
            partners[0] if partners else None
        )
        anniversary = None

    venues = Venue.objects.published()
    return HomeContent(
        events=events,
        events_in_weeks=weeks,
        partner=partner,
        anniversary=anniversary,
        totals=directory_totals(partners),
        packages=list(ServicePackage.objects.published().order_by("position", "pk")[:3]),
        route=Route.objects.published().order_by("pk").first(),
        venues=list(venues.open_to_delegations().ordered_by_name()[:2]),
        venue_count=venues.count(),
    )
