"""Admin of partner cities for content editors."""

from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import get_translation_fields

from apps.core.admin import TranslationCompletenessMixin
from apps.core.images import image_renditions
from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status

from .forms import AgreementAdminForm
from .models import Agreement, AnniversaryNotice, GalleryImage, SisterCity


def image_preview(image, alt=""):
    """A small rendition of an uploaded picture for staff, or a dash."""
    if not image:
        return "—"
    try:
        smallest = image_renditions(image).fallback[0]
    except (OSError, ValueError):
        return _("(file missing)")
    return format_html(
        '<img src="{}" alt="{}" style="max-width: 160px; height: auto;">', smallest.url, alt
    )


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
class SisterCityAdmin(TranslationCompletenessMixin, TabbedTranslationAdmin):
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
    list_filter = ("status", "kind", "relationship_status", "country", "is_sample")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("hero_preview", "translation_report")
    inlines = (AgreementInline, GalleryImageInline)
    actions = ("publish", "unpublish", "archive")
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

    def _set_status(self, request, queryset, status, message):
        count = 0
        for city in queryset:
            publishable_set_status(obj=city, status=status)
            count += 1
        self.message_user(request, message(count), messages.SUCCESS)

    @admin.action(description=_("Publish the selected partners"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PublishingStatus.PUBLISHED,
            lambda n: (
                ngettext("%(n)d partner published.", "%(n)d partners published.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Move the selected partners back to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PublishingStatus.DRAFT,
            lambda n: (
                ngettext("%(n)d partner moved to draft.", "%(n)d partners moved to draft.", n)
                % {"n": n}
            ),
        )

    @admin.action(description=_("Archive the selected partners"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(
            request,
            queryset,
            PublishingStatus.ARCHIVED,
            lambda n: ngettext("%(n)d partner archived.", "%(n)d partners archived.", n) % {"n": n},
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(AnniversaryNotice)
class AnniversaryNoticeAdmin(admin.ModelAdmin):
    """Read-only record of anniversary reminders, to see what was sent to whom."""

    list_display = ("city", "years", "recipient", "state", "sent_at")
    list_filter = ("state",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
