"""Admin of venues, routes and their short lists, for content editors."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.utils import get_translation_fields

from apps.core.admin import (
    PublishingActionsMixin,
    SlugFromTitleMixin,
    TranslationCompletenessMixin,
    image_preview,
)

from .models import Facility, ResourceCategory, Route, RouteStop, ServiceLanguage, Venue, VenueImage


class VenueImageInline(TranslationTabularInline):
    model = VenueImage
    extra = 0
    fields = ("preview", "image", "alt", "caption", "position")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image, obj.alt)


@admin.register(Venue)
class VenueAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = (
        "name",
        "kind",
        "category_list",
        "capacity",
        "open_to_delegations",
        "status",
        "translation_completeness",
    )
    list_filter = ("status", "kind", "categories", "facilities", "languages", "open_to_delegations")
    prepopulated_fields = {"slug": ("name_en",)}
    slug_source = "name"
    filter_horizontal = ("categories", "facilities", "languages")
    # Every language column, so staff find a venue whatever language they type in
    # (also what the route stops' venue autocomplete searches).
    search_fields = (*get_translation_fields("name"), "slug")
    readonly_fields = ("hero_preview", "translation_report")
    inlines = (VenueImageInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "summary", "body")}),
        (
            _("Visit pool"),
            {
                "fields": (
                    "categories",
                    "open_to_delegations",
                    "visit_information",
                    "booking_lead_days",
                )
            },
        ),
        (
            _("Place"),
            {
                "fields": (
                    "address",
                    "latitude",
                    "longitude",
                    "capacity",
                    "facilities",
                    "accessibility",
                    "opening_hours",
                )
            },
        ),
        (_("Languages and contact"), {"fields": ("languages", "phone", "email", "website")}),
        (_("Picture"), {"fields": ("hero_preview", "hero_image", "hero_image_alt")}),
        (_("Publishing"), {"fields": ("status", "publish_at")}),
        (
            _("Translations and sample data"),
            {"fields": ("translation_report", "is_sample", "sample_note")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description=_("visit-pool categories"))
    def category_list(self, obj):
        return ", ".join(category.name for category in obj.categories.all()) or "—"

    @admin.display(description=_("main picture"))
    def hero_preview(self, obj):
        return image_preview(obj.hero_image, obj.hero_image_alt)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class RouteStopInline(TranslationTabularInline):
    model = RouteStop
    extra = 1
    fields = ("position", "venue", "suggested_minutes", "note")
    autocomplete_fields = ("venue",)
    ordering = ("position", "pk")


@admin.register(Route)
class RouteAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = ("title", "theme", "stop_count", "status", "translation_completeness")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("title_en",)}
    slug_source = "title"
    readonly_fields = ("image_preview", "translation_report")
    inlines = (RouteStopInline,)
    search_fields = (*get_translation_fields("title"), "slug")
    fieldsets = (
        (None, {"fields": ("title", "slug", "theme", "summary", "body")}),
        (_("Picture"), {"fields": ("image_preview", "image", "image_alt")}),
        (_("Publishing"), {"fields": ("status", "publish_at")}),
        (
            _("Translations and sample data"),
            {"fields": ("translation_report", "is_sample", "sample_note")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stop_total=models.Count("stops"))

    @admin.display(description=_("picture"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)

    @admin.display(description=_("stops"), ordering="stop_total")
    def stop_count(self, obj):
        return obj.stop_total

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(ResourceCategory, Facility, ServiceLanguage)
class LookupAdmin(TranslationCompletenessMixin, TabbedTranslationAdmin):
    list_display = ("name", "code", "position", "translation_completeness")
    list_editable = ("position",)
    search_fields = ("code", *get_translation_fields("name"))
