"""Admin of the service catalogue for content editors, and of the service desk's queue."""

import json
import re
from urllib.parse import quote

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import get_translation_fields

from apps.core.admin import PublishingActionsMixin, TranslationCompletenessMixin
from apps.core.exports import rows_to_csv_response, rows_to_xlsx_response, safe_filename
from apps.core.services import STAFF_GROUP_SERVICE_DESK

from .applicant import SECTIONS, export_columns, export_value
from .models import (
    AuditEntry,
    CalendarDay,
    DocumentType,
    RequestDocument,
    RequestNotification,
    RequestStatistic,
    RequestTransition,
    RequiredDocument,
    ServiceItem,
    ServicePackage,
    ServiceRequest,
    ServiceStep,
)
from .services import (
    NOTE_REQUIRED,
    STAFF_TRANSITIONS,
    TransitionNotAllowed,
    document_open,
    export_record,
    request_assign,
    request_transition,
)

Status = ServiceRequest.Status

# Actions that write one row at a time: a page's worth, so staff wait seconds, not minutes.
MAX_REQUESTS_PER_ACTION = 100

# What each staff transition is called on buttons and in the list of actions.
TRANSITION_LABELS = {
    Status.IN_REVIEW: _("Start the review"),
    Status.INFO_REQUESTED: _("Ask for more information"),
    Status.APPROVED: _("Approve"),
    Status.REJECTED: _("Reject"),
    Status.COMPLETED: _("Mark as completed"),
}
STAFF_TARGETS = frozenset(target for targets in STAFF_TRANSITIONS.values() for target in targets)

# The only types a document is handed out as; anything else is a plain download.
DOCUMENT_CONTENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# Characters no file name should carry: path separators, quotes, controls, Windows' reserved.
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


# Answers the request's page shows through a method rather than the raw field.
SHOWN_AS = {"destination_countries": "destinations"}


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# --- The catalogue ---------------------------------------------------------------------------


class ServiceItemInline(TranslationTabularInline):
    """The services of a package, in order; documents and steps are edited on each service."""

    model = ServiceItem
    fields = ("title", "processing_days", "needs_travel_details", "position")
    extra = 0
    show_change_link = True


@admin.register(ServicePackage)
class ServicePackageAdmin(
    PublishingActionsMixin, TranslationCompletenessMixin, TabbedTranslationAdmin
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
    readonly_fields = ("translation_report",)
    inlines = (ServiceItemInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "audience", "description")}),
        (
            _("Practicalities"),
            {"fields": ("processing_days", "fees", "legal_basis", "contact_office")},
        ),
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


# --- The queue: filters ----------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """Each status, and all open requests at once (the queue still to be worked)."""

    title = _("status")
    parameter_name = "status"
    OPEN = "open"

    def lookups(self, request, model_admin):
        return ((self.OPEN, _("Open (not closed)")), *Status.choices)

    def queryset(self, request, queryset):
        if self.value() == self.OPEN:
            return queryset.open()
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


