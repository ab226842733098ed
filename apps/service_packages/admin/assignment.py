"""Giving requests to officers: from a request's page or as an action on the list."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.services import STAFF_GROUP_SERVICE_DESK

from ..models import ServiceRequest
from ..services import request_assign
from .common import person_name


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
        self.fields["officer"].label_from_instance = person_name


class AssignmentMixin:
    """Assign to me (a request's page and the list), assign to an officer (the list)."""

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
                ) % {"count": changed, "officer": person_name(officer)}
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
