"""The record: the audit log, the request counts (live and anonymised), the applicants'
outbox."""

from django.contrib import admin
from django.db.models import Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.core.admin import OutboxAdmin, ReadOnlyAdmin

from ..models import (
    AuditEntry,
    RequestNotification,
    RequestStatistic,
    ServicePackage,
    ServiceRequest,
)


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
        return obj.sentence() or "—"


@admin.register(RequestStatistic)
class RequestStatisticAdmin(ReadOnlyAdmin):
    """The anonymous counts kept after a purge, under the live counts of the requests
    still kept: together, every request ever made (three queries more than the list)."""

    list_display = ("month", "package", "status", "enterprise_type", "count")
    list_filter = ("package", "status", "enterprise_type")
    list_select_related = ("package",)
    date_hierarchy = "month"

    def changelist_view(self, request, extra_context=None):
        live = ServiceRequest.objects.counts_by_package_and_status()
        kept = {
            (package, status): count
            for package, status, count in RequestStatistic.objects.order_by()
            .values_list("package", "status")
            .annotate(total=Sum("count"))
        }
        packages = ServicePackage.objects.filter(
            pk__in={package for package, _status in (*live, *kept)}
        ).order_by("pk")
        queue = reverse("admin:service_packages_servicerequest_changelist")
        rows = []
        for package in packages:
            cells = [
                (
                    live.get((package.pk, status), 0),
                    f"{queue}?{urlencode({'package__id__exact': package.pk, 'status': status})}",
                    kept.get((package.pk, status), 0),
                )
                for status, _label in ServiceRequest.Status.choices
            ]
            rows.append({"package": package, "cells": cells})
        context = {
            "statuses": ServiceRequest.Status.choices,
            "figure_rows": rows,
            "live_total": sum(live.values()),
            "kept_total": sum(kept.values()),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)


@admin.register(RequestNotification)
class RequestNotificationAdmin(OutboxAdmin):
    """The applicants' outbox: what was sent, what waits, what failed and why."""

    list_display = ("request", "kind", "state", "attempts", "not_before", "sent_at")
    list_filter = ("state", "kind")
    list_select_related = ("request",)
    search_fields = ("request__reference",)
    fields = ("request", "kind", *OutboxAdmin.outbox_fields)
