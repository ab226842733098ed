"""Uploaded documents: PDFs checked by content and size, whatever their name says."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
# Writers may append a few bytes (whitespace, a newline) after the end marker.
PDF_TAIL_BYTES = 1024


def _read_head_and_tail(file) -> tuple[bytes, bytes, int]:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    head = file.read(1024)
    file.seek(max(0, size - PDF_TAIL_BYTES))
    tail = file.read(PDF_TAIL_BYTES)
    file.seek(position)
    return head, tail, size


def validate_pdf_file(file) -> None:
    """Refuse anything that is not a complete PDF within DOCUMENT_MAX_UPLOAD_BYTES."""
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    head, tail, size = _read_head_and_tail(file)
    if size > limit:
        raise ValidationError(
            _("This file is larger than %(limit)s. Upload a smaller document."),
            code="document_too_large",
            params={"limit": filesizeformat(limit)},
        )
    # The header may follow a little junk (allowed by the PDF spec within 1 KB).
    if PDF_MAGIC not in head:
        raise ValidationError(
            _("Upload a PDF document. This file is not a PDF, whatever its name says."),
            code="document_format",
        )
    if b"%%EOF" not in tail:
        raise ValidationError(
            _("This PDF is damaged or incomplete. Upload the complete document."),
            code="document_incomplete",
        )
