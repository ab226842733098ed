"""The record: the audit log, the anonymous statistics, the applicants' outbox."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import OutboxAdmin, ReadOnlyAdmin

from ..models import AuditEntry, RequestNotification, RequestStatistic


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
    list_display = ("month", "package", "status", "enterprise_type", "count")
    list_filter = ("package", "status", "enterprise_type")
    list_select_related = ("package",)
    date_hierarchy = "month"


@admin.register(RequestNotification)
class RequestNotificationAdmin(OutboxAdmin):
    """The applicants' outbox: what was sent, what waits, what failed and why."""

    list_display = ("request", "kind", "state", "attempts", "not_before", "sent_at")
    list_filter = ("state", "kind")
    list_select_related = ("request",)
    search_fields = ("request__reference",)
    fields = ("request", "kind", *OutboxAdmin.outbox_fields)
