"""Documents enterprises upload: limits enforced while they stream in, checks by content.

A request's files pass two gates. `LimitedUploadHandler` counts files and bytes as the
body streams in and stops the upload at the first limit passed, so an oversized upload
never sits in memory or on disk. `check_upload` then looks at each file's bytes (never
its name or the browser's content type): PDF, JPEG or PNG only; a PDF must pass
`core.documents.check_pdf` (read by a parser: not damaged, encrypted or active);
nothing hidden after an image's end, no decompression bomb. Images are re-encoded
without their metadata; PDFs are kept as they are. What a draft then keeps is bounded
by the storage quotas of `services.draft_save`; `quota_refusal` says so on the form.
"""

import os
import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from apps.core import documents
from apps.core.images import sanitize_image

from .models import DocumentType
from .services import QUOTA_ADDRESS, QUOTA_DRAFT, CheckedFile

PDF_MAGIC = documents.PDF_MAGIC
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

CONTENT_TYPES = {
    DocumentType.PDF: "application/pdf",
    DocumentType.JPEG: "image/jpeg",
    DocumentType.PNG: "image/png",
}
EXTENSIONS = {
    DocumentType.PDF: (".pdf",),
    DocumentType.JPEG: (".jpg", ".jpeg"),
    DocumentType.PNG: (".png",),
}
ALL_TYPES = (DocumentType.PDF, DocumentType.JPEG, DocumentType.PNG)
NAME_MAX_LENGTH = 120
DRAIN_CHUNK_BYTES = 64 * 1024

# Whole sentences per combination, so that translators never assemble lists.
TYPE_LISTS = {
    ("pdf",): _("PDF"),
    ("jpeg",): _("JPEG"),
    ("png",): _("PNG"),
    ("jpeg", "pdf"): _("PDF or JPEG"),
    ("pdf", "png"): _("PDF or PNG"),
    ("jpeg", "png"): _("JPEG or PNG"),
    ("jpeg", "pdf", "png"): _("PDF, JPEG or PNG"),
}

MESSAGES = {
    "empty_file": _("The selected file is empty."),
    "file_too_large": _("The selected file is larger than %(limit)s. Upload a smaller file."),
    "file_type": _(
        "The selected file must be a PDF, JPEG or PNG. This file is none of those, "
        "whatever its name says."
    ),
    "type_not_accepted": _("This document must be a %(types)s file."),
    # The PDF refusals of core.documents: one message per reason, here and in the admin.
    **documents.MESSAGES,
    "image_trailing_data": _(
        "The selected image has other data hidden after the end of the picture. "
        "Save it again as a plain JPEG or PNG, or upload a PDF scan instead."
    ),
    "image_too_many_pixels": _(
        "The selected image has more than %(limit)s pixels. Upload a smaller one."
    ),
    "image_damaged": _("The selected image is damaged or incomplete and cannot be read."),
    # Refusals while the upload streams in (see LimitedUploadHandler).
    "request_too_large": _(
        "The selected files together are larger than %(limit)s. "
        "Upload smaller files, or fewer at a time."
    ),
    "too_many_files": _("Too many files at once: the limit is %(count)s at a time."),
    # Storage quotas (services.draft_save): the file passed its checks but is not kept.
    "draft_quota": _(
        "This file was not kept: the documents of one request can take up at most "
        "%(megabytes)s MB together. Upload a smaller file, for example a scan at a lower "
        "resolution."
    ),
    "address_quota": _(
        "This file was not kept: the files uploaded from your connection today have "
        "reached the limit of %(megabytes)s MB. Your answers and the files marked "
        "“Uploaded” are kept; please upload this one tomorrow."
    ),
}


def _limit(size: int) -> str:
    return filesizeformat(size)


def megabytes(size: int) -> str:
    """`size` bytes as a number of MB (MiB, as filesizeformat counts) for the active
    language: "50", "1.5" or "1,5"."""
    amount = round(size / 1024 / 1024, 1)
    return number_format(int(amount) if amount == int(amount) else amount)


def quota_refusal(code: str) -> ValidationError:
    """Why a checked file was not kept (`services.draft_save`'s QUOTA_DRAFT or QUOTA_ADDRESS)."""
    limit = {
        QUOTA_DRAFT: settings.SERVICE_DRAFT_MAX_BYTES,
        QUOTA_ADDRESS: settings.SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY,
    }[code]
    return refusal(code, megabytes=megabytes(limit))


def refusal(code: str, **params) -> ValidationError:
    """The ValidationError for one kind of bad upload, with its own message and code."""
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def types_label(accepted_types) -> str:
    """ "PDF or JPEG": the accepted types of a document, for a hint or a message."""
    key = tuple(sorted({str(code) for code in accepted_types} & set(DocumentType.values)))
    return TYPE_LISTS.get(key or tuple(sorted(DocumentType.values)))


def upload_hint(accepted_types) -> str:
    """What a file input accepts, e.g. "PDF, JPEG or PNG, up to 10 MB"."""
    return _("%(types)s, up to %(limit)s") % {
        "types": types_label(accepted_types),
        "limit": _limit(settings.SERVICE_UPLOAD_MAX_FILE_BYTES),
    }