def desk_officers():
    """Active members of the service desk, the people a request can be given to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF_GROUP_SERVICE_DESK)
        .order_by("username")
    )


class AssignForm(forms.Form):
    """Whom the selected requests go to; empty gives them back to the queue."""

    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (back to the queue)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = desk_officers()
        self.fields["officer"].label_from_instance = _person


class OfficerFilter(admin.SimpleListFilter):
    """Mine, nobody's, or a named officer's requests."""

    title = _("officer")
    parameter_name = "officer"
    ME = "me"
    NOBODY = "none"

    def lookups(self, request, model_admin):
        user_model = get_user_model()
        # The desk's officers, and whoever still holds requests after leaving the desk.
        officers = user_model.objects.filter(
            Exists(
                Group.user_set.through.objects.filter(
                    user=OuterRef("pk"), group__name=STAFF_GROUP_SERVICE_DESK
                )
            )
            | Exists(ServiceRequest.objects.filter(officer=OuterRef("pk")))
        ).order_by("username")
        return (
            (self.ME, _("Assigned to me")),
            (self.NOBODY, _("Unassigned")),
            *((str(user.pk), _person(user)) for user in officers),
        )

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ME:
            return queryset.filter(officer=request.user)
        if value == self.NOBODY:
            return queryset.filter(officer__isnull=True)
        if value and value.isdigit():
            return queryset.filter(officer_id=int(value))
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    """Open requests past their due date."""

    title = _("overdue")
    parameter_name = "overdue"
    YES = "yes"

    def lookups(self, request, model_admin):
        return ((self.YES, _("Overdue")),)

    def queryset(self, request, queryset):
        if self.value() == self.YES:
            return queryset.overdue()
        return queryset


# --- The queue: the request's page -----------------------------------------------------------


class ReadOnlyInline(admin.TabularInline):
    """A log shown under the request: nothing added, changed or deleted here."""

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


class RequestDocumentInline(ReadOnlyInline):
    model = RequestDocument
    fields = ("original_name", "required_document", "content_type", "file_size", "view_link")
    verbose_name_plural = _("documents")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("required_document")

    @admin.display(description=_("size"))
    def file_size(self, obj):
        return filesizeformat(obj.size)

    @admin.display(description=_("file"))
    def view_link(self, obj):
        url = reverse(
            "admin:service_packages_servicerequest_document", args=[obj.request_id, obj.pk]
        )
        return format_html('<a href="{}">{}</a>', url, gettext("View"))


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
        return _person(obj.actor) or "—"


class RequestNotificationInline(ReadOnlyInline):
    model = RequestNotification
    fields = ("created_at", "kind", "state", "attempts", "sent_at", "last_error")


class TransitionForm(forms.Form):
    """What the applicant is told, and what only colleagues read."""

    note_to_applicant = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Sent to the applicant by email and shown when they track the request."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Never shown to the applicant."),
    )


def request_export(queryset):
    """The export's header and rows (a generator), in the active language."""
    answers = export_columns()
    header = (
        gettext("Reference"),
        gettext("Service package"),
        gettext("Status"),
        *(title for _name, title in answers),
        gettext("Submitted"),
        gettext("Due"),
        gettext("Officer"),
        gettext("Overdue"),
    )
    yes = gettext("yes")

    def rows():
        for obj in queryset.select_related("package", "officer").iterator(chunk_size=2000):
            yield (
                obj.reference,
                str(obj.package),
                obj.get_status_display(),
                *(export_value(obj, name) for name, _title in answers),
                timezone.localtime(obj.submitted_at).isoformat(timespec="seconds"),
                obj.due_on,
                _person(obj.officer),
                yes if obj.is_overdue else "",
            )

    return header, rows()


