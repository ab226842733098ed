"""The service desk at a glance: counts by status, overdue, mine and nobody's."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from ..models import ServiceRequest
from .common import Status
from .filters import OfficerFilter, OverdueFilter, StatusFilter


class DashboardMixin:
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
