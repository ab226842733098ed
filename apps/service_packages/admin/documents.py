"""Documents for staff: the inline list and the download, every view written to the audit log."""

import re
from urllib.parse import quote

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ReadOnlyInline
from apps.core.exports import safe_filename

from ..models import RequestDocument
from ..services import document_open

# The only types a document is handed out as; anything else is a plain download.
DOCUMENT_CONTENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# Characters no file name should carry: path separators, quotes, controls, Windows' reserved.
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


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


class DocumentsMixin:
    """The download page of a request's document."""

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
        ascii_name, full_name = _download_names(document)
        response = FileResponse(
            handle, as_attachment=True, filename=ascii_name, content_type=content_type
        )
        # Django writes one name; the UTF-8 one is added for browsers that read it
        # (RFC 6266), the ASCII one stays for those that do not.
        response["Content-Disposition"] += f"; filename*=UTF-8''{quote(full_name, safe='')}"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
