"""Admin building blocks shared by every app."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext
from django.contrib.auth import get_permission_codename
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from .countries import ordered_choices
from .i18n import missing_translations, translation_completeness
from .images import image_renditions
from .models import PublishingStatus
from .outbox import outbox_for_model, outbox_resend
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record staff look at and nobody edits here, not even a superuser.

    Viewing follows the model's view permission; every field shown is read-only.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # Not through get_fields(): it asks for the read-only fields itself.
        if self.fieldsets:
            return flatten_fieldsets(self.fieldsets)
        if self.fields:
            return list(self.fields)
        opts = self.model._meta
        # The fields a form of the model would have (an AutoField has none).
        names = [
            field.name
            for field in [*opts.fields, *opts.many_to_many]
            if field.editable and field.formfield() is not None
        ]
        return [*names, *(name for name in self.readonly_fields if name not in names)]


class ReadOnlyInline(admin.TabularInline):
    """A log shown under its parent: nothing added, changed or deleted here."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class OutboxAdmin(ReadOnlyAdmin):
    """An outbox, read-only: what was sent, what waits, what failed or was missed and
    why; staff allowed to change its rows send failed or missed emails again."""

    list_filter = ("state",)
    actions = ("send_again",)
    # The fields every outbox shows after its own (see OutboxMessage).
    outbox_fields = (
        "state",
        "attempts",
        "not_before",
        "queued_at",
        "sending_since",
        "sent_at",
        "failing_since",
        "last_error",
        "alerted_at",
        "created_at",
    )

    @admin.action(
        description=_("Send the selected failed or missed emails again"),
        permissions=["resend"],
    )
    def send_again(self, request, queryset):
        rows = list(queryset)
        resent = outbox_resend(outbox_for_model(self.model), rows, user=request.user)
        if resent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email is back in the queue; it goes out within a minute.",
                    "%(count)d emails are back in the queue; they go out within a minute.",
                    resent,
                )
                % {"count": resent},
                messages.SUCCESS,
            )
        if len(rows) > resent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected email was not failed or missed and was left as it is.",
                    "%(count)d selected emails were not failed or missed and were left as "
                    "they are.",
                    len(rows) - resent,
                )
                % {"count": len(rows) - resent},
                messages.WARNING,
            )

    def has_resend_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


class CountryFilter(admin.SimpleListFilter):
    """The countries and regions the listed rows have (not all 250), China's regions
    after China, in the admin's language. The model's field is `country`."""

    title = _("country or region")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(self.parameter_name, flat=True)
            .distinct()
        )
        return ordered_choices(codes)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset
