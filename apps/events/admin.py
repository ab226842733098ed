"""Admin of the programme for content editors."""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from apps.core.admin import PublishingActionsMixin, TranslationCompletenessMixin, image_preview

from .forms import EventAdminForm
from .models import Event, EventSeries
from .services import event_create_next_edition, event_set_status


@admin.register(EventSeries)
class EventSeriesAdmin(
    PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
):
    list_display = ("name", "slug", "status", "translation_completeness")
    list_filter = ("status",)
    search_fields = (*get_translation_fields("name"), "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("translation_report",)


@admin.register(Event)
class EventAdmin(PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin):
    form = EventAdminForm
    list_display = (
        "title",
        "starts_at",
        "event_status",
        "venue",
        "series",
        "status",
        "translation_completeness",
    )
    list_filter = ("status", "event_status", "category", "is_online", "series", "partner_cities")
    date_hierarchy = "starts_at"
    search_fields = (*get_translation_fields("title"), "slug")
    list_select_related = ("venue", "series")
    prepopulated_fields = {"slug": ("title_en",)}
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
    )
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
            {"fields": ("capacity", "registration_opens_at", "registration_closes_at")},
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
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

    def get_urls(self):
        return [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(require_POST(self.next_edition_view)),
                name="events_event_next_edition",
            ),
            *super().get_urls(),
        ]

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
