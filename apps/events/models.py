"""The programme: festivals, forums, performances and exchanges, and their series."""

import zoneinfo
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from apps.core.images import SafeImageField
from apps.core.models import PublishableModel, PublishableQuerySet
from apps.core.richtext import RichTextField
from apps.sister_cities.models import SisterCity
from apps.venues.models import ServiceLanguage, Venue

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


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, *, now=None):
        """Not over yet, soonest first (an event under way is still upcoming)."""
        now = now or timezone.now()
        return self.published().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def past(self, *, now=None):
        now = now or timezone.now()
        return self.published().filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def for_timeline(self):
        """Published events, newest first: the partner-city page's exchange activities."""
        return self.published().order_by("-starts_at", "-pk")

    def with_related(self):
        """Venue, series and partner cities in a constant number of queries."""
        return self.select_related("venue", "series").prefetch_related("partner_cities")


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
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
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

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._schedule_as_loaded = instance._schedule()
        return instance

    def _schedule(self) -> dict:
        """The schedule fields' values as stored, the location in every language.

        Read from `__dict__`: the translated attribute would give the active language's
        value, and reading a deferred field here would load it (and recurse).
        """
        names = (
            name
            for field in self.SCHEDULE_FIELDS
            for name in (get_translation_fields(field) if field == "location" else (field,))
        )
        return {name: self.__dict__[name] for name in names if name in self.__dict__}

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_schedule_as_loaded", None)
        if loaded and any(self.__dict__.get(name) != value for name, value in loaded.items()):
            self.sequence += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)
        self._schedule_as_loaded = self._schedule()

    def clean(self):
        super().clean()
        if self.join_url:
            # The join link is private: it must not be pasted into any public text.
            for field in self.PUBLIC_TEXT_FIELDS:
                for name in get_translation_fields(field):
                    if self.join_url in (getattr(self, name, "") or ""):
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
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at
