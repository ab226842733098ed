"""Xicheng's partner cities, their agreements and pictures."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.manager import append_fallback

from apps.core.documents import validate_pdf_file
from apps.core.i18n import translated_sort_key
from apps.core.images import SafeImageField
from apps.core.models import (
    GalleryPictureBase,
    OutboxMessage,
    PublishableModel,
    PublishableQuerySet,
    TimeStampedModel,
)
from apps.core.richtext import RichTextField
from apps.core.storage import PrivateMediaStorage

from . import anniversaries, geo

# Pages select only the columns they show. A translated field is read in the active
# language and the languages it falls back to, as modeltranslation orders them (and the
# fallback notice follows): `append_fallback` names those columns, not all seven.
CITY_CARD_FIELDS = (
    *("slug", "name", "native_name", "country", "region", "kind", "established_on"),
    *("latitude", "longitude", "hero_image"),
)
CITY_PAGE_FIELDS = (
    *CITY_CARD_FIELDS,
    *("status", "publish_at", "relationship_status", "summary", "body", "hero_image_alt"),
    *("website", "contact_office", "is_sample", "sample_note"),
)


def page_prefetches() -> list[models.Prefetch]:
    """What a partner's page shows besides its own columns: public agreements, gallery."""
    return [
        models.Prefetch(
            "agreements",
            queryset=Agreement.objects.public().only(
                *("city", "kind", "signed_on", "document"),
                *append_fallback(Agreement, ("title", "summary"))[0],
            ),
            to_attr="public_agreements",
        ),
        models.Prefetch(
            "gallery",
            queryset=GalleryImage.objects.only(
                "city", "image", *append_fallback(GalleryImage, ("alt", "caption"))[0]
            ),
        ),
    ]


class SisterCityQuerySet(PublishableQuerySet):
    def for_cards(self):
        """Only the columns the directory reads: its cards, filters, map and anniversaries."""
        return self.only(*append_fallback(self.model, CITY_CARD_FIELDS)[0])

    def for_page(self):
        """Only the columns a partner's page reads; its public agreements and gallery are
        loaded apart (`page_prefetches()`), and only when the page renders them."""
        return self.only(*append_fallback(self.model, CITY_PAGE_FIELDS)[0])

    def in_continent(self, continent: str):
        return self.filter(country__in=geo.countries_in(continent))

    def on_map(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def ordered_by_name(self, language: str | None = None):
        """Sorted by the name a visitor of `language` reads, fallbacks included."""
        return self.alias(sort_name=translated_sort_key("name", language)).order_by(
            "sort_name", "pk"
        )


class SisterCity(PublishableModel):
    """A partner city (or district) of Xicheng District."""

    class Kind(models.TextChoices):
        SISTER_CITY = "sister", _("Sister city")
        FRIENDSHIP_CITY = "friendship", _("Friendship city")
        COOPERATION_PARTNER = "cooperation", _("Cooperation partner")

    class RelationshipStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")

    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(
        _("native name"),
        max_length=200,
        blank=True,
        help_text=_("The name as the partner writes it, e.g. 中野区 or Nakano."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the address, the same in every language, e.g. nakano."),
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region or prefecture"), max_length=200, blank=True)
    kind = models.CharField(_("kind of partnership"), max_length=16, choices=Kind.choices)
    established_on = models.DateField(_("ties established on"))
    relationship_status = models.CharField(
        _("state of the partnership"),
        max_length=16,
        choices=RelationshipStatus.choices,
        default=RelationshipStatus.ACTIVE,
    )
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    hero_image = SafeImageField(_("main picture"), upload_to="sister-cities/", blank=True)
    hero_image_alt = models.CharField(
        _("main picture description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("official website"), blank=True)
    contact_office = models.TextField(
        _("partner contact office"),
        blank=True,
        help_text=_("Who handles the partnership on the partner's side, with address."),
    )
    is_sample = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_("Tick when some facts are invented for the demonstration site."),
    )
    sample_note = models.CharField(
        _("which facts are sample data"),
        max_length=300,
        blank=True,
    )

    objects = SisterCityQuerySet.as_manager()

    class Meta:
        verbose_name = _("sister city")
        verbose_name_plural = _("sister cities")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(latitude__isnull=True, longitude__isnull=True)
                    | Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="sister_city_both_coordinates_or_none",
                violation_error_code="coordinates",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            )
        ]

    def __str__(self):
        return self.name or self.native_name or self.slug

    def clean(self):
        super().clean()
        # One coordinate without the other is refused by the check constraint, whose
        # message full_clean() shows.
        if self.established_on and self.established_on > timezone.localdate():
            raise ValidationError(
                {"established_on": _("The date ties were established cannot be in the future.")}
            )

    def get_absolute_url(self):
        return reverse("sister_cities:detail", kwargs={"slug": self.slug})

    @property
    def continent(self) -> str | None:
        return geo.continent_of(self.country.code) if self.country else None

    def get_continent_display(self):
        continent = self.continent
        return geo.Continent(continent).label if continent else ""

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def years_of_ties(self, today: date | None = None) -> int:
        return anniversaries.years_of_ties(self.established_on, today or timezone.localdate())

    def next_anniversary(self, today: date | None = None) -> anniversaries.Anniversary:
        return anniversaries.next_round_anniversary(
            self.established_on, today or timezone.localdate()
        )


class AgreementQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


def agreement_upload_to(instance, filename):
    return f"agreements/{instance.city.slug}/{filename}"


class Agreement(TimeStampedModel):
    """A signed document of a partnership: agreement, memorandum, letter or renewal."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        MEMORANDUM = "memorandum", _("Memorandum of understanding")
        LETTER_OF_INTENT = "letter", _("Letter of intent")
        RENEWAL = "renewal", _("Renewal")

    city = models.ForeignKey(
        SisterCity, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("city")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    signed_on = models.DateField(_("signed on"))
    summary = models.TextField(_("summary"), blank=True)
    # Every document sits in private storage: internal ones must never have a URL, and
    # public ones are served by a view that checks the agreement is still public.
    document = models.FileField(
        _("document (PDF)"),
        upload_to=agreement_upload_to,
        storage=PrivateMediaStorage,
        blank=True,
        validators=[validate_pdf_file],
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Untick to keep it for staff only.")
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "pk"]

    def __str__(self):
        return self.title

    def get_document_url(self):
        if not self.document:
            return ""
        return reverse(
            "sister_cities:agreement_document",
            kwargs={"slug": self.city.slug, "pk": self.pk},
        )


class GalleryImage(GalleryPictureBase):
    """A picture in a partner city's gallery."""

    city = models.ForeignKey(
        SisterCity, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("city")
    )
    image = SafeImageField(_("picture"), upload_to="sister-cities/gallery/")


class AnniversaryNotice(OutboxMessage):
    """One staff member told of one round anniversary: an outbox row, sent once.

    The daily task records the notices owed; `apps/core/outbox.py` sends them.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        QUEUED = "queued", _("Handed to a worker")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    OPEN_STATES = (State.PENDING, State.QUEUED)

    city = models.ForeignKey(SisterCity, on_delete=models.CASCADE, related_name="+")
    years = models.PositiveSmallIntegerField(_("years"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("anniversary reminder")
        verbose_name_plural = _("anniversary reminders")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "years", "recipient"], name="one_notice_per_anniversary"
            )
        ]

    def __str__(self):
        return f"{self.city} · {self.years} · {self.recipient}"
