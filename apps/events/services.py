"""Writes of the events app, and reads that combine events with other apps."""

import re
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from apps.core.models import PublishingStatus

from .models import Event, ReminderOffset

SCHEMA_STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
    Event.Status.RESCHEDULED: "https://schema.org/EventRescheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}


def event_set_status(*, event: Event, status: str) -> Event:
    """Cancel, postpone, reschedule or restore an event (calendars see the change)."""
    event.event_status = Event.Status(status)
    event.full_clean()
    event.save()
    return event


def _shift_year(moment: datetime, zone, years: int) -> datetime:
    local = moment.astimezone(zone)
    try:
        shifted = local.replace(year=local.year + years)
    except ValueError:  # 29 February
        shifted = local.replace(year=local.year + years, day=28)
    return shifted


def _next_slug(slug: str, year: int) -> str:
    max_length = Event._meta.get_field("slug").max_length
    # Room for "-<year>-<n>" so a long slug never outgrows the field.
    base = (re.sub(r"-?\d{4}$", "", slug) or slugify(slug))[: max_length - 9].rstrip("-")
    candidate = f"{base}-{year}"
    counter = 2
    while Event.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{year}-{counter}"
        counter += 1
    return candidate


@transaction.atomic
def event_create_next_edition(*, event: Event) -> Event:
    """Copy an edition to the same dates next year, as a draft staff then complete."""
    zone = event.zone
    starts = _shift_year(event.starts_at, zone, 1)
    ends = _shift_year(event.ends_at, zone, 1)
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy._schedule_as_loaded = None
    copy.slug = _next_slug(event.slug, starts.year)
    copy.starts_at, copy.ends_at = starts, ends
    copy.status = PublishingStatus.DRAFT
    copy.publish_at = None
    copy.event_status = Event.Status.SCHEDULED
    copy.sequence = 0
    copy.join_url = ""
    for code in ("zh_hans", "en", "ja", "ru", "fr", "es", "ar"):
        title = getattr(copy, f"title_{code}") or ""
        year = str(event.local_start.year)
        if year in title:
            setattr(copy, f"title_{code}", title.replace(year, str(starts.year)))
    if copy.registration_opens_at:
        copy.registration_opens_at = _shift_year(copy.registration_opens_at, zone, 1)
    if copy.registration_closes_at:
        copy.registration_closes_at = _shift_year(copy.registration_closes_at, zone, 1)
    copy.full_clean()
    copy.skip_default_reminders = True
    copy.save()
    ReminderOffset.objects.bulk_create(
        ReminderOffset(event=copy, amount=offset.amount, unit=offset.unit, minutes=offset.minutes)
        for offset in event.reminder_offsets.all()
    )
    copy.partner_cities.set(event.partner_cities.all())
    copy.languages.set(event.languages.all())
    return copy


def other_editions(event: Event) -> list:
    """Published editions of the same series, newest first, without this one."""
    if event.series_id is None:
        return []
    return list(
        Event.objects.published()
        .filter(series_id=event.series_id)
        .exclude(pk=event.pk)
        .order_by("-starts_at")[:10]
    )


def public_venue(event: Event):
    """The event's venue, only while visitors may see it."""
    venue = event.venue
    return venue if venue is not None and venue.is_published else None


def event_structured_data(event: Event, *, language: str, image_url: str = "") -> dict:
    """schema.org Event; the join link is never part of it."""
    page_url = settings.SITE_URL + event.get_absolute_url()
    venue = public_venue(event)
    locations = []
    if event.is_online or event.event_status == Event.Status.MOVED_ONLINE:
        locations.append({"@type": "VirtualLocation", "url": page_url})
    moved_online = event.event_status == Event.Status.MOVED_ONLINE
    # An event moved online no longer happens at its venue, even if one is still set.
    if not moved_online and (venue is not None or event.location):
        place = {"@type": "Place", "name": venue.name if venue else event.location}
        if venue is not None:
            place["url"] = settings.SITE_URL + venue.get_absolute_url()
            if venue.address:
                place["address"] = {
                    "@type": "PostalAddress",
                    "streetAddress": venue.address,
                    "addressLocality": "Beijing",
                    "addressCountry": "CN",
                }
            if venue.has_coordinates:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(venue.latitude),
                    "longitude": float(venue.longitude),
                }
        locations.append(place)
    if any(item["@type"] == "VirtualLocation" for item in locations):
        mode = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(locations) > 1
            else "https://schema.org/OnlineEventAttendanceMode"
        )
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_url,
        "startDate": event.local_start.date().isoformat()
        if event.all_day
        else event.local_start.isoformat(),
        "endDate": event.local_end.date().isoformat()
        if event.all_day
        else event.local_end.isoformat(),
        "eventStatus": SCHEMA_STATUS[event.event_status],
        "eventAttendanceMode": mode,
        "inLanguage": [lang.code for lang in event.languages.all()] or [language],
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "CNY",
            "availability": "https://schema.org/InStock",
            "url": page_url,
        },
    }
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.summary:
        data["description"] = event.summary
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if image_url:
        data["image"] = image_url
    return data
