"""Admin of partner cities for content editors."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import get_translation_fields

from apps.core.admin import (
    CountryFilter,
    OutboxAdmin,
    PublishingActionsMixin,
    SlugFromTitleMixin,
    TranslationCompletenessMixin,
    image_preview,
)

from .forms import AgreementAdminForm
from .models import Agreement, AnniversaryNotice, GalleryImage, SisterCity


class AgreementInline(TranslationStackedInline):
    model = Agreement
    form = AgreementAdminForm
    extra = 0
    fields = ("kind", "title", "signed_on", "summary", "document", "is_public")


class GalleryImageInline(TranslationTabularInline):
    model = GalleryImage
    extra = 0
    fields = ("preview", "image", "alt", "caption", "position")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image, obj.alt)


@admin.register(SisterCity)
class SisterCityAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = (
        "name",
        "native_name",
        "country",
        "kind",
        "years_column",
        "next_anniversary_column",
        "relationship_status",
        "status",
        "translation_completeness",
    )
    list_filter = ("status", "kind", "relationship_status", CountryFilter, "is_sample")
    prepopulated_fields = {"slug": ("name_en",)}
    slug_source = "name"
    readonly_fields = ("hero_preview", "translation_report")
    inlines = (AgreementInline, GalleryImageInline)
    date_hierarchy = "established_on"
    # A website typed without a scheme means https (Django 6's default, set early).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "native_name", "slug", "summary", "body")}),
        (
            _("Partnership"),
            {"fields": ("country", "region", "kind", "established_on", "relationship_status")},
        ),
        (_("Contact"), {"fields": ("website", "contact_office")}),
        (_("Map"), {"fields": ("latitude", "longitude")}),
        (_("Picture"), {"fields": ("hero_preview", "hero_image", "hero_image_alt")}),
        (_("Publishing"), {"fields": ("status", "publish_at")}),
        (
            _("Translations and sample data"),
            {"fields": ("translation_report", "is_sample", "sample_note")},
        ),
    )

    def get_search_fields(self, request):
        # Every language column, so staff find a partner whatever language they type in.
        return (*get_translation_fields("name"), "native_name", "slug")

    @admin.display(description=_("years of ties"))
    def years_column(self, obj):
        return obj.years_of_ties()

    @admin.display(description=_("next anniversary"))
    def next_anniversary_column(self, obj):
        anniversary = obj.next_anniversary()
        return f"{anniversary.years} · {anniversary.date:%Y-%m-%d}"

    @admin.display(description=_("main picture"))
    def hero_preview(self, obj):
        return image_preview(obj.hero_image, obj.hero_image_alt)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(AnniversaryNotice)
class AnniversaryNoticeAdmin(OutboxAdmin):
    """The anniversary reminders to editors: what was sent to whom, what failed."""

    list_display = ("city", "years", "recipient", "state", "sent_at")
    list_select_related = ("city", "recipient")
    fields = ("city", "years", "recipient", *OutboxAdmin.outbox_fields)
