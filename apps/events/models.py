"""The programme: festivals, forums, performances and exchanges, and their series."""

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modeltranslation.manager import append_fallback
from modeltranslation.utils import get_translation_fields

from apps.core.images import SafeImageField
from apps.core.models import (
    OutboxMessage,
    PublishableModel,
    PublishableQuerySet,
    PublishingStatus,
)
from apps.core.richtext import RichTextField
from apps.sister_cities.models import SisterCity
from apps.venues.models import ServiceLanguage, Venue

from . import reminders
from .join_links import join_link_in
from .message_texts import message_text

DEFAULT_TIME_ZONE = "Asia/Shanghai"


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Shanghai."),
            code="time_zone",
            params={"value": value},
        )


class EventSeries(PublishableModel):
    """A recurring event, e.g. an annual festival, whose editions are events."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    image = SafeImageField(_("picture"), upload_to="events/series/", blank=True)
    image_alt = models.CharField(_("picture description"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug


# Lists select only the columns they show. A translated field is read in the active
# language and the languages it falls back to, as modeltranslation orders them:
# `append_fallback` names those columns, not all seven (a missing one would cost a query
# per event when the attribute falls back to it).
WHEN_AND_WHERE_FIELDS = (
    *("status", "publish_at", "slug", "category", "venue", "location", "is_online"),
    *("starts_at", "ends_at", "time_zone", "all_day", "event_status"),
)
CARD_FIELDS = (
    *WHEN_AND_WHERE_FIELDS,
    *("title", "image", "takes_registrations", "registration_opens_at", "registration_closes_at"),
)
# A dated link to an event on a venue's or a partner's page.
LINK_FIELDS = ("slug", "title", "starts_at", "time_zone")
CALENDAR_FIELDS = (
    *WHEN_AND_WHERE_FIELDS,
    *("title", "summary", "sequence", "created_at", "updated_at"),
)
PAGE_FIELDS = (
    *CARD_FIELDS,
    *("summary", "body", "organiser", "image_alt", "is_sample", "sample_note", "series"),
    "capacity",
)
# The venue a card, a VEVENT or an event's page names (only while it is published), the
# series and partner cities of an event's page.
CARD_VENUE_FIELDS = ("status", "publish_at", "name")
CALENDAR_VENUE_FIELDS = (*CARD_VENUE_FIELDS, "address")
PAGE_VENUE_FIELDS = (*CALENDAR_VENUE_FIELDS, "slug", "latitude", "longitude")
PAGE_SERIES_FIELDS = ("name", "summary")
PAGE_PARTNER_FIELDS = ("status", "publish_at", "slug", "name")


def _columns(model, fields, prefix: str = "") -> list[str]:
    """`fields` of `model` for `.only()`, translated ones in the active language's chain."""
    return [prefix + name for name in append_fallback(model, fields)[0]]


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, *, now=None):
        """Not over yet, soonest first (an event under way is still upcoming)."""
        now = now or timezone.now()
        return self.published().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def coming_within(self, *, now, days: int):
        """Published (or scheduled to be), not over at `now` and starting within `days`:
        what staff prepare for, soonest first."""
        return self.filter(
            status=PublishingStatus.PUBLISHED,
            ends_at__gte=now,
            starts_at__lt=now + timedelta(days=days),
        ).order_by("starts_at", "pk")

    def with_registration_counts(self):
        """Each event with `taken` (confirmed or held places), `waitlisted` and `cancelled`
        registrations counted in the same query."""
        status = Registration.Status
        return self.annotate(
            taken=models.Count(
                "registrations",
                filter=Q(registrations__status__in=(status.CONFIRMED, status.HELD)),
            ),
            waitlisted=models.Count(
                "registrations", filter=Q(registrations__status=status.WAITLISTED)
            ),
            cancelled=models.Count(
                "registrations", filter=Q(registrations__status=status.CANCELLED)
            ),
        )

    def past(self, *, now=None):
        now = now or timezone.now()
        return self.published().filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def for_timeline(self):
        """Published events, newest first: the partner-city page's exchange activities."""
        return self.published().order_by("-starts_at", "-pk")

    @staticmethod
    def _online():
        return Q(is_online=True) | Q(event_status=Event.Status.MOVED_ONLINE)

    def held_online(self):
        """Online from the start, or moved online since (`Event.is_held_online`)."""
        return self.filter(self._online())

    def held_on_site(self):
        return self.exclude(self._online())

    def for_cards(self):
        """What an event card shows (templates/events/_card.html), with its venue.

        Only those columns, in the active language and its fallbacks: whole rows of every
        language of event and venue were most of the listing's time.
        """
        return self.select_related("venue").only(
            *_columns(Event, CARD_FIELDS), *_columns(Venue, CARD_VENUE_FIELDS, "venue__")
        )

    def for_links(self):
        """What a dated link to an event reads (`timeline_date`, title, address)."""
        return self.only(*_columns(Event, LINK_FIELDS))

    def for_calendar(self):
        """What an iCalendar VEVENT says (apps/events/calendar.py), with the venue's place."""
        return self.select_related("venue").only(
            *_columns(Event, CALENDAR_FIELDS),
            *_columns(Venue, CALENDAR_VENUE_FIELDS, "venue__"),
        )


