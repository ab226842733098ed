"""Reads that combine partners, and the writes of the sister-cities app."""

import hashlib
import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from apps.core.extensions import PARTNER_TIMELINE, extension_items
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, staff_language

from . import geo
from .anniversaries import Anniversary
from .models import AnniversaryNotice, SisterCity

logger = logging.getLogger(__name__)

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


def _claim_notice(*, city, years, recipient) -> AnniversaryNotice | None:
    """Record the notice before sending it; None when it was sent (or is being sent)."""
    try:
        with transaction.atomic():
            return AnniversaryNotice.objects.create(
                city=city, years=years, recipient=recipient, state=AnniversaryNotice.State.SENDING
            )
    except IntegrityError:
        # A notice that failed before is tried again; any other state means "done".
        updated = AnniversaryNotice.objects.filter(
            city=city, years=years, recipient=recipient, state=AnniversaryNotice.State.FAILED
        ).update(state=AnniversaryNotice.State.SENDING)
        if not updated:
            return None
        return AnniversaryNotice.objects.get(city=city, years=years, recipient=recipient)


def _send_notice(*, city: SisterCity, anniversary: Anniversary, recipient, today: date):
    language = staff_language(recipient)
    with translation.override(language):
        context = {
            "city": city,
            "anniversary": anniversary,
            "days": anniversary.days_from(today),
            "recipient": recipient,
            "admin_url": f"{settings.SITE_URL}/admin/sister_cities/sistercity/{city.pk}/change/",
            "page_url": f"{settings.SITE_URL}{city.get_absolute_url()}",
        }
        subject = render_to_string("sister_cities/email/anniversary_subject.txt", context)
        body = render_to_string("sister_cities/email/anniversary_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [recipient.email])


def anniversary_reminders_send(*, today: date | None = None) -> int:
    """Email content editors about round anniversaries in the next 180 days, once each.

    Each (partner, anniversary, editor) is recorded before its email goes out, so no
    restart, retry or second worker ever sends it twice; a failed send is retried on
    the next run.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMINDER_HORIZON_DAYS)
    recipients = list(anniversary_recipients())
    sent = 0
    for city in SisterCity.objects.published().filter(
        relationship_status=SisterCity.RelationshipStatus.ACTIVE
    ):
        anniversary = city.next_anniversary(today)
        if anniversary.date > horizon:
            continue
        for recipient in recipients:
            notice = _claim_notice(city=city, years=anniversary.years, recipient=recipient)
            if notice is None:
                continue
            try:
                _send_notice(city=city, anniversary=anniversary, recipient=recipient, today=today)
            except Exception:
                logger.exception("Anniversary reminder to %s failed", recipient.email)
                notice.state = AnniversaryNotice.State.FAILED
                notice.save(update_fields=["state"])
                continue
            notice.state = AnniversaryNotice.State.SENT
            notice.sent_at = timezone.now()
            notice.save(update_fields=["state", "sent_at"])
            sent += 1
    return sent