def accept_attribute(accepted_types) -> str:
    """The `accept` attribute of a file input: only a hint to the browser's file picker."""
    values = []
    for code in ALL_TYPES:
        if code in accepted_types:
            values += [*EXTENSIONS[code], CONTENT_TYPES[code]]
    return ",".join(values)


# --- While the upload streams in -------------------------------------------------------


class LimitedUploadHandler(FileUploadHandler):
    """Counts files and bytes as they stream in, and stops the upload past a limit.

    Installed first, it sees every chunk before the handlers that keep it (in memory or
    in a temporary file): a chunk past a limit is never handed on. The reason is left on
    the request (`request.upload_refusal`, and `request.upload_refused_field`) for the
    view to explain, and the rest of the body is read and thrown away chunk by chunk.
    """

    def __init__(self, request=None, *, max_file_bytes, max_request_bytes, max_files):
        super().__init__(request)
        self.max_file_bytes = max_file_bytes
        self.max_request_bytes = max_request_bytes
        self.max_files = max_files
        self.files = 0
        self.file_bytes = 0
        self.request_bytes = 0
        self.refusal = None

    def _refuse(self, code: str):
        self.refusal = code
        if self.request is not None:
            self.request.upload_refusal = code
            self.request.upload_refused_field = self.field_name
            self._drain()
        raise StopUpload(connection_reset=False)

    def _drain(self):
        """Read the rest of the body in small chunks, keeping none of it.

        The browser shows our answer only once its upload was read. Django would read
        the rest itself, but line by line: a body without newlines would be one line,
        held in memory whole.
        """
        try:
            while self.request.read(DRAIN_CHUNK_BYTES):
                pass
        except OSError:  # the client went away: nothing left to read
            pass

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.files += 1
        self.file_bytes = 0
        if self.files > self.max_files:
            self._refuse("too_many_files")
        # A part that announces its size is refused before a byte of it is read.
        if content_length is not None and content_length > self.max_file_bytes:
            self._refuse("file_too_large")

    def receive_data_chunk(self, raw_data, start):
        self.file_bytes += len(raw_data)
        self.request_bytes += len(raw_data)
        if self.file_bytes > self.max_file_bytes:
            self._refuse("file_too_large")
        if self.request_bytes > self.max_request_bytes:
            self._refuse("request_too_large")
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


def install_upload_limits(request, **limits) -> LimitedUploadHandler:
    """Put the service-desk limits in front of `request`'s upload handlers.

    Must run before anything reads `request.POST` or `request.FILES` (the CSRF check
    does): a view that takes uploads is `csrf_exempt` outside and `csrf_protect` inside.
    """
    handler = LimitedUploadHandler(
        request,
        max_file_bytes=limits.get("max_file_bytes", settings.SERVICE_UPLOAD_MAX_FILE_BYTES),
        max_request_bytes=limits.get(
            "max_request_bytes", settings.SERVICE_UPLOAD_MAX_REQUEST_BYTES
        ),
        max_files=limits.get("max_files", settings.SERVICE_UPLOAD_MAX_FILES),
    )
    request.upload_refusal = None
    request.upload_refused_field = None
    # The setter refuses once the body was parsed; inserting into the list would not.
    request.upload_handlers = [handler, *request.upload_handlers]
    return handler


def upload_refusal_error(request) -> ValidationError | None:
    """Why the upload of `request` was stopped while it streamed in, or None."""
    code = getattr(request, "upload_refusal", None)
    if code is None:
        return None
    if code == "file_too_large":
        return refusal(code, limit=_limit(settings.SERVICE_UPLOAD_MAX_FILE_BYTES))
    if code == "request_too_large":
        return refusal(code, limit=_limit(settings.SERVICE_UPLOAD_MAX_REQUEST_BYTES))
    return refusal("too_many_files", count=number_format(settings.SERVICE_UPLOAD_MAX_FILES))


# --- Checking each file's content -----------------------------------------------------


def detect_type(content: bytes) -> str | None:
    """pdf, jpeg or png by the file's first bytes, or None."""
    if content.startswith(PDF_MAGIC):
        return DocumentType.PDF
    if content.startswith(PNG_MAGIC):
        return DocumentType.PNG
    if content.startswith(JPEG_MAGIC):
        return DocumentType.JPEG
    return None


def png_end(content: bytes) -> int | None:
    """Where a PNG's IEND chunk ends, walking its chunks; None when it has none."""
    position = len(PNG_MAGIC)
    while position + 12 <= len(content):
        length = int.from_bytes(content[position : position + 4], "big")
        kind = content[position + 4 : position + 8]
        position += 12 + length
        if position > len(content):
            return None
        if kind == b"IEND":
            return position
    return None


