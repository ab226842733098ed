"""The queue's filters: status (and all open), officer (me, nobody, a name), overdue, and
when a request was submitted."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.services import STAFF_GROUP_SERVICE_DESK

from ..models import ServiceRequest
from .common import Status, person_name


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
            *((str(user.pk), person_name(user)) for user in officers),
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


class DueFilter(admin.SimpleListFilter):
    """Requests that fall due this week (Beijing days), still waiting for the desk."""

    title = _("due date")
    parameter_name = "due"
    THIS_WEEK = "week"

    def lookups(self, request, model_admin):
        return ((self.THIS_WEEK, _("Due this week")),)

    def queryset(self, request, queryset):
        if self.value() == self.THIS_WEEK:
            return queryset.due_this_week()
        return queryset


class SubmittedFilter(admin.DateFieldListFilter):
    """Today, the past 7 days, this month, this year, and each of the two years before.

    Instead of a date hierarchy, whose years are a query over the whole table on every page
    of the list: these choices cost no query, and each reads a range of the index on
    `submitted_at`.
    """

    # Closed requests are purged a year after closing (SERVICE_REQUEST_RETENTION_DAYS):
    # two years back cover nearly all a queue keeps.
    YEARS_BEFORE = 2

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        # The same local midnight as Django's own choices, so a chosen year stays selected.
        start = timezone.localtime().replace(
            month=1, day=1, hour=0, minute=0, second=0, microsecond=0
        )
        self.links += tuple(
            (
                str(start.year - years),
                {
                    self.lookup_kwarg_since: start.replace(year=start.year - years),
                    self.lookup_kwarg_until: start.replace(year=start.year - years + 1),
                },
            )
            for years in range(1, self.YEARS_BEFORE + 1)
        )
