"""Admin of the programme for content editors, and of its registrations."""

import logging
from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from apps.core.admin import (
    CountryFilter,
    OutboxAdmin,
    PersonalDataAdminMixin,
    PublishingActionsMixin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    SlugFromTitleMixin,
    TranslationCompletenessMixin,
    audit_filters,
    image_preview,
)
from apps.core.exports import rows_to_csv_response, rows_to_xlsx_response
from apps.core.models import PersonalDataAccess
from apps.core.services import staff_language

from . import admin_messages  # noqa: F401 - registers "Write to registrants" and its lists
from .emails import sample_reminder_message
from .forms import EventAdminForm
from .models import (
    Delivery,
    Event,
    EventSeries,
    Registration,
    RegistrationSummary,
    ReminderOffset,
)
from .registrations import (
    PlaceNotFree,
    RegistrationClosed,
    registration_cancel,
    registration_confirm_from_waitlist,
)
from .services import event_create, event_create_next_edition, event_set_status, event_update

logger = logging.getLogger(__name__)

# A test reminder is sent while staff wait for the page: a few at a time.
TEST_REMINDER_LIMIT = 10


@admin.register(EventSeries)
class EventSeriesAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = ("name", "slug", "status", "translation_completeness")
    list_filter = ("status",)
    search_fields = (*get_translation_fields("name"), "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    slug_source = "name"
    readonly_fields = ("translation_report",)


class ReminderOffsetFormSet(BaseInlineFormSet):
    """An event's reminders: no two at the same time, however they are written."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or (
                self.can_delete and self._should_delete_form(form)
            ):
                continue
            amount, unit = form.cleaned_data.get("amount"), form.cleaned_data.get("unit")
            if not amount or unit not in ReminderOffset.UNIT_MINUTES:
                continue
            # The database compares minutes, a column the form does not have, so
            # Django's own uniqueness check cannot see that 60 minutes is 1 hour.
            minutes = amount * ReminderOffset.UNIT_MINUTES[unit]
            if minutes in seen:
                raise ValidationError(
                    _("Two reminders are at the same time (%(time)s). Keep only one of them."),
                    code="duplicate_reminder",
                    params={"time": ReminderOffset.describe(minutes)},
                )
            seen.add(minutes)

    def reminder_offsets(self) -> list[tuple[int, str]]:
        """(amount, unit) of the rows kept: the existing ones and the new ones filled in."""
        offsets = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            data = getattr(form, "cleaned_data", {})
            if data.get("amount") and data.get("unit"):
                offsets.append((data["amount"], data["unit"]))
        return offsets


class ReminderOffsetInline(admin.TabularInline):
    """When confirmed participants are reminded; a new event starts with the defaults."""

    model = ReminderOffset
    formset = ReminderOffsetFormSet
    fields = ("amount", "unit")
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        return len(ReminderOffset.DEFAULTS) if obj is None else 0


class DeliveryProblemFilter(admin.SimpleListFilter):
    """Events whose registrants' emails need a look."""

    title = _("email deliveries")
    parameter_name = "deliveries"

    PROBLEMS = "problems"
    PENDING = "pending"

    def lookups(self, request, model_admin):
        return (
            (self.PROBLEMS, _("Failed or missed")),
            (self.PENDING, _("Waiting to be sent")),
        )

    def queryset(self, request, queryset):
        states = {
            self.PROBLEMS: (Delivery.State.FAILED, Delivery.State.MISSED),
            self.PENDING: Delivery.OPEN_STATES,
        }.get(self.value())
        if states is None:
            return queryset
        # EXISTS, not a join: an event with many deliveries is listed once.
        return queryset.filter(
            Exists(Delivery.objects.filter(registration__event=OuterRef("pk"), state__in=states))
        )


def _registration_count(status):
    counts = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


def _staff_language(request) -> str:
    """The staff member's remembered admin language, else the language of this page."""
    if getattr(request.user, "staff_language", None) is not None:
        return staff_language(request.user)
    return getattr(request, "LANGUAGE_CODE", None) or staff_language(request.user)


@admin.register(Event)
class EventAdmin(
    SlugFromTitleMixin, PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    form = EventAdminForm
    list_display = (
        "title",
        "starts_at",
        "event_status",
        "venue",
        "series",
        "registrations",
        "status",
        "translation_completeness",
    )
    list_filter = (
        "status",
        "event_status",
        "category",
        "is_online",
        DeliveryProblemFilter,
        "series",
        "partner_cities",
    )
    date_hierarchy = "starts_at"
    search_fields = (*get_translation_fields("title"), "slug")
    list_select_related = ("venue", "series")
    prepopulated_fields = {"slug": ("title_en",)}
    slug_source = "title"
    autocomplete_fields = ("venue", "series")
    filter_horizontal = ("partner_cities", "languages")
    readonly_fields = ("image_preview", "sequence", "translation_report")
    actions = (
        "publish",
        "unpublish",
        "archive",
        "cancel_events",
        "postpone_events",
        "create_next_editions",
        "send_test_reminder",
    )
    inlines = (ReminderOffsetInline,)
    change_form_template = "admin/events/event/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("title", "slug", "series", "category", "summary", "body")}),
        (
            _("When"),
            {
                "fields": (
                    "starts_at",
                    "ends_at",
                    "time_zone",
                    "all_day",
                    "event_status",
                    "sequence",
                )
            },
        ),
        (_("Where"), {"fields": ("venue", "location", "is_online", "join_url")}),
        (_("Who"), {"fields": ("organiser", "partner_cities", "languages")}),
        (
            _("Registration"),
            {
                "fields": (
                    "takes_registrations",
                    "capacity",
                    "address_confirmation",
                    "registration_opens_at",
                    "registration_closes_at",
                )
            },
        ),
        (_("Picture"), {"fields": ("image_preview", "image", "image_alt")}),
        (_("Publishing"), {"fields": ("status", "publish_at")}),
        (
            _("Translations and sample data"),
            {"fields": ("translation_report", "is_sample", "sample_note")},
        ),
    )

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return image_preview(obj.image, obj.image_alt)

    def get_queryset(self, request):
        # Counted in subqueries: one query for the whole list, however long.
        return (
            super()
            .get_queryset(request)
            .annotate(
                registrations_confirmed=_registration_count(Registration.Status.CONFIRMED),
                registrations_waitlisted=_registration_count(Registration.Status.WAITLISTED),
                registrations_held=_registration_count(Registration.Status.HELD),
            )
        )

    @admin.display(description=_("registrations"), ordering="registrations_confirmed")
    def registrations(self, obj):
        confirmed = getattr(obj, "registrations_confirmed", 0)
        waiting = getattr(obj, "registrations_waitlisted", 0)
        # Held places are taken until their hold expires: without them the column would
        # promise places the register form no longer offers.
        held = getattr(obj, "registrations_held", 0)
        if not obj.takes_registrations and not (confirmed or waiting or held):
            return "—"
        if obj.capacity is None:
            text = gettext("%(confirmed)d confirmed") % {"confirmed": confirmed}
        else:
            text = gettext("%(confirmed)d/%(capacity)d confirmed") % {
                "confirmed": confirmed,
                "capacity": obj.capacity,
            }
        if held:
            text += ", " + ngettext(
                "%(count)d place held until confirmed",
                "%(count)d places held until confirmed",
                held,
            ) % {"count": held}
        if waiting:
            text += ", " + ngettext(
                "%(count)d on the waitlist", "%(count)d on the waitlist", waiting
            ) % {"count": waiting}
        # To the counts page, which everyone who sees the event may open; the names are
        # one click further, for the "Event registrations" group only.
        url = reverse("admin:events_event_registration_counts", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, text)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ReminderOffsetInline) and obj.pk is None and request.method != "POST":
            # Only shown, never compared: the rows are saved as posted (Django would
            # skip a prefilled row left unchanged, and the event would lose it).
            kwargs["initial"] = [
                {"amount": amount, "unit": unit} for amount, unit in ReminderOffset.DEFAULTS
            ]
        return kwargs

    def save_model(self, request, obj, form, change):
        # Saved in save_related, with the reminder rows, by one call of the service.
        venue = obj.venue
        if venue and venue.capacity and obj.capacity and obj.capacity > venue.capacity:
            self.message_user(
                request,
                _(
                    "Warning: this event offers %(places)s places but %(venue)s holds "
                    "%(capacity)s people."
                )
                % {"places": obj.capacity, "venue": venue, "capacity": venue.capacity},
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        offset_formsets = [fs for fs in formsets if isinstance(fs, ReminderOffsetFormSet)]
        # Without the inline (no permission for it) the reminders stay as they are.
        offsets = offset_formsets[0].reminder_offsets() if offset_formsets else None
        if change:
            event_update(event=form.instance, reminder_offsets=offsets)
        else:
            event_create(event=form.instance, reminder_offsets=offsets)
        form.save_m2m()
        for formset in formsets:
            # The service wrote the reminder rows; the formset only lists them for the
            # history's change message.
            formset.save(commit=not isinstance(formset, ReminderOffsetFormSet))

    def _set_event_status(self, request, queryset, status, message):
        count = 0
        for event in queryset:
            try:
                event_set_status(event=event, status=status)
            except ValidationError as exc:
                # One event that fails validation must not cost the others a 500.
                self.message_user(request, f"{event}: {' '.join(exc.messages)}", messages.ERROR)
                continue
            count += 1
        self.message_user(
            request,
            message % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel the selected events"), permissions=["change"])
    def cancel_events(self, request, queryset):
        self._set_event_status(
            request, queryset, Event.Status.CANCELLED, _("%(count)d %(items)s cancelled.")
        )

    @admin.action(description=_("Postpone the selected events"), permissions=["change"])
    def postpone_events(self, request, queryset):
        self._set_event_status(
            request, queryset, Event.Status.POSTPONED, _("%(count)d %(items)s postponed.")
        )

    @admin.action(
        description=_("Create the next edition of the selected events"), permissions=["add"]
    )
    def create_next_editions(self, request, queryset):
        copies = [event_create_next_edition(event=event) for event in queryset]
        if len(copies) == 1:
            self.message_user(request, _("Next edition created as a draft."), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:events_event_change", args=[copies[0].pk]))
        self.message_user(
            request,
            _("%(count)d next editions created as drafts.") % {"count": len(copies)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Send me a test reminder"), permissions=["view"])
    def send_test_reminder(self, request, queryset):
        """A sample reminder of each selected event, to the staff member's own address."""
        if not request.user.email:
            self.message_user(
                request,
                _("Your account has no email address. Add one to your account first."),
                messages.ERROR,
            )
            return
        events = list(queryset[: TEST_REMINDER_LIMIT + 1])
        if len(events) > TEST_REMINDER_LIMIT:
            self.message_user(
                request,
                _("Select at most %(count)d events for test reminders.")
                % {"count": TEST_REMINDER_LIMIT},
                messages.ERROR,
            )
            return
        language = _staff_language(request)
        for event in events:
            try:
                sample_reminder_message(event, user=request.user, language=language).send()
            except Exception as exc:
                # The mail server is down or refused: staff are told, never a 500.
                logger.warning("Test reminder of event %s not sent: %s", event.pk, exc)
                self.message_user(
                    request,
                    _(
                        "The test reminder of “%(event)s” could not be sent: the mail "
                        "server did not accept it (%(error)s). Please try again later."
                    )
                    % {"event": event, "error": f"{type(exc).__name__}: {exc}"[:200]},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                _("A test reminder of “%(event)s” was sent to %(email)s.")
                % {"event": event, "email": request.user.email},
                messages.SUCCESS,
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(require_POST(self.next_edition_view)),
                name="events_event_next_edition",
            ),
            path(
                "<int:pk>/registrations/",
                self.admin_site.admin_view(self.registration_counts_view),
                name="events_event_registration_counts",
            ),
            *super().get_urls(),
        ]

    def registration_counts_view(self, request, pk):
        """How many registered for one event, by status, and the places left: counts only,
        for everyone who may see the event; who they are is in the registrations list."""
        event = get_object_or_404(Event, pk=pk)
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        counts = dict(
            Registration.objects.filter(event=event)
            .order_by()
            .values_list("status")
            .annotate(count=Count("pk"))
        )
        summary = RegistrationSummary.objects.filter(event=event).first()
        registrants_url = None
        if request.user.has_perm("events.view_registration"):
            registrants_url = "{}?{}".format(
                reverse("admin:events_registration_changelist"),
                urlencode({"event__id__exact": event.pk}),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Registrations for %(event)s") % {"event": event},
            "opts": self.opts,
            "original": event,
            "counts": [
                (label, counts.get(value, 0)) for value, label in Registration.Status.choices
            ],
            "places_left": event.places_left(),
            "summary": summary,
            "summary_counts": [
                (RegistrationSummary._meta.get_field(name).verbose_name, getattr(summary, name))
                for name in ("confirmed", "waitlisted", "cancelled", "reminders_sent")
            ]
            if summary
            else [],
            "registrants_url": registrants_url,
        }
        return TemplateResponse(request, "admin/events/event/registration_counts.html", context)

    def next_edition_view(self, request, pk):
        """The change form's button: one click copies this edition to next year."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=pk)
        copy = event_create_next_edition(event=event)
        self.message_user(request, _("Next edition created as a draft."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[copy.pk]))

    def view_on_site(self, obj):
        return obj.get_absolute_url()


# --- Registrations ---------------------------------------------------------------------


class DeliveryInline(ReadOnlyInline):
    """The emails of one registration and what became of each: a log, not a form."""

    model = Delivery
    fields = ("email", "due_at", "state", "attempts", "sent_at", "last_error")
    ordering = ("due_at", "pk")

    @admin.display(description=_("email"))
    def email(self, obj):
        return str(obj)


class RegistrationAdminForm(forms.ModelForm):
    """Staff correct a registrant's details; the place itself changes through actions."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        # The constraint's other column, the event, is read-only here, so Django's
        # own constraint check would not run and a duplicate would end in a 500.
        taken = (
            Registration.objects.filter(event_id=self.instance.event_id, email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise ValidationError(
                _("This email address is already registered for this event."), code="taken"
            )
        return email


def _iso(moment: datetime | None) -> str:
    """A timestamp as staff in Beijing read it, in a form spreadsheets sort correctly."""
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def registration_export(queryset):
    """The export's file name (without extension), header and rows, in the active language."""
    registrations = list(
        queryset.select_related("event").order_by("event__starts_at", "event_id", "created_at")
    )
    header = (
        gettext("Event"),
        gettext("Name"),
        gettext("Email"),
        gettext("Organisation"),
        gettext("Country code"),
        gettext("Country or region"),
        gettext("Language"),
        gettext("Time zone"),
        gettext("Status"),
        gettext("Registered at"),
        gettext("Place confirmed at"),
        gettext("Cancelled at"),
    )
    rows = [
        (
            str(registration.event),
            registration.name,
            registration.email,
            registration.organisation,
            registration.country.code,
            registration.country.name,
            registration.get_language_display(),
            registration.time_zone,
            registration.get_status_display(),
            _iso(registration.created_at),
            _iso(registration.confirmed_at),
            _iso(registration.cancelled_at),
        )
        for registration in registrations
    ]
    today = timezone.localdate()
    slugs = {registration.event.slug for registration in registrations}
    name = f"registrations-{slugs.pop()}-{today}" if len(slugs) == 1 else f"registrations-{today}"
    return name, header, rows


# A log line names at most this many events of the rows it is about, and counts the rest.
LOGGED_EVENTS = 20


def _events_logged(registrations) -> dict:
    """The events of some registrations as a personal-data log line names them."""
    events = list(
        Event.objects.filter(pk__in=registrations.order_by().values("event_id"))
        .order_by("pk")
        .values_list("pk", "slug")
    )
    detail = {"events": [{"id": pk, "slug": slug} for pk, slug in events[:LOGGED_EVENTS]]}
    if len(events) > LOGGED_EVENTS:
        detail["more_events"] = len(events) - LOGGED_EVENTS
    return detail


@admin.register(Registration)
class RegistrationAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    """Who registered for which event; places change only through the actions. Only the
    "Event registrations" group sees it, and each list, page, export and action is
    written to the personal-data log."""

    form = RegistrationAdminForm
    list_display = (
        "event",
        "name",
        "email",
        "status",
        "language",
        "country",
        "created_at",
    )
    list_display_links = ("name",)
    list_filter = (
        "status",
        "language",
        CountryFilter,
        # Only the events that have registrations: the full programme is a long list.
        ("event", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("event",)
    search_fields = ("name", "email", "organisation")
    date_hierarchy = "created_at"
    readonly_fields = (
        "event",
        "status",
        "held_until",
        "consented_at",
        "address_confirmed_at",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "updated_at",
    )
    fieldsets = (
        # A held place shows until when; staff see whether the address was confirmed.
        (None, {"fields": ("event", "status", "held_until")}),
        (
            _("Registrant"),
            {"fields": ("name", "email", "organisation", "country", "language", "time_zone")},
        ),
        (
            _("History"),
            {
                "fields": (
                    "consented_at",
                    "created_at",
                    "address_confirmed_at",
                    "confirmed_at",
                    "waitlisted_at",
                    "cancelled_at",
                    "updated_at",
                )
            },
        ),
    )
    inlines = (DeliveryInline,)
    actions = ("confirm_from_waitlist", "cancel_registrations", "export_csv", "export_xlsx")

    def has_add_permission(self, request):
        # Visitors register on the site, where consent is given.
        return False

    def personal_data_detail(self, request, *, obj=None):
        if obj is None:
            return {}
        return {"event": {"id": obj.event_id, "slug": obj.event.slug}}

    def _record_change(self, request, queryset, operation, *, count, skipped):
        self.personal_data_record(
            request,
            PersonalDataAccess.Action.CHANGED,
            row_count=count,
            operation=operation,
            skipped=skipped,
            **_events_logged(queryset),
        )

    def has_delete_permission(self, request, obj=None):
        # Deleting a place would skip the waitlist; only a cancelled one can go (the
        # registrant asked to be erased before the automatic deletion).
        if obj is not None and obj.status != Registration.Status.CANCELLED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The email log goes with its registration, though no one deletes it by hand.
        perms_needed.discard(Delivery._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    @admin.action(
        description=_("Move from the waitlist to a confirmed place"), permissions=["change"]
    )
    def confirm_from_waitlist(self, request, queryset):
        moved = skipped = 0
        # First come, first served when there are fewer places than people selected.
        for registration in queryset.select_related("event").order_by("waitlisted_at", "pk"):
            if registration.status != Registration.Status.WAITLISTED:
                skipped += 1
                continue
            try:
                result = registration_confirm_from_waitlist(registration_id=registration.pk)
            except (PlaceNotFree, RegistrationClosed) as exc:
                self.message_user(request, f"{registration.name}: {exc}", messages.ERROR)
                continue
            if result.status == Registration.Status.CONFIRMED:
                moved += 1
            else:
                skipped += 1
        self._record_change(
            request, queryset, "confirm_from_waitlist", count=moved, skipped=skipped
        )
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration moved to a confirmed place.",
                    "%(count)d registrations moved to a confirmed place.",
                    moved,
                )
                % {"count": moved},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration skipped: not on the waitlist.",
                    "%(count)d registrations skipped: not on the waitlist.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        cancelled = skipped = 0
        for registration in queryset.order_by("created_at", "pk"):
            if registration.status == Registration.Status.CANCELLED:
                skipped += 1
                continue
            registration_cancel(registration_id=registration.pk)
            cancelled += 1
        self._record_change(request, queryset, "cancel", count=cancelled, skipped=skipped)
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled; the registrant is told by email.",
                "%(count)d registrations cancelled; the registrants are told by email.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration was already cancelled.",
                    "%(count)d registrations were already cancelled.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def _record_export(self, request, queryset, rows, file_format):
        self.personal_data_record(
            request,
            PersonalDataAccess.Action.EXPORTED,
            row_count=len(rows),
            format=file_format,
            filters=audit_filters(request.GET),
            **_events_logged(queryset),
        )

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        name, header, rows = registration_export(queryset)
        response = rows_to_csv_response(f"{name}.csv", header, rows)
        self._record_export(request, queryset, rows, "csv")
        return response

    @admin.action(description=_("Export as XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        name, header, rows = registration_export(queryset)
        response = rows_to_xlsx_response(
            f"{name}.xlsx", header, rows, sheet_title=gettext("Registrations")
        )
        self._record_export(request, queryset, rows, "xlsx")
        return response


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdminMixin, OutboxAdmin):
    """The registrants' outbox: what was sent, what waits, what failed or was missed. It
    names the registrants, so it is the "Event registrations" group's, and logged."""

    list_display = ("__str__", "registration_name", "event", "due_at", "state", "attempts")
    list_filter = ("state", "kind")
    list_select_related = ("registration__event",)
    search_fields = ("registration__email", "registration__name")
    date_hierarchy = "due_at"
    fields = (
        "registration",
        "kind",
        "offset_minutes",
        "event_sequence",
        "due_at",
        *OutboxAdmin.outbox_fields,
    )

    def personal_data_detail(self, request, *, obj=None):
        if obj is None:
            return {}
        return {"registration": obj.registration_id}

    @admin.action(description=OutboxAdmin.send_again.short_description, permissions=["resend"])
    def send_again(self, request, queryset):
        # An action on registrants' emails like the registrations' own: one line, with
        # how many went back in the queue (the ones failed or missed) and their events.
        again = queryset.filter(state__in=(Delivery.State.FAILED, Delivery.State.MISSED))
        count = again.count()
        response = super().send_again(request, queryset)
        self.personal_data_record(
            request,
            PersonalDataAccess.Action.CHANGED,
            row_count=count,
            operation="send_again",
            **_events_logged(Registration.objects.filter(deliveries__in=queryset)),
        )
        return response

    @admin.display(description=_("registrant"), ordering="registration__name")
    def registration_name(self, obj):
        return obj.registration.name

    @admin.display(description=_("event"), ordering="registration__event__starts_at")
    def event(self, obj):
        return obj.registration.event


@admin.register(RegistrationSummary)
class RegistrationSummaryAdmin(ReadOnlyAdmin):
    """What is kept of an event's registrations after the personal data was deleted."""

    list_display = ("event", "confirmed", "waitlisted", "cancelled", "reminders_sent", "purged_at")
    list_select_related = ("event",)
    date_hierarchy = "purged_at"
    fields = (
        "event",
        "confirmed",
        "waitlisted",
        "cancelled",
        "reminders_sent",
        "by_language",
        "by_country",
        "purged_at",
    )
