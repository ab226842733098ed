"""Admin building blocks shared by every app."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .i18n import missing_translations, translation_completeness


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
