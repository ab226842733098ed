"""Reads that combine partners, and the writes of the sister-cities app."""

import hashlib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.core.extensions import PARTNER_TIMELINE, extension_items
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR

from . import geo
from .models import AnniversaryNotice, SisterCity
from .notices import anniversary_notices_kick

REMINDER_HORIZON_DAYS = 180


def directory_totals(cities) -> dict:
    """ "N partners in M countries on K continents", from already loaded partners."""
    countries = {city.country.code for city in cities}
    continents = {geo.continent_of(code) for code in countries} - {None}
    return {"partners": len(cities), "countries": len(countries), "continents": len(continents)}


def directory_render_version(cities, *, filters: dict, today: date) -> str:
    """Changes whenever anything the directory shows could: a key for its rendering."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((sorted(filters.items()), today.isoformat())).encode())
    for city in cities:
        digest.update(f"{city.pk}:{city.updated_at.isoformat()};".encode())
    return digest.hexdigest()


def upcoming_anniversaries(cities, *, today: date, within_days: int):
    """(city, anniversary) pairs of round anniversaries in the next `within_days` days."""
    upcoming = []
    for city in cities:
        anniversary = city.next_anniversary(today)
        if anniversary.days_from(today) <= within_days:
            upcoming.append((city, anniversary))
    return sorted(upcoming, key=lambda pair: (pair[1].date, str(pair[0])))


def timeline_for(city) -> list:
    """Exchange activities that other apps attach to a partner (the `partner.timeline` point)."""
    return extension_items(PARTNER_TIMELINE, city=city)


def city_structured_data(city, *, image_url: str = "") -> dict:
    """schema.org City of a partner page, for search engines (JSON-LD)."""
    data = {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.name,
        "url": settings.SITE_URL + city.get_absolute_url(),
        "address": {"@type": "PostalAddress", "addressCountry": city.country.code},
    }
    if city.native_name:
        data["alternateName"] = city.native_name
    if city.region:
        data["address"]["addressRegion"] = city.region
    if city.summary:
        data["description"] = city.summary
    if city.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.website:
        data["sameAs"] = city.website
    if image_url:
        data["image"] = image_url
    return data


def anniversary_recipients():
    """Active content editors with an email address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF_GROUP_CONTENT_EDITOR)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def anniversary_reminders_send(*, now: datetime | None = None) -> int:
    """Record a notice for each content editor of each round anniversary in the next
    180 days (Beijing days), once each; the outbox sends them. Returns how many it added.

    The unique (partner, years, editor) row is what keeps a notice once: running again,
    or from two beats, adds nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=REMINDER_HORIZON_DAYS)
    recipients = list(anniversary_recipients())
    owed = []
    for city in SisterCity.objects.published().filter(
        relationship_status=SisterCity.RelationshipStatus.ACTIVE
    ):
        anniversary = city.next_anniversary(today)
        if anniversary.date > horizon:
            continue
        owed.extend(
            AnniversaryNotice(
                city=city,
                years=anniversary.years,
                recipient=recipient,
                key=str(anniversary.years),
                not_before=now,
            )
            for recipient in recipients
        )
    with transaction.atomic():
        before = AnniversaryNotice.objects.count()
        AnniversaryNotice.objects.bulk_create(owed, ignore_conflicts=True)
        added = AnniversaryNotice.objects.count() - before
        if added:
            anniversary_notices_kick()
    return added