class _Counted:
    """Passes rows through and counts them (the export is logged with its size)."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _download_names(document: RequestDocument) -> tuple[str, str]:
    """(ASCII name, full name) of a document's download, neither able to leave its folder."""
    name = re.split(r"[\\/]", document.original_name)[-1]
    name = _UNSAFE_IN_NAME.sub("-", name).strip(" .-")
    stem, dot, extension = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", extension):
        stem = name
    # The extension follows what the file is, never what it was called.
    extension = DOCUMENT_CONTENT_TYPES.get(document.content_type, "bin")
    full = f"{document.request.reference}-{stem}".strip(" .-") + f".{extension}"
    return safe_filename(full), full


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
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
    list_display_links = ("reference",)
    list_filter = (StatusFilter, "package", OfficerFilter, OverdueFilter)
    list_select_related = ("package", "officer")
    search_fields = ("reference", "enterprise_name", "contact_name", "email")
    date_hierarchy = "submitted_at"
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
        return _person(obj.officer) or gettext("Nobody yet")

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

    def document_view(self, request, object_id, document_id):
        """A document as an attachment, for the service desk only; every view is logged."""
        if not request.user.has_perm("service_packages.view_requestdocument"):
            raise PermissionDenied
        document = get_object_or_404(
            RequestDocument.objects.select_related("request"),
            pk=document_id,
            request_id=object_id,
        )
        try:
            # A file lost from storage was not seen: its audit line goes with it.
            with transaction.atomic():
                handle = document_open(document=document, user=request.user)
        except FileNotFoundError:
            raise Http404 from None
        content_type = (
            document.content_type
            if document.content_type in DOCUMENT_CONTENT_TYPES
            else "application/octet-stream"
        )
        response = FileResponse(handle, content_type=content_type)
        ascii_name, full_name = _download_names(document)
        response["Content-Disposition"] = (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full_name, safe='')}"
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    def assign_to_me_view(self, request, object_id):
        if not self.may_work(request):
            raise PermissionDenied
        obj = get_object_or_404(ServiceRequest, pk=object_id)
        request_assign(request_id=obj.pk, officer=request.user, actor=request.user)
        self.message_user(
            request,
            gettext("%(reference)s is assigned to you.") % {"reference": obj.reference},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:service_packages_servicerequest_change", args=[obj.pk])
        )

    def transition_view(self, request, object_id, to_status):
        """One request's change of status from its page, with the notes."""
        if to_status not in STAFF_TARGETS:
            raise Http404
        if not self.may_work(request):
            raise PermissionDenied
        obj = get_object_or_404(ServiceRequest.objects.select_related("package"), pk=object_id)
        change_url = reverse("admin:service_packages_servicerequest_change", args=[obj.pk])
        form = TransitionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                request_transition(
                    request_id=obj.pk,
                    to_status=to_status,
                    actor=request.user,
                    note_to_applicant=form.cleaned_data["note_to_applicant"],
                    internal_note=form.cleaned_data["internal_note"],
                )
            except TransitionNotAllowed as exc:
                if exc.code != "note_required":
                    self.message_user(request, " ".join(exc.messages), messages.ERROR)
                    return HttpResponseRedirect(change_url)
                form.add_error("note_to_applicant", exc)
            else:
                self.message_user(
                    request,
                    gettext("%(reference)s is now “%(status)s”.")
                    % {"reference": obj.reference, "status": Status(to_status).label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        return self._transition_page(
            request, [obj], to_status, form, action=None, cancel_url=change_url
        )

    def dashboard_view(self, request):
        """Counts of the queue: by status, overdue, mine and nobody's (three queries)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        by_status = dict(
            ServiceRequest.objects.order_by()
            .values_list("status")
            .annotate(count=Count("pk"))
            .values_list("status", "count")
        )
        open_counts = ServiceRequest.objects.open().aggregate(
            mine=Count("pk", filter=Q(officer=request.user)),
            unassigned=Count("pk", filter=Q(officer__isnull=True)),
        )
        overdue = ServiceRequest.objects.overdue().count()
        changelist = reverse("admin:service_packages_servicerequest_changelist")

        def link(**params):
            return f"{changelist}?{urlencode(params)}"

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Service desk at a glance"),
            "statuses": [
                (value, label, by_status.get(value, 0), link(status=value))
                for value, label in Status.choices
            ],
            "total": sum(by_status.values()),
            "open_total": sum(by_status.get(value, 0) for value in ServiceRequest.OPEN_STATUSES),
            "open_link": link(status=StatusFilter.OPEN),
            "overdue": overdue,
            "overdue_link": link(overdue=OverdueFilter.YES),
            "mine": open_counts["mine"],
            "mine_link": link(status=StatusFilter.OPEN, officer=OfficerFilter.ME),
            "unassigned": open_counts["unassigned"],
            "unassigned_link": link(status=StatusFilter.OPEN, officer=OfficerFilter.NOBODY),
        }
        return TemplateResponse(
            request, "admin/service_packages/servicerequest/dashboard.html", context
        )

    # -- Actions

    def _selected(self, request, queryset):
        """The selected requests, or None (and a message) when there are too many."""
        selected = list(
            queryset.select_related("package", "officer").order_by("submitted_at", "pk")[
                : MAX_REQUESTS_PER_ACTION + 1
            ]
        )
        if len(selected) > MAX_REQUESTS_PER_ACTION:
            self.message_user(
                request,
                gettext("Select at most %(count)d requests at once.")
                % {"count": MAX_REQUESTS_PER_ACTION},
                messages.ERROR,
            )
            return None
        return selected

    @admin.action(description=_("Assign the selected requests to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        selected = self._selected(request, queryset)
        if selected is None:
            return
        assigned = [obj for obj in selected if obj.officer_id != request.user.pk]
        for obj in assigned:
            request_assign(request_id=obj.pk, officer=request.user, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d request assigned to you.",
                "%(count)d requests assigned to you.",
                len(assigned),
            )
            % {"count": len(assigned)},
            messages.SUCCESS,
        )
        if len(assigned) < len(selected):
            kept = len(selected) - len(assigned)
            self.message_user(
                request,
                ngettext(
                    "%(count)d request was already yours.",
                    "%(count)d requests were already yours.",
                    kept,
                )
                % {"count": kept},
                messages.INFO,
            )

    @admin.action(
        description=_("Assign the selected requests to an officer…"), permissions=["change"]
    )
    def assign_to_officer(self, request, queryset):
        selected = self._selected(request, queryset)
        if selected is None:
            return None
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            officer = form.cleaned_data["officer"]
            changed = 0
            for obj in selected:
                if obj.officer_id != (officer.pk if officer else None):
                    request_assign(request_id=obj.pk, officer=officer, actor=request.user)
                    changed += 1
            if officer is None:
                message = ngettext(
                    "%(count)d request given back to the queue.",
                    "%(count)d requests given back to the queue.",
                    changed,
                ) % {"count": changed}
            else:
                message = ngettext(
                    "%(count)d request assigned to %(officer)s.",
                    "%(count)d requests assigned to %(officer)s.",
                    changed,
                ) % {"count": changed, "officer": _person(officer)}
            self.message_user(request, message, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Assign requests to an officer"),
            "form": form,
            "requests": selected,
            "action": "assign_to_officer",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": reverse("admin:service_packages_servicerequest_changelist"),
        }
        return TemplateResponse(
            request, "admin/service_packages/servicerequest/assign.html", context
        )

    @admin.action(
        description=_("Start the review of the selected requests"), permissions=["change"]
    )
    def start_review(self, request, queryset):
        return self._transition_action(request, queryset, Status.IN_REVIEW, "start_review")

    @admin.action(
        description=_("Ask the applicants of the selected requests for more information"),
        permissions=["change"],
    )
    def request_information(self, request, queryset):
        return self._transition_action(
            request, queryset, Status.INFO_REQUESTED, "request_information"
        )

    @admin.action(description=_("Approve the selected requests"), permissions=["change"])
    def approve(self, request, queryset):
        return self._transition_action(request, queryset, Status.APPROVED, "approve")

    @admin.action(description=_("Reject the selected requests"), permissions=["change"])
    def reject(self, request, queryset):
        return self._transition_action(request, queryset, Status.REJECTED, "reject")

    @admin.action(description=_("Mark the selected requests as completed"), permissions=["change"])
    def complete(self, request, queryset):
        return self._transition_action(request, queryset, Status.COMPLETED, "complete")

    def _transition_action(self, request, queryset, to_status, action):
        """The confirmation page with the notes, then the change of each selected request."""
        selected = self._selected(request, queryset)
        if selected is None:
            return None
        movable = [obj for obj in selected if to_status in STAFF_TRANSITIONS.get(obj.status, ())]
        applying = "apply" in request.POST
        form = TransitionForm(request.POST if applying else None)
        if not movable:
            # Nothing to ask notes for: each row gets the workflow's own reason.
            self._apply_transition(request, selected, to_status, note="", internal="")
            return None
        if applying and form.is_valid():
            refusal = self._apply_transition(
                request,
                selected,
                to_status,
                note=form.cleaned_data["note_to_applicant"],
                internal=form.cleaned_data["internal_note"],
            )
            if refusal is None:
                return None
            form.add_error("note_to_applicant", refusal)
        return self._transition_page(request, selected, to_status, form, action=action)

    def _apply_transition(self, request, selected, to_status, *, note, internal):
        """Move each request; a missing note stops it all and is returned, nothing changed."""
        moved, refused = [], []
        for obj in selected:
            try:
                request_transition(
                    request_id=obj.pk,
                    to_status=to_status,
                    actor=request.user,
                    note_to_applicant=note,
                    internal_note=internal,
                )
            except TransitionNotAllowed as exc:
                if exc.code == "note_required":
                    # The same note goes to every row: if one lacks it, all do.
                    return exc
                refused.append((obj, exc))
            else:
                moved.append(obj)
        for obj, exc in refused:
            self.message_user(request, f"{obj.reference}: {' '.join(exc.messages)}", messages.ERROR)
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request is now “%(status)s”.",
                    "%(count)d requests are now “%(status)s”.",
                    len(moved),
                )
                % {"count": len(moved), "status": Status(to_status).label},
                messages.SUCCESS,
            )
        return None

    def _transition_page(self, request, selected, to_status, form, *, action, cancel_url=None):
        rows = [(obj, to_status in STAFF_TRANSITIONS.get(obj.status, ())) for obj in selected]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Change the status to “%(status)s”")
            % {"status": Status(to_status).label},
            "to_status": to_status,
            "button": TRANSITION_LABELS[to_status],
            "target": Status(to_status).label,
            "rows": rows,
            "skipped": sum(1 for _obj, allowed in rows if not allowed),
            "form": form,
            "note_required": to_status in NOTE_REQUIRED,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": cancel_url or request.get_full_path(),
        }
        return TemplateResponse(
            request, "admin/service_packages/servicerequest/transition.html", context
        )

    def _export_filters(self, request) -> str:
        return request.GET.urlencode()

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        header, rows = request_export(queryset)
        counted = _Counted(rows)
        response = rows_to_csv_response(self._export_name("csv"), header, counted)
        export_record(
            user=request.user,
            count=counted.count,
            file_format="csv",
            filters=self._export_filters(request),
        )
        return response

    @admin.action(description=_("Export as XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        header, rows = request_export(queryset)
        counted = _Counted(rows)
        response = rows_to_xlsx_response(
            self._export_name("xlsx"), header, counted, sheet_title=gettext("Service requests")
        )
        export_record(
            user=request.user,
            count=counted.count,
            file_format="xlsx",
            filters=self._export_filters(request),
        )
        return response

    def _export_name(self, extension):
        return f"service-requests-{timezone.localdate()}.{extension}"


# --- The record: audit log, statistics, the outbox -------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record nobody edits here, not even a superuser."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_name", "action", "reference", "detail_text")
    list_filter = ("action", "created_at")
    search_fields = ("reference", "actor_name")
    date_hierarchy = "created_at"
    fields = ("created_at", "actor_name", "action", "reference", "detail_text")
    readonly_fields = fields

    @admin.display(description=_("detail"))
    def detail_text(self, obj):
        if not obj.detail:
            return "—"
        return format_html(
            "<code>{}</code>", json.dumps(obj.detail, ensure_ascii=False, sort_keys=True)
        )


@admin.register(RequestStatistic)
class RequestStatisticAdmin(ReadOnlyAdmin):
    list_display = ("month", "package", "status", "enterprise_type", "count")
    list_filter = ("package", "status", "enterprise_type")
    list_select_related = ("package",)
    date_hierarchy = "month"


@admin.register(RequestNotification)
class RequestNotificationAdmin(ReadOnlyAdmin):
    """The applicants' outbox: what was sent, what waits, what failed and why."""

    list_display = ("request", "kind", "state", "attempts", "not_before", "sent_at")
    list_filter = ("state", "kind")
    list_select_related = ("request",)
    search_fields = ("request__reference",)
    fields = (
        "request",
        "kind",
        "state",
        "attempts",
        "not_before",
        "queued_at",
        "sent_at",
        "last_error",
        "created_at",
    )


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The holidays and make-up working days due dates are counted with."""

    list_display = ("day", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "day"
    search_fields = ("name",)
