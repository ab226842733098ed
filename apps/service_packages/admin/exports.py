"""The queue's exports (CSV, XLSX): the applicant's answers as columns, each export audited."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.exports import rows_to_csv_response, rows_to_xlsx_response

from ..applicant import export_columns, export_value
from ..services import export_record
from .common import person_name


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
                person_name(obj.officer),
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


class ExportsMixin:
    """Export the selected requests; the audit line keeps the list's filters."""

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
