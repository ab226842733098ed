from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from apps.core.admin import TranslationCompletenessMixin

from .models import HomePage
from .overview import staff_overview


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


# The admin home shows the overview of the roles its reader holds above the list of
# models (templates/admin/index.html). AdminSite.index takes extra context but no hook
# to compute it per request, hence this wrapper; it is in place before admin.site.urls
# is first read (autodiscover imports this module in AdminConfig.ready()).
_stock_index = admin.site.index


def _index_with_overview(request, extra_context=None):
    overview = staff_overview(user=request.user)
    return _stock_index(request, extra_context={"overview": overview, **(extra_context or {})})


admin.site.index = _index_with_overview
