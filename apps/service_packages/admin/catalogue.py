"""The catalogue for content editors: packages, services, documents, steps; the calendar."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import get_translation_fields

from apps.core.admin import (
    PublishingActionsMixin,
    SlugFromTitleMixin,
    TranslationCompletenessMixin,
    image_preview,
)

from ..models import (
    CalendarDay,
    DocumentType,
    RequiredDocument,
    ServiceItem,
    ServicePackage,
    ServiceStep,
)


class ServiceItemInline(TranslationTabularInline):
    """The services of a package, in order; documents and steps are edited on each service."""

    model = ServiceItem
    fields = ("title", "processing_days", "needs_travel_details", "position")
    extra = 0
    show_change_link = True


@admin.register(ServicePackage)
class ServicePackageAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = (
        "title",
        "slug",
        "processing_days",
        "item_count",
        "status",
        "is_sample",
        "translation_completeness",
    )
    list_filter = ("status", "is_sample")
    prepopulated_fields = {"slug": ("title_en",)}
    slug_source = "title"
    readonly_fields = ("image_preview", "translation_report")
    inlines = (ServiceItemInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "audience", "description")}),
        (
            _("Practicalities"),
            {"fields": ("processing_days", "fees", "legal_basis", "contact_office")},
        ),
        (_("Picture"), {"fields": ("image_preview", "image", "image_alt")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "position")}),
        (
            _("Translations and sample data"),
            {"fields": ("translation_report", "is_sample", "sample_note")},
        ),
    )

    def get_search_fields(self, request):
        # Every language column, so staff find a package whatever language they type in.
        return (*get_translation_fields("title"), "slug")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=_("picture"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)

    @admin.display(description=_("services"), ordering="item_count")
    def item_count(self, obj):
        return getattr(obj, "item_count", 0)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class RequiredDocumentForm(forms.ModelForm):
    """The accepted file types as boxes to tick, stored as the model's comma list."""

    accepted_types = forms.MultipleChoiceField(
        label=_("accepted file types"),
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one file type.")},
    )

    class Meta:
        model = RequiredDocument
        fields = ("name", "description", "mandatory", "accepted_types", "position")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The boxes of the stored list (a new row starts with the model's default, all three).
        self.initial["accepted_types"] = self.instance.types

    def clean_accepted_types(self):
        return ",".join(self.cleaned_data["accepted_types"])


class RequiredDocumentInline(TranslationStackedInline):
    model = RequiredDocument
    form = RequiredDocumentForm
    fields = ("name", "description", "mandatory", "accepted_types", "position")
    extra = 0


class ServiceStepInline(TranslationStackedInline):
    model = ServiceStep
    fields = ("title", "description", "position")
    extra = 0


@admin.register(ServiceItem)
class ServiceItemAdmin(TranslationCompletenessMixin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "package",
        "position",
        "processing_days",
        "needs_travel_details",
        "translation_completeness",
    )
    list_filter = ("package",)
    list_select_related = ("package",)
    readonly_fields = ("translation_report",)
    inlines = (RequiredDocumentInline, ServiceStepInline)
    fieldsets = (
        (None, {"fields": ("package", "title", "description", "position")}),
        (_("Processing"), {"fields": ("processing_days", "needs_travel_details")}),
        (_("Translations"), {"fields": ("translation_report",)}),
    )

    def get_search_fields(self, request):
        return (*get_translation_fields("title"),)

    def view_on_site(self, obj):
        return obj.package.get_absolute_url()


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The holidays and make-up working days due dates are counted with."""

    list_display = ("day", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "day"
    search_fields = ("name",)
