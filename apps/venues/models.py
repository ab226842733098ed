"""Venues for foreign-related activities, the visit pool, and thematic routes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import append_fallback

from apps.core.i18n import translated_sort_key
from apps.core.images import SafeImageField
from apps.core.models import (
    GalleryPictureBase,
    LeanLoadingModel,
    PublishableModel,
    PublishableQuerySet,
)
from apps.core.richtext import RichTextField

# Pages select only the columns they show. A translated field is read in the active
# language and the languages it falls back to, as modeltranslation orders them (and the
# fallback notice follows): `append_fallback` names those columns, not all seven.


class LookupQuerySet(models.QuerySet):
    def for_display(self):
        """Only the code and the name as the visitor reads it."""
        return self.only(*append_fallback(self.model, ("code", "name"))[0])


class Lookup(LeanLoadingModel):
    """A short list staff keep (categories, facilities, languages): code + translated name."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.name or self.code


class ResourceCategory(Lookup):
    """A category of the pool of places foreign delegations can visit."""

    class Meta(Lookup.Meta):
        verbose_name = _("visit-pool category")
        verbose_name_plural = _("visit-pool categories")


class Facility(Lookup):
    """Something a venue offers: interpretation booths, step-free access, parking..."""

    STEP_FREE = "step-free"

    class Meta(Lookup.Meta):
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")


class ServiceLanguage(Lookup):
    """A language in which a venue offers visits or services."""

    class Meta(Lookup.Meta):
        verbose_name = _("language of visits")
        verbose_name_plural = _("languages of visits")


# What a listing card reads (its lookups come from `lookup_prefetches()`), what a venue's
# page reads, and what a marker or a stop of a map reads.
VENUE_CARD_FIELDS = ("slug", "kind", "open_to_delegations", "hero_image", "name")
VENUE_PAGE_FIELDS = (
    *("status", "publish_at", "slug", "kind", "latitude", "longitude", "capacity"),
    *("booking_lead_days", "open_to_delegations", "phone", "email", "website", "hero_image"),
    *("is_sample", "name", "address", "opening_hours", "accessibility", "visit_information"),
    *("summary", "body", "hero_image_alt", "sample_note"),
)
VENUE_MAP_FIELDS = ("slug", "kind", "latitude", "longitude", "name", "address")


def lookup_prefetches() -> list[Prefetch]:
    """A venue's categories, facilities and languages, each only as pages show it."""
    return [
        Prefetch("categories", queryset=ResourceCategory.objects.for_display()),
        Prefetch("facilities", queryset=Facility.objects.for_display()),
        Prefetch("languages", queryset=ServiceLanguage.objects.for_display()),
    ]


def page_prefetches() -> list[Prefetch]:
    """What a venue's page shows besides the venue's own columns: lookups and gallery."""
    return [
        *lookup_prefetches(),
        Prefetch(
            "gallery",
            queryset=VenueImage.objects.only(
                "venue", "image", *append_fallback(VenueImage, ("alt", "caption"))[0]
            ),
        ),
    ]


