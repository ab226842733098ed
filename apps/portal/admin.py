from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from apps.core.admin import TranslationCompletenessMixin

from .models import HomePage


@admin.register(HomePage)
class HomePageAdmin(TranslationCompletenessMixin, TabbedTranslationAdmin):
    list_display = ("title", "translation_completeness", "updated_at")
    readonly_fields = ("translation_report",)
    fieldsets = (
        (None, {"fields": ("title", "intro", "body")}),
        (_("Picture"), {"fields": ("hero_image", "hero_image_alt")}),
        (_("Translations"), {"fields": ("translation_report", "is_sample")}),
    )

    def has_add_permission(self, request):
        # One home page per site.
        return super().has_add_permission(request) and not HomePage.objects.exists()