def page_prefetches() -> list[models.Prefetch]:
    """What an event's page shows besides the event's own columns (`PAGE_FIELDS`): its
    venue, series, partner cities and languages, each with the columns the page reads."""
    return [
        models.Prefetch("venue", Venue.objects.only(*_columns(Venue, PAGE_VENUE_FIELDS))),
        models.Prefetch(
            "series", EventSeries.objects.only(*_columns(EventSeries, PAGE_SERIES_FIELDS))
        ),
        models.Prefetch(
            "partner_cities", SisterCity.objects.only(*_columns(SisterCity, PAGE_PARTNER_FIELDS))
        ),
        models.Prefetch(
            "languages",
            ServiceLanguage.objects.only(*_columns(ServiceLanguage, ("code", "name"))),
        ),
    ]


class Event(PublishableModel):
    """One event of the programme."""

    class Category(models.TextChoices):
        FESTIVAL = "festival", _("Festival")
        PERFORMANCE = "performance", _("Performance")
        FORUM = "forum", _("Forum or summit")
        EXCHANGE = "exchange", _("Exchange with a partner city")
        EXHIBITION = "exhibition", _("Exhibition")
        TALK = "talk", _("Talk")
        COMPETITION = "competition", _("Competition")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED_ONLINE = "moved_online", _("Moved online")

    # A change of any of these is a change calendar apps must pick up (SEQUENCE).
    SCHEDULE_FIELDS = (
        "starts_at",
        "ends_at",
        "time_zone",
        "all_day",
        "venue_id",
        "location",
        "is_online",
        "event_status",
    )

    # Text shown to visitors, in every language: never a place for the join link.
    PUBLIC_TEXT_FIELDS = (
        "title",
        "summary",
        "body",
        "location",
        "organiser",
        "image_alt",
        "sample_note",
    )

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("series"),
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    image = SafeImageField(_("picture"), upload_to="events/", blank=True)
    image_alt = models.CharField(
        _("picture description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    organiser = models.CharField(_("organiser"), max_length=250, blank=True)
    partner_cities = models.ManyToManyField(
        SisterCity,
        blank=True,
        related_name="exchange_activities",
        verbose_name=_("partner cities"),
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("venue"),
    )
    location = models.CharField(
        _("other location"),
        max_length=300,
        blank=True,
        help_text=_("For a place that is not in the venue catalogue."),
    )
    is_online = models.BooleanField(_("online"), default=False)
    join_url = models.URLField(
        _("join link (private)"),
        blank=True,
        help_text=_("Never shown on the site: sent to registered participants only."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the event happens, e.g. Asia/Shanghai or Europe/Berlin."),
    )
    all_day = models.BooleanField(_("all day"), default=False)
    event_status = models.CharField(
        _("event status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    languages = models.ManyToManyField(
        ServiceLanguage, blank=True, verbose_name=_("languages of the programme")
    )
    takes_registrations = models.BooleanField(
        _("visitors register on this site"),
        default=False,
        help_text=_("Shows a registration form; participants get a confirmation and reminders."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. When all places are taken, visitors join a waitlist."),
    )

    class AddressConfirmation(models.TextChoices):
        AUTO = "auto", _("When places are limited or there is a join link")
        ALWAYS = "always", _("Always")
        NEVER = "never", _("Never")

    address_confirmation = models.CharField(
        _("hold places until the email address is confirmed"),
        max_length=8,
        choices=AddressConfirmation.choices,
        default=AddressConfirmation.AUTO,
        help_text=_(
            "A registrant's place is held, not given, until they open the link in the "
            "confirmation email; a hold not confirmed in time goes to the waitlist or back "
            "to the free places. The join link is sent only after confirmation."
        ),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Goes up whenever time, place or status changes (iCalendar SEQUENCE)."),
    )
    is_sample = models.BooleanField(_("contains sample data"), default=False)
    sample_note = models.CharField(_("which facts are sample data"), max_length=300, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "ends_at"], name="event_published_upcoming"),
            models.Index(fields=["starts_at"], name="event_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_code="ends_before_start",
                violation_error_message=_("The end must not be before the start."),
            )
        ]

    def __str__(self):
        return self.title or self.slug

    def schedule_values(self) -> dict:
        """The schedule fields' values as loaded or set, the location in every language.

        Read from `__dict__`: the translated attribute would give the active language's
        value, and a deferred field is left out rather than loaded.
        """
        names = (
            name
            for field in self.SCHEDULE_FIELDS
            for name in (get_translation_fields(field) if field == "location" else (field,))
        )
        return {name: self.__dict__[name] for name in names if name in self.__dict__}

    def clean(self):
        super().clean()
        if self.join_url:
            # The join link is private: it must not be pasted into any public text.
            for field in self.PUBLIC_TEXT_FIELDS:
                for name in get_translation_fields(field):
                    if join_link_in(getattr(self, name, "") or "", self.join_url):
                        code = name.removeprefix(f"{field}_")
                        raise ValidationError(
                            {
                                "join_url": ValidationError(
                                    _(
                                        "The join link must not appear in the public text "
                                        "(found in %(field)s)."
                                    ),
                                    code="join_url_public",
                                    params={"field": f"{field} [{code}]"},
                                )
                            }
                        )
        if self.registration_opens_at and self.registration_closes_at:
            if self.registration_closes_at < self.registration_opens_at:
                raise ValidationError(
                    {"registration_closes_at": _("Registration cannot close before it opens.")}
                )

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def timeline_date(self):
        """The local day it starts: how partner-city and venue pages date it."""
        return self.local_start.date()

    @property
    def is_cancelled(self):
        return self.event_status == self.Status.CANCELLED

    @property
    def is_held_online(self) -> bool:
        """Online from the start, or moved online since (`EventQuerySet.held_online`)."""
        return self.is_online or self.event_status == self.Status.MOVED_ONLINE

    @property
    def public_venue(self):
        """The venue, only while visitors may see it."""
        venue = self.venue
        return venue if venue is not None and venue.is_published else None

    def places_left(self, *, now=None) -> int | None:
        """Places neither confirmed nor held for anyone; None when there is no limit.

        A hold past its time no longer counts, whether or not `events.expire_holds` has
        cancelled it yet: the count never depends on the worker being up.
        """
        if self.capacity is None:
            return None
        return max(self.capacity - self.registrations.taking_places(now=now).count(), 0)

    def holds_places(self) -> bool:
        """Whether a new registrant's place is held until their email address is confirmed."""
        if self.address_confirmation == self.AddressConfirmation.AUTO:
            return self.capacity is not None or bool(self.join_url)
        return self.address_confirmation == self.AddressConfirmation.ALWAYS

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def registration_state(self, *, now=None) -> str:
        """Whether the register form is open now, and if not, why (a RegistrationState)."""
        now = now or timezone.now()
        if not self.takes_registrations:
            return RegistrationState.NOT_TAKEN
        if not self.is_published:
            return RegistrationState.UNPUBLISHED
        if self.is_cancelled:
            return RegistrationState.CANCELLED
        if self.starts_at <= now:
            return RegistrationState.STARTED
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if self.registration_closes_at and now >= self.registration_closes_at:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def get_register_url(self):
        return reverse("events:register", kwargs={"slug": self.slug})


class RegistrationState(models.TextChoices):
    OPEN = "open", _("Registration is open.")
    NOT_TAKEN = "not_taken", _("This event does not take registrations on this site.")
    UNPUBLISHED = "unpublished", _("This event is not published.")
    CANCELLED = "cancelled", _("This event has been cancelled: registration is closed.")
    STARTED = "started", _("This event has already started: registration is closed.")
    NOT_YET_OPEN = "not_yet_open", _("Registration has not opened yet.")
    CLOSED = "closed", _("Registration has closed.")


class ReminderOffset(models.Model):
    """How long before an event's start its confirmed participants are reminded."""

    Unit = reminders.Unit
    UNIT_MINUTES = reminders.UNIT_MINUTES
    DEFAULTS = reminders.DEFAULTS
    MAX_MINUTES = reminders.MAX_MINUTES

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="reminder_offsets", verbose_name=_("event")
    )
    amount = models.PositiveIntegerField(
        _("how long before the start"), validators=[MinValueValidator(1)]
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.DAYS)
    # The offset in minutes: what makes two offsets the same (60 minutes = 1 hour).
    minutes = models.PositiveIntegerField(_("minutes before the start"), editable=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-minutes"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "minutes"],
                name="reminder_offset_once_per_event",
                violation_error_message=_("This event already has a reminder at that time."),
            )
        ]

    def __str__(self):
        # From amount and unit: an offset not saved yet has no minutes (the admin's history).
        return self.describe(self.with_minutes().minutes)

    def save(self, *args, **kwargs):
        self.with_minutes()
        super().save(*args, **kwargs)

    describe = staticmethod(reminders.describe)

    def with_minutes(self):
        self.minutes = reminders.minutes_of(self.amount, self.unit)
        return self

    def clean(self):
        super().clean()
        self.with_minutes()
        if self.minutes > self.MAX_MINUTES:
            raise ValidationError(
                {"amount": _("A reminder can be at most 60 days before the start.")},
                code="too_early",
            )

    @property
    def delta(self) -> timedelta:
        return timedelta(minutes=self.minutes)


def _registration_secret():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        """The waitlist in the order places are offered: first come, first served."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")

    def taking_places(self, *, now=None):
        """Confirmed places, and places held until an address is confirmed while the hold
        lasts (one past its time is free, even before `events.expire_holds` cancels it)."""
        now = now or timezone.now()
        return self.filter(
            Q(status=Registration.Status.CONFIRMED)
            | Q(status=Registration.Status.HELD, held_until__gt=now)
        )

    def holds_expired(self, *, now):
        return self.filter(status=Registration.Status.HELD, held_until__lte=now)

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A visitor's place at an event, or on its waitlist, and the data they gave for it."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
        # A place kept for this registrant until they confirm their email address.
        HELD = "held", _("Held until the email address is confirmed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country or region"))
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    consented_at = models.DateTimeField(_("consent given"))
    # With the primary key, signed into the private management link; replacing it
    # revokes every link sent so far.
    secret = models.CharField(max_length=64, default=_registration_secret, editable=False)
    # The hidden token of the form that created it: a second POST of the same form
    # finds this registration instead of making another.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    # When the registrant opened the emailed link and confirmed; a held place is theirs
    # from then on, and only confirmed addresses are offered places from the waitlist.
    address_confirmed_at = models.DateTimeField(_("email address confirmed"), null=True, blank=True)
    held_until = models.DateTimeField(_("place held until"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                name="registration_once_per_email_and_event",
                violation_error_message=_("This email address is already registered."),
            )
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            models.Index(
                fields=["held_until"], condition=Q(status="held"), name="registration_held_until"
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.event}"

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    @property
    def needs_address_confirmation(self) -> bool:
        """Whether this registrant still has to confirm their address (a hold, a wait)."""
        return (
            self.address_confirmed_at is None
            and self.status in (self.Status.HELD, self.Status.WAITLISTED)
            and self.event.holds_places()
        )

    @property
    def sees_join_link(self) -> bool:
        """Whether this registrant is given the event's private join link."""
        event = self.event
        return (
            self.status == self.Status.CONFIRMED
            and event.is_held_online
            and not event.is_cancelled
            and bool(event.join_url)
        )


class Delivery(OutboxMessage):
    """One email a registrant is owed, recorded in the transaction that owes it.

    The outbox: a registration, a cancellation or a change of the event commits its
    deliveries with it, so nothing is lost if Redis, a worker or the mail server is
    down. `key` makes each one unique per registration (a reminder per offset, an
    update per calendar revision): the row, not a Celery message, is what is sent once.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        WAITLISTED = "waitlisted", _("On the waitlist")
        PROMOTED = "promoted", _("Place offered from the waitlist")
        CANCELLED = "cancelled", _("Cancellation confirmed")
        UPDATE = "update", _("Event changed")
        REMINDER = "reminder", _("Reminder")
        # Someone registered the address again: its owner is told, the visitor is not.
        ALREADY = "already", _("Already registered")
        CONFIRM_ADDRESS = "confirm", _("Confirm the email address")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        QUEUED = "queued", _("Handed to a worker")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        MISSED = "missed", _("Missed (too late to send)")
        SKIPPED = "skipped", _("Not needed any more")

    OPEN_STATES = (State.PENDING, State.QUEUED)

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("email type"), max_length=16, choices=Kind.choices)
    offset_minutes = models.PositiveIntegerField(_("minutes before the start"), null=True)
    event_sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "key"], name="delivery_once_per_registration_and_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["not_before"],
                condition=Q(state__in=["pending", "queued"]),
                name="delivery_open_by_time",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.REMINDER and self.offset_minutes is not None:
            return f"{self.get_kind_display()} ({ReminderOffset.describe(self.offset_minutes)})"
        return str(self.get_kind_display())


class RegistrationSummary(models.Model):
    """Anonymous counts kept for an event after its registrants' data was deleted."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="registration_summary",
        verbose_name=_("event"),
    )
    confirmed = models.PositiveIntegerField(_("confirmed"), default=0)
    waitlisted = models.PositiveIntegerField(_("still on the waitlist"), default=0)
    cancelled = models.PositiveIntegerField(_("cancellations"), default=0)
    by_language = models.JSONField(_("registrations by language"), default=dict)
    by_country = models.JSONField(_("registrations by country"), default=dict)
    reminders_sent = models.PositiveIntegerField(_("reminders sent"), default=0)
    purged_at = models.DateTimeField(_("personal data deleted"))

    class Meta:
        # Named for what they are: the page shows them under the live counts.
        verbose_name = _("anonymised registration count")
        verbose_name_plural = _("registration counts (live and anonymised)")

    def __str__(self):
        return str(self.event)


