"""Admin building blocks shared by every app; the security and personal-data logs and staff
accounts."""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from modeltranslation.utils import build_localized_fieldname

from .countries import ordered_choices
from .i18n import missing_translations, translation_completeness
from .images import image_renditions
from .log_details import detail_html
from .models import PersonalDataAccess, PublishingStatus, SecurityEvent, StaffEmail
from .outbox import outbox_for_model, outbox_resend
from .services import personal_data_access_record, publishable_set_status
from .slugs import slug_from_text, slug_unique
from .staff_security import (
    is_site_administrator,
    login_failures_clear,
    second_factor_reset,
)


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


# Parameters of a list's address that are no filter (the action form's own fields).
_NOT_FILTERS = {"_selected_action", "action", "index", "select_across", "_changelist_filters"}
_CONTROL_CHARACTERS = dict.fromkeys(range(32))


def audit_filters(params, *, search_param: str = "q") -> dict:
    """A list's filters as an audit line keeps them: never the search term, which may be
    a name or an address, only that there was one. Values are cut short and stripped of
    control characters (PostgreSQL's JSON refuses NUL)."""
    filters = {}
    for key, values in params.lists():
        if key in _NOT_FILTERS or key == search_param:
            continue
        values = [value.translate(_CONTROL_CHARACTERS)[:100] for value in values]
        filters[key.translate(_CONTROL_CHARACTERS)[:100]] = (
            values[0] if len(values) == 1 else values
        )
    return filters