def jpeg_end(content: bytes) -> tuple[int | None, bool]:
    """Where a JPEG's end-of-image marker ends (None if missing), and whether it is an MPO.

    Walks the marker segments and, after each start of scan, the entropy-coded data
    (where 0xFF is followed by 0x00 or a restart marker) to the next marker.
    """
    size = len(content)
    position = 2
    multi_picture = False
    while position < size:
        if content[position] != 0xFF:
            return None, multi_picture
        while position < size and content[position] == 0xFF:  # fill bytes
            position += 1
        if position >= size:
            return None, multi_picture
        marker = content[position]
        position += 1
        if marker == 0xD9:
            return position, multi_picture
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        if position + 2 > size:
            return None, multi_picture
        length = int.from_bytes(content[position : position + 2], "big")
        if length < 2:
            return None, multi_picture
        if marker == 0xE2 and content[position + 2 : position + 6] == b"MPF\x00":
            multi_picture = True
        position += length
        if marker == 0xDA:
            while True:
                found = content.find(b"\xff", position)
                if found < 0 or found + 1 >= size:
                    return None, multi_picture
                following = content[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position = found + 2
                elif following == 0xFF:
                    position = found + 1
                else:
                    position = found
                    break
    return None, multi_picture


def _check_image_end(content: bytes, detected: str) -> None:
    if detected == DocumentType.PNG:
        end = png_end(content)
        rest = content[end:] if end is not None else b""
        allowed = False
    else:
        end, multi_picture = jpeg_end(content)
        rest = content[end:] if end is not None else b""
        # Phones write the extra pictures of an MPO after the first one's end; they are
        # dropped by the re-encoding below. Zero padding is harmless too.
        allowed = (multi_picture and rest.startswith(JPEG_MAGIC[:2])) or not rest.strip(b"\x00")
    if end is None:
        raise refusal("image_damaged")
    if rest and not allowed:
        raise refusal("image_trailing_data")


def _sanitized_image(content: bytes, detected: str, name: str) -> bytes:
    try:
        clean = sanitize_image(ContentFile(content, name=name))
    except ValidationError as exc:
        code = exc.code
        if code == "image_too_many_pixels":
            raise refusal(
                "image_too_many_pixels",
                limit=number_format(settings.IMAGE_MAX_PIXELS, force_grouping=True),
            ) from exc
        if code == "image_too_large_bytes":
            raise refusal("file_too_large", limit=_limit(settings.IMAGE_MAX_UPLOAD_BYTES)) from exc
        raise refusal("image_damaged") from exc
    data = clean.read()
    if detect_type(data) != detected:  # an MPO comes back as the JPEG it is
        raise refusal("image_damaged")
    return data


def safe_file_name(name: str, *, file_type: str) -> str:
    """The uploaded name without folders or control characters, with the real extension.

    Right-to-left overrides and other invisible characters are dropped too, so that
    "invoice<RLO>fdp.exe" cannot pose as something else.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if unicodedata.category(ch)[0] == "Z" else ch
        for ch in name
        if unicodedata.category(ch)[0] != "C"
    )
    name = re.sub(r'[<>:"|?*;]', "_", name)
    name = " ".join(name.split())
    stem, extension = os.path.splitext(name)
    stem = stem.strip(" .")[:NAME_MAX_LENGTH].strip(" .") or "document"
    extension = extension.lower()
    if extension not in EXTENSIONS[file_type]:
        extension = EXTENSIONS[file_type][0]
    return stem + extension


def check_upload(uploaded_file, *, accepted_types, required_document_id=None) -> CheckedFile:
    """Read and check one upload; raise a ValidationError saying what is wrong with it.

    `accepted_types` are the DocumentType codes the document may be (pdf, jpeg, png).
    """
    size = getattr(uploaded_file, "size", None)
    if size == 0:
        raise refusal("empty_file")
    limit = settings.SERVICE_UPLOAD_MAX_FILE_BYTES
    if size is not None and size > limit:
        raise refusal("file_too_large", limit=_limit(limit))
    uploaded_file.seek(0)
    # Bounded: one byte past the limit is enough to refuse the file.
    content = uploaded_file.read(limit + 1)
    if not content:
        raise refusal("empty_file")
    if len(content) > limit:
        raise refusal("file_too_large", limit=_limit(limit))
    detected = detect_type(content)
    if detected is None:
        raise refusal("file_type")
    accepted = {str(code) for code in accepted_types}
    if detected not in accepted:
        raise refusal("type_not_accepted", types=types_label(accepted))
    name = safe_file_name(getattr(uploaded_file, "name", "") or "", file_type=detected)
    if detected == DocumentType.PDF:
        documents.check_pdf(content)
    else:
        _check_image_end(content, detected)
        content = _sanitized_image(content, detected, name)
    return CheckedFile(
        content=content,
        original_name=name,
        content_type=CONTENT_TYPES[detected],
        required_document_id=required_document_id,
    )


class DocumentField(forms.FileField):
    """A plain file input whose cleaned value is a `CheckedFile` (see `check_upload`)."""

    widget = forms.FileInput

    def __init__(self, *, accepted_types=ALL_TYPES, required_document_id=None, **kwargs):
        self.accepted_types = tuple(str(code) for code in accepted_types)
        self.required_document_id = required_document_id
        # check_upload refuses an empty file with its own message.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", accept_attribute(self.accepted_types))
        return attrs

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        return check_upload(
            uploaded,
            accepted_types=self.accepted_types,
            required_document_id=self.required_document_id,
        )
