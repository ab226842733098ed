"""Writes of the events app, and reads that combine events with other apps."""

import re
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import append_fallback
from modeltranslation.utils import get_translation_fields

from apps.core.models import PublishingStatus

from .deliveries import deliveries_kick, reminders_replan
from .models import Event, ReminderOffset
from .registrations import registrations_event_changed, registrations_fill_free_places

# What the list of other editions on an event's page reads of each.
EDITION_FIELDS = ("slug", "title", "time_zone", "starts_at")

SCHEMA_STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
    Event.Status.RESCHEDULED: "https://schema.org/EventRescheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}


def _reminder_offsets_save(event: Event, offsets: Iterable[tuple[int, str]]) -> None:
    """The event's reminders become `offsets` ((amount, unit) pairs), matched by their time.

    A row whose time stays is kept (its wording may change, 60 minutes to 1 hour), so
    two rows swapping times never collide on the unique (event, minutes).
    """
    wanted = {}
    for amount, unit in offsets:
        offset = ReminderOffset(event=event, amount=amount, unit=unit).with_minutes()
        offset.full_clean(exclude=["event"], validate_unique=False)
        if offset.minutes in wanted:
            raise ValidationError(
                _("Two reminders are at the same time (%(time)s). Keep only one of them."),
                code="duplicate_reminder",
                params={"time": ReminderOffset.describe(offset.minutes)},
            )
        wanted[offset.minutes] = offset
    kept = {offset.minutes: offset for offset in event.reminder_offsets.all()}
    event.reminder_offsets.exclude(minutes__in=wanted).delete()
    for minutes, offset in wanted.items():
        existing = kept.get(minutes)
        if existing is None:
            offset.save()
        elif (existing.amount, existing.unit) != (offset.amount, offset.unit):
            existing.amount, existing.unit = offset.amount, offset.unit
            existing.save(update_fields=["amount", "unit"])


@transaction.atomic
def event_create(
    *, event: Event, reminder_offsets: Iterable[tuple[int, str]] | None = None
) -> Event:
    """Save a new event with its reminders, by default `ReminderOffset.DEFAULTS`."""
    event.full_clean()
    event.save()
    _reminder_offsets_save(
        event, ReminderOffset.DEFAULTS if reminder_offsets is None else reminder_offsets
    )
    return event


def event_update(
    *,
    event: Event,
    reminder_offsets: Iterable[tuple[int, str]] | None = None,
    now: datetime | None = None,
) -> Event:
    """Save an edited event; its registrants follow, once.

    A change of time, place or status is a new calendar revision (SEQUENCE) and an
    "event changed" email to everyone registered; `reminder_offsets` (None: unchanged)
    replace the reminders; pending reminders are then planned again, once, on the new
    start and offsets; places added go to the waitlist.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The lock every registration takes: no place is given while the event changes.
        stored = Event.objects.select_for_update().get(pk=event.pk)
        loaded = event.schedule_values()
        moved = any(stored.__dict__[name] != value for name, value in loaded.items())
        event.sequence = stored.sequence + 1 if moved else stored.sequence
        event.full_clean()
        event.save()
        if reminder_offsets is not None:
            _reminder_offsets_save(event, reminder_offsets)
        told = registrations_event_changed(event=event, now=now) if moved else 0
        reminders_replan(event, now=now)
        registrations_fill_free_places(event_id=event.pk, now=now)
    if told:
        deliveries_kick()
    return event


def event_set_status(*, event: Event, status: str) -> Event:
    """Cancel, postpone, reschedule or restore an event (calendars see the change)."""
    event.event_status = Event.Status(status)
    return event_update(event=event)


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
    copy.slug = _next_slug(event.slug, starts.year)
    copy.starts_at, copy.ends_at = starts, ends
    copy.status = PublishingStatus.DRAFT
    copy.publish_at = None
    copy.event_status = Event.Status.SCHEDULED
    copy.sequence = 0
    copy.join_url = ""
    year = str(event.local_start.year)
    for name in get_translation_fields("title"):
        title = getattr(copy, name) or ""
        if year in title:
            setattr(copy, name, title.replace(year, str(starts.year)))
    if copy.registration_opens_at:
        copy.registration_opens_at = _shift_year(copy.registration_opens_at, zone, 1)
    if copy.registration_closes_at:
        copy.registration_closes_at = _shift_year(copy.registration_closes_at, zone, 1)
    event_create(
        event=copy,
        reminder_offsets=[(offset.amount, offset.unit) for offset in event.reminder_offsets.all()],
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
        .order_by("-starts_at")
        .only(*append_fallback(Event, EDITION_FIELDS)[0])[:10]
    )


def event_structured_data(event: Event, *, language: str, image_url: str = "") -> dict:
    """schema.org Event; the join link is never part of it."""
    page_url = settings.SITE_URL + event.get_absolute_url()
    venue = event.public_venue
    locations = []
    if event.is_held_online:
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