class PersonalDataAdminMixin:
    """For a ModelAdmin that shows people's personal data: each list and record page shown,
    each correction saved and each deletion is a line in the personal-data log, and exports
    and actions add theirs with `personal_data_record`. Lines say which event, filters or
    fields, never the data itself."""

    def personal_data_detail(self, request, *, obj=None) -> dict:
        """What the log line adds about the rows shown (e.g. their event); no personal data."""
        return {}

    def personal_data_record(self, request, action, *, row_count=None, obj=None, **detail):
        personal_data_access_record(
            user=request.user,
            action=action,
            subject=self.opts.label_lower,
            row_count=row_count,
            object_id=obj.pk if obj is not None else "",
            **self.personal_data_detail(request, obj=obj),
            **detail,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Only a list shown: not a redirect, nor the file or redirect of an action.
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            search = request.GET.get("q", "")
            self.personal_data_record(
                request,
                PersonalDataAccess.Action.LIST_VIEWED,
                row_count=changelist.result_count,
                filters=audit_filters(request.GET),
                **({"searched": True} if search.strip() else {}),
            )
        return response

    def _record_page(self, request, response, context_key, page):
        obj = (getattr(response, "context_data", None) or {}).get(context_key)
        if response.status_code == 200 and obj is not None:
            self.personal_data_record(
                request, PersonalDataAccess.Action.RECORD_VIEWED, obj=obj, page=page
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._record_page(request, response, "original", "change")

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._record_page(request, response, "object", "history")

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._record_page(request, response, "object", "delete")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A saved correction is a change like an action's; the successful save redirects,
        # so no page line is written for it. The fields' names, never their values.
        if change and form.changed_data:
            self.personal_data_record(
                request,
                PersonalDataAccess.Action.CHANGED,
                row_count=1,
                obj=obj,
                operation="edit",
                fields=sorted(form.changed_data),
            )

    def delete_model(self, request, obj):
        # Written first: the line names the row and its event, which the deletion removes.
        # (Rows go one by one: an admin mixing this in keeps "delete_selected" out of its
        # actions, or logs its delete_queryset too.)
        self.personal_data_record(
            request, PersonalDataAccess.Action.CHANGED, row_count=1, obj=obj, operation="delete"
        )
        super().delete_model(request, obj)


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


class SlugFromTitleMixin:
    """The slug may be left empty: it is then made from the first title given (the one
    `prepopulated_fields` reads, then the site's default language, then the others;
    Chinese in pinyin), unique among its rows.

    The admin's own script fills the slug from the English title while typing; a title
    written only in Chinese gets its slug on save.
    """

    slug_source = "title"

    def slug_sources(self) -> list[str]:
        codes = [settings.LANGUAGE_CODE] + [code for code, _name in settings.LANGUAGES]
        names = list(self.prepopulated_fields.get("slug", ()))
        names += [build_localized_fieldname(self.slug_source, code) for code in codes]
        return list(dict.fromkeys(names))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" not in form.base_fields:
            return form
        sources, model = self.slug_sources(), self.model

        class SlugFromTitleForm(form):
            def clean(self):
                cleaned = super().clean()
                if "slug" in self.fields and not cleaned.get("slug"):
                    text = next((cleaned[name] for name in sources if cleaned.get(name)), "")
                    slug = slug_from_text(text)
                    if slug:
                        cleaned["slug"] = slug_unique(model, slug, exclude_pk=self.instance.pk)
                    elif "slug" not in self.errors:
                        self.add_error(
                            "slug",
                            _(
                                "Write a slug: the title has no letters or Chinese characters "
                                "to make one from."
                            ),
                        )
                return cleaned

        SlugFromTitleForm.__name__ = form.__name__
        # After the class is made: a ModelForm subclass builds its fields anew from Meta.
        slug_field = SlugFromTitleForm.base_fields["slug"]
        slug_field.required = False
        slug_field.help_text = _(
            "Leave empty to make it from the English title, or from the Chinese title in pinyin."
        )
        return SlugFromTitleForm


def image_preview(image, alt=""):
    """A small rendition of an uploaded picture for staff, or a dash."""
    if not image:
        return "—"
    if not getattr(image, "_committed", True):
        # A file chosen in a form that came back with errors: it was never stored.
        return _("Not saved: choose the file again")
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


def detail_json(detail: dict) -> str:
    """A log line's detail for staff: compact JSON, or a dash."""
    if not detail:
        return "—"
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    return format_html("<code>{}</code>", text)


class AuditLogAdmin(ReadOnlyAdmin):
    """A log of `AuditRecord` lines: read only, the detail as a translated list, and on a
    line's page also as the JSON stored."""

    @admin.display(description=_("detail"))
    def detail_text(self, obj):
        return detail_html(obj.detail)

    @admin.display(description=_("detail as stored (JSON)"))
    def detail_raw(self, obj):
        return detail_json(obj.detail)


@admin.register(SecurityEvent)
class SecurityEventAdmin(AuditLogAdmin):
    """The security log: logins, refusals, second factors, password links."""

    list_display = ("created_at", "action", "username", "actor_name", "address", "detail_text")
    list_filter = ("action",)
    search_fields = ("username", "actor_name", "address")
    fields = (*list_display, "detail_raw")
    readonly_fields = fields


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(AuditLogAdmin):
    """The personal-data log: who saw, exported or changed which registrants' data."""

    list_display = (
        "created_at",
        "actor_name",
        "action",
        "subject",
        "object_id",
        "row_count",
        "detail_text",
    )
    list_filter = ("action", "subject")
    search_fields = ("actor_name", "object_id")
    date_hierarchy = "created_at"
    fields = (*list_display, "detail_raw")
    readonly_fields = fields


@admin.register(StaffEmail)
class StaffEmailAdmin(OutboxAdmin):
    """Emails to staff: notifications and digests, the failed-email alert."""

    list_display = ("created_at", "address", "key", "digest", "language", "state", "sent_at")
    search_fields = ("address", "key")
    fields = ("address", "recipient", "key", "digest", "language", *OutboxAdmin.outbox_fields)
    readonly_fields = fields


# Device rows hold the secret keys of authenticator apps: nobody sees or edits them here.
# Administrators reset an account's second factor from the list of users instead.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)

_User = get_user_model()
admin.site.unregister(_User)


@admin.register(_User)
class StaffUserAdmin(UserAdmin):
    """Django's users, with whether each has a second factor, and two actions for Site
    administrators: reset the second factor (a lost phone) and unlock after failed logins."""

    actions = ("reset_second_factor", "clear_failed_logins")
    list_display = (*UserAdmin.list_display, "has_second_factor")

    def get_queryset(self, request):
        apps_confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(apps_confirmed))

    @admin.display(description=_("second factor"), boolean=True, ordering="second_factor")
    def has_second_factor(self, obj):
        return obj.second_factor

    @admin.action(
        description=_("Reset the second factor of the selected accounts"),
        permissions=["manage_security"],
    )
    def reset_second_factor(self, request, queryset):
        count = sum(
            second_factor_reset(user=user, actor=request.user, request=request) for user in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d account sets up its second factor again at its next login.",
                "%(count)d accounts set up their second factor again at their next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unlock the selected accounts after failed logins"),
        permissions=["manage_security"],
    )
    def clear_failed_logins(self, request, queryset):
        count = sum(
            bool(
                login_failures_clear(
                    username=user.get_username(), actor=request.user, request=request
                )
            )
            for user in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d account unlocked.", "%(count)d accounts unlocked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_manage_security_permission(self, request):
        return is_site_administrator(request.user)