class VenueQuerySet(PublishableQuerySet):
    def step_free(self):
        return self.filter(facilities__code=Facility.STEP_FREE)

    def open_to_delegations(self):
        return self.filter(open_to_delegations=True)

    def on_map(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def ordered_by_name(self, language: str | None = None):
        """Sorted by the name a visitor of `language` reads, fallbacks included."""
        return self.alias(sort_name=translated_sort_key("name", language)).order_by(
            "sort_name", "pk"
        )

    def with_lookups(self):
        """Categories, facilities and languages in three queries, whatever the count."""
        return self.prefetch_related(*lookup_prefetches())

    def for_cards(self):
        """Only the columns a listing card reads; its lookups are loaded apart, and only
        when the cards are rendered (`apps.venues.services.with_lookups`)."""
        return self.only(*append_fallback(self.model, VENUE_CARD_FIELDS)[0])

    def for_page(self):
        """Only the columns a venue's page reads; its lookups and gallery are loaded apart
        (`page_prefetches()`), and only when the page renders them."""
        return self.only(*append_fallback(self.model, VENUE_PAGE_FIELDS)[0])

    def for_map(self):
        """Only the columns a map marker or a route stop reads."""
        return self.only(*append_fallback(self.model, VENUE_MAP_FIELDS)[0])


class Venue(PublishableModel):
    """A place for foreign-related activities, or one delegations can visit."""

    class Kind(models.TextChoices):
        MUSEUM = "museum", _("Museum")
        THEATRE = "theatre", _("Theatre")
        HISTORIC_SITE = "historic", _("Historic site")
        COURTYARD = "courtyard", _("Courtyard or garden")
        CONFERENCE = "conference", _("Conference venue")
        BUSINESS_CENTRE = "business", _("Business centre")
        SCIENCE_PARK = "science", _("Science and technology park")
        SCHOOL = "school", _("School")
        HOSPITAL = "hospital", _("Hospital international department")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the address, the same in every language, e.g. haiqing-yuan."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    categories = models.ManyToManyField(
        ResourceCategory, verbose_name=_("visit-pool categories"), blank=True
    )
    facilities = models.ManyToManyField(Facility, verbose_name=_("facilities"), blank=True)
    languages = models.ManyToManyField(
        ServiceLanguage, verbose_name=_("languages of visits and services"), blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
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
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("People at once; empty if unknown.")
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    visit_information = models.TextField(
        _("information for delegations"),
        blank=True,
        help_text=_("What a group can do here and how far ahead to book."),
    )
    booking_lead_days = models.PositiveSmallIntegerField(
        _("days to book ahead"), null=True, blank=True
    )
    open_to_delegations = models.BooleanField(_("open to delegation visits"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    hero_image = SafeImageField(_("main picture"), upload_to="venues/", blank=True)
    hero_image_alt = models.CharField(
        _("main picture description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    is_sample = models.BooleanField(
        _("contains sample data"),
        default=False,
        help_text=_("Tick when some facts are invented for the demonstration site."),
    )
    sample_note = models.CharField(_("which facts are sample data"), max_length=300, blank=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(latitude__isnull=True, longitude__isnull=True)
                    | Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="venue_both_coordinates_or_none",
                violation_error_code="coordinates",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            )
        ]

    def __str__(self):
        return self.name or self.slug

    def clean(self):
        super().clean()
        # One coordinate without the other is refused by the check constraint, whose
        # message full_clean() shows.

    def get_absolute_url(self):
        return reverse("venues:detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_step_free(self) -> bool:
        # Reads the prefetched facilities: no query when loaded with with_lookups().
        return any(f.code == Facility.STEP_FREE for f in self.facilities.all())


class VenueImage(GalleryPictureBase):
    """A picture in a venue's gallery."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("venue")
    )
    image = SafeImageField(_("picture"), upload_to="venues/gallery/")


ROUTE_LINK_FIELDS = ("slug", "title", "theme")
ROUTE_PAGE_FIELDS = (
    *("status", "publish_at", "slug", "image", "is_sample"),
    *("title", "theme", "summary", "body", "image_alt", "sample_note"),
)


class RouteQuerySet(PublishableQuerySet):
    def for_links(self):
        """Only what a link to a route reads: its address, title and theme."""
        return self.only(*append_fallback(self.model, ROUTE_LINK_FIELDS)[0])

    def for_page(self):
        """Only the columns a route's page reads."""
        return self.only(*append_fallback(self.model, ROUTE_PAGE_FIELDS)[0])

    def with_visible_stops(self, user=None):
        """Stops in order with their venues, leaving out venues visitors may not see."""
        return self.prefetch_related(visible_stops_prefetch(user))


def visible_stops_prefetch(user=None) -> Prefetch:
    """A route's stops in order (`visible_stops`) with their venues as a map reads them,
    leaving out venues `user` (a visitor, if None) may not see."""
    venues = Venue.objects.visible_to(user) if user is not None else Venue.objects.published()
    venue_columns = append_fallback(Venue, VENUE_MAP_FIELDS)[0]
    return Prefetch(
        "stops",
        queryset=RouteStop.objects.filter(venue__in=venues)
        .select_related("venue")
        .only(
            *("route", "venue", "position", "suggested_minutes"),
            *append_fallback(RouteStop, ("note",))[0],
            *(f"venue__{column}" for column in venue_columns),
        )
        .order_by("position", "pk"),
        to_attr="visible_stops",
    )


class Route(PublishableModel):
    """A thematic route: venues to visit in order, e.g. the museum route."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    image = SafeImageField(_("picture"), upload_to="routes/", blank=True)
    image_alt = models.CharField(
        _("picture description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    is_sample = models.BooleanField(_("contains sample data"), default=False)
    sample_note = models.CharField(_("which facts are sample data"), max_length=300, blank=True)

    objects = RouteQuerySet.as_manager()

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["slug"]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("venues:route", kwargs={"slug": self.slug})


class RouteStop(models.Model):
    """One venue on a route, in its place."""

    route = models.ForeignKey(
        Route, on_delete=models.CASCADE, related_name="stops", verbose_name=_("route")
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="route_stops", verbose_name=_("venue")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    note = models.TextField(_("note"), blank=True)
    suggested_minutes = models.PositiveSmallIntegerField(
        _("suggested minutes"), default=60, validators=[MinValueValidator(5)]
    )

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.venue}"