class RegistrantMessageQuerySet(models.QuerySet):
    def with_delivery_counts(self):
        """Each message with how many of its emails were sent, wait, failed or were not
        needed (a registrant who cancelled first): counted in subqueries, one query."""

        def count(*states):
            return models.Count("deliveries", filter=Q(deliveries__state__in=states))

        State = MessageDelivery.State
        return self.annotate(
            sent_count=count(State.SENT),
            waiting_count=count(State.PENDING, State.QUEUED, State.SENDING),
            failed_count=count(State.FAILED),
            skipped_count=count(State.SKIPPED),
        )


class RegistrantMessage(models.Model):
    """A message staff wrote to the registrants of an event: the log of who wrote what,
    when and to how many. Each recipient's email is a `MessageDelivery` (the outbox)."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Registrants with a confirmed place")
        WAITLISTED = "waitlisted", _("Registrants on the waitlist")
        ALL = "all", _("All registrants (confirmed and on the waitlist)")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrant_messages",
        verbose_name=_("event"),
    )
    audience = models.CharField(_("recipients"), max_length=12, choices=Audience.choices)
    # {language: {"subject": ..., "body": ...}} for each language staff wrote it in; a
    # registrant reading another gets the site's fallback (see registrant_messages.py).
    texts = models.JSONField(_("texts"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    author_name = models.CharField(_("written by"), max_length=150, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    # The hidden token of the form that sent it: a second POST (a double click) finds
    # this message instead of sending another.
    form_token = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = RegistrantMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return message_text(self.texts)[1] or str(self.event)


class MessageDelivery(OutboxMessage):
    """One registrant's copy of a message: the row, unique per message and registration,
    is what is sent once (apps/core/outbox.py)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        QUEUED = "queued", _("Handed to a worker")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    OPEN_STATES = (State.PENDING, State.QUEUED)

    message = models.ForeignKey(
        RegistrantMessage,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("message"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="message_deliveries",
        verbose_name=_("registration"),
    )
    # The language of the text this registrant gets (theirs, or its fallback).
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("message email")
        verbose_name_plural = _("message emails")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="message_once_per_registration"
            )
        ]
        indexes = [
            models.Index(
                fields=["not_before"],
                condition=Q(state__in=["pending", "queued"]),
                name="message_delivery_open_by_time",
            ),
        ]

    def __str__(self):
        return str(self.message)
