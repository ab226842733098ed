"""Admin building blocks shared by every app."""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .i18n import missing_translations, translation_completeness
from .images import image_renditions
from .models import PublishingStatus
from .services import publishable_set_status


def _language_name(code):
    return str(get_language_info(code)["name_translated"])


class TranslationCompletenessMixin:
    """Adds a completeness column and a per-field report of missing languages."""

    @admin.display(description=_("translations"))
    def translation_completeness(self, obj):
        filled, expected = translation_completeness(obj)
        if not expected:
            return "—"
        return f"{round(100 * filled / expected)}%"

    @admin.display(description=_("missing translations"))
    def translation_report(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        missing = missing_translations(obj)
        if not missing:
            return _("Complete in every language.")
        model = type(obj)
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (
                        model._meta.get_field(field).verbose_name,
                        ", ".join(
                            str(get_language_info(lang)["name_translated"]) for lang in langs
                        ),
                    )
                    for field, langs in missing.items()
                ),
            ),
        )


class PublishingActionsMixin:
    """Publish, back-to-draft and archive actions for publishable content."""

    actions = ("publish", "unpublish", "archive")

    def _set_status(self, request, queryset, status, message):
        count = 0
        for obj in queryset:
            publishable_set_status(obj=obj, status=status)
            count += 1
        self.message_user(
            request,
            message % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Publish the selected %(verbose_name_plural)s"), permissions=["change"]
    )
    def publish(self, request, queryset):
        self._set_status(
            request, queryset, PublishingStatus.PUBLISHED, _("%(count)d %(items)s published.")
        )

    @admin.action(
        description=_("Move the selected %(verbose_name_plural)s back to draft"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self._set_status(
            request, queryset, PublishingStatus.DRAFT, _("%(count)d %(items)s moved to draft.")
        )

    @admin.action(
        description=_("Archive the selected %(verbose_name_plural)s"), permissions=["change"]
    )
    def archive(self, request, queryset):
        self._set_status(
            request, queryset, PublishingStatus.ARCHIVED, _("%(count)d %(items)s archived.")
        )


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
