"""Changes of status by staff: a request's buttons and the list's actions, with the notes."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import ServiceRequest
from ..services import NOTE_REQUIRED, STAFF_TRANSITIONS, TransitionNotAllowed, request_transition
from .common import Status

# What each staff transition is called on buttons and in the list of actions.
TRANSITION_LABELS = {
    Status.IN_REVIEW: _("Start the review"),
    Status.INFO_REQUESTED: _("Ask for more information"),
    Status.APPROVED: _("Approve"),
    Status.REJECTED: _("Reject"),
    Status.COMPLETED: _("Mark as completed"),
}
STAFF_TARGETS = frozenset(target for targets in STAFF_TRANSITIONS.values() for target in targets)


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


def _language_name(code: str) -> str:
    """`Russian (Русский)` in the English admin; a name the same in both is said once."""
    info = get_language_info(code)
    translated, local = str(info["name_translated"]), info["name_local"]
    return translated if translated == local else f"{translated} ({local})"


def applicant_languages_note(service_requests) -> str:
    """Which language the applicants of these requests read, said to the officer writing."""
    codes = list(dict.fromkeys(obj.language for obj in service_requests if obj.language))
    if not codes:
        return ""
    if len(codes) == 1:
        return gettext(
            "The applicant reads %(language)s: write in that language or in English."
        ) % {"language": _language_name(codes[0])}
    return gettext(
        "The selected applicants read %(languages)s: the same note goes to each of them, "
        "so write it in English."
    ) % {"languages": ", ".join(_language_name(code) for code in codes)}


class TransitionsMixin:
    """The workflow's buttons on a request's page and its actions on the list."""

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
            "applicant_languages": applicant_languages_note(selected),
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": cancel_url or request.get_full_path(),
        }
        return TemplateResponse(
            request, "admin/service_packages/servicerequest/transition.html", context
        )
