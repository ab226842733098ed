"""The service desk's queue: the list of requests and a request's page."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from modeltranslation.utils import get_translation_fields

from apps.core.admin import ReadOnlyInline

from ..applicant import SECTIONS
from ..models import RequestNotification, RequestTransition, ServiceRequest
from ..services import STAFF_TRANSITIONS
from ..tracking_forms import normalised_reference
from .assignment import AssignmentMixin
from .common import SelectionMixin, person_name
from .dashboard import DashboardMixin
from .documents import DocumentsMixin, RequestDocumentInline
from .exports import ExportsMixin
from .filters import DueFilter, OfficerFilter, OverdueFilter, StatusFilter, SubmittedFilter
from .transitions import TRANSITION_LABELS, TransitionsMixin

# Answers the request's page shows through a method rather than the raw field.
SHOWN_AS = {"destination_countries": "destinations"}


class QueueChangeList(ChangeList):
    """The queue's list reads only the columns it shows; actions and exports get whole rows."""

    def get_results(self, request):
        fields = {field.name for field in self.lookup_opts.concrete_fields}
        self.queryset = self.queryset.only(
            *(name for name in self.list_display if name in fields),
            *self.model_admin.list_display_reads,
            # str() of a package is its title in the first language of the fallback chain
            # that has one, else its slug; str() of an officer is the username.
            "package__slug",
            *(f"package__{name}" for name in get_translation_fields("title")),
            f"officer__{get_user_model().USERNAME_FIELD}",
        )
        super().get_results(request)


class RequestTransitionInline(ReadOnlyInline):
    model = RequestTransition
    fields = (
        "created_at",
        "from_status",
        "to_status",
        "by",
        "note_to_applicant",
        "internal_note",
        "message_from_applicant",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("by"))
    def by(self, obj):
        if obj.by_applicant:
            return gettext("the applicant")
        return person_name(obj.actor) or "—"


class RequestNotificationInline(ReadOnlyInline):
    model = RequestNotification
    fields = ("created_at", "kind", "state", "attempts", "sent_at", "last_error")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(
    DashboardMixin,
    DocumentsMixin,
    AssignmentMixin,
    TransitionsMixin,
    ExportsMixin,
    SelectionMixin,
    admin.ModelAdmin,
):
    """The service desk's queue: requests change only through the workflow's actions."""

    list_display = (
        "reference",
        "enterprise_name",
        "package",
        "status",
        "officer",
        "submitted_at",
        "due_on",
        "overdue",
    )
    # What the computed columns of `list_display` read (`overdue`: `is_overdue`).
    list_display_reads = ("status", "due_on")
    list_display_links = ("reference",)
    list_filter = (
        StatusFilter,
        "package",
        OfficerFilter,
        OverdueFilter,
        DueFilter,
        ("submitted_at", SubmittedFilter),
    )
    list_select_related = ("package", "officer")
    # Each has a trigram index (migration 0008); a whole reference is looked up exactly.
    search_fields = ("reference", "enterprise_name", "contact_name", "email")
    # At 50,000 requests, counting the unfiltered table again on every filtered page is
    # a scan for a number nobody reads ("Show all" takes its place).
    show_full_result_count = False
    readonly_fields = ("package_title", "services", "overdue", "destinations", "officer_name")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "package_title",
                    "services",
                    "status",
                    "officer_name",
                    "due_on",
                    "overdue",
                )
            },
        ),
        # The applicant's answers, as `ServiceRequest.APPLICANT_SECTIONS` groups them.
        *(
            (title, {"fields": tuple(SHOWN_AS.get(name, name) for name in names)})
            for title, names in SECTIONS
        ),
        (
            _("History"),
            {
                "fields": (
                    "submitted_at",
                    "consent_processing_at",
                    "consent_policy_news_at",
                    "decided_at",
                    "closed_at",
                )
            },
        ),
    )
    inlines = (RequestDocumentInline, RequestTransitionInline, RequestNotificationInline)
    actions = (
        "assign_to_me",
        "assign_to_officer",
        "start_review",
        "request_information",
        "approve",
        "reject",
        "complete",
        "export_csv",
        "export_xlsx",
    )
    change_list_template = "admin/service_packages/servicerequest/change_list.html"
    change_form_template = "admin/service_packages/servicerequest/change_form.html"

    # -- Permissions: enterprises submit on the site, retention deletes, staff only act.

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The request's page is read-only: officers never edit what the applicant sent.
        # The change permission is what the workflow's actions and buttons need.
        if obj is not None:
            return False
        return super().has_change_permission(request)

    def may_work(self, request) -> bool:
        return super().has_change_permission(request)

    # -- The list

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_search_results(self, request, queryset, search_term):
        # A whole reference, as people paste it, is one row of the unique index; part of
        # one, a name or an email goes through search_fields.
        reference = normalised_reference(search_term)
        if reference is not None:
            return queryset.filter(reference=reference), False
        return super().get_search_results(request, queryset, search_term)

    # -- Columns and fields

    @admin.display(description=_("overdue"))
    def overdue(self, obj):
        if not obj.is_overdue:
            return ""
        return format_html('<strong class="request-overdue">{}</strong>', gettext("Overdue"))

    @admin.display(description=_("service package"))
    def package_title(self, obj):
        return str(obj.package)

    @admin.display(description=_("services"))
    def services(self, obj):
        return ", ".join(str(item) for item in obj.items.all()) or "—"

    @admin.display(description=_("destination countries"))
    def destinations(self, obj):
        return ", ".join(str(country.name) for country in obj.destination_countries) or "—"

    @admin.display(description=_("officer"))
    def officer_name(self, obj):
        return person_name(obj.officer) or gettext("Nobody yet")

    # -- Pages of its own: documents, one request's transition, the dashboard

    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="service_packages_servicerequest_dashboard",
            ),
            path(
                "<int:object_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(require_safe(self.document_view)),
                name="service_packages_servicerequest_document",
            ),
            path(
                "<int:object_id>/assign-to-me/",
                self.admin_site.admin_view(require_POST(self.assign_to_me_view)),
                name="service_packages_servicerequest_assign_to_me",
            ),
            path(
                "<int:object_id>/status/<slug:to_status>/",
                self.admin_site.admin_view(self.transition_view),
                name="service_packages_servicerequest_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and self.may_work(request):
            extra_context["workflow_buttons"] = [
                (
                    TRANSITION_LABELS[target],
                    reverse(
                        "admin:service_packages_servicerequest_transition",
                        args=[obj.pk, target],
                    ),
                )
                for target in TRANSITION_LABELS
                if target in STAFF_TRANSITIONS.get(obj.status, ())
            ]
            if obj.officer_id != request.user.pk:
                extra_context["assign_to_me_url"] = reverse(
                    "admin:service_packages_servicerequest_assign_to_me", args=[obj.pk]
                )
        return super().change_view(request, object_id, form_url, extra_context)
