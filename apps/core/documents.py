"""Uploaded PDFs: read by a PDF parser, never trusted by their first and last bytes.

`check_pdf` is the one check of a PDF's content, for the public forms and the admin
alike. pypdf reads the file; a file it cannot read is refused, and so is a file it reads
as encrypted (however the trailer spells `/Encrypt`). Then every object of the file is
inspected (not only those the pages use, so nothing can hide from the walk) and a file
with active content is refused, never rewritten: officers receive exactly what was
sent, and a signed PDF keeps its signature.
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, is_null_or_none

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# The header may follow a little junk (allowed by the PDF spec within 1 KB), and writers
# may append a few bytes (whitespace, a newline) after the end marker.
PDF_HEAD_BYTES = 1024
PDF_TAIL_BYTES = 1024
# Without a `startxref` pointer pypdf gives up, where viewers rebuild the cross-reference
# table by scanning the objects; a pointer to byte 0 makes pypdf rebuild it the same way.
PDF_REBUILD_TRAILER = b"\nstartxref\n0\n%%EOF\n"
# Documents have a few objects per page, so this is thousands of pages; inspecting them
# takes about a second. A file with more only keeps the check busy.
PDF_MAX_OBJECTS = 50_000

# Actions that run a script, start a program, open or import another file, or send data.
RISKY_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToR",
        "/GoToE",
        "/RichMediaExecute",
    }
)
# Annotations that carry a file or a media player inside the PDF.
EMBEDDING_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia"})

MESSAGES = {
    "pdf_damaged": _("The selected PDF is damaged or incomplete. Upload the complete document."),
    "pdf_encrypted": _(
        "The selected PDF is protected with a password. Upload a copy without a password."
    ),
    "pdf_active_content": _(
        "The selected PDF contains JavaScript or actions that run by themselves, start "
        "programs or open other files. Print it to a new PDF (for example with “Save as "
        "PDF”) and upload that copy."
    ),
    "pdf_attachments": _(
        "The selected PDF has other files attached inside it. Upload each document as a "
        "PDF of its own, without attachments."
    ),
    "pdf_xfa": _(
        "The selected PDF is an XFA form, which most programs cannot show. Fill it in, print "
        "it to a new PDF (for example with “Save as PDF”) and upload that copy."
    ),
}


def _refusal(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _is_harmless_automatic_action(action) -> bool:
    """An action run without a click is allowed only as a jump within the document."""
    action = _resolved(action)
    if not isinstance(action, DictionaryObject):
        return True  # a destination (page and zoom), as writers put in /OpenAction
    return _resolved(action.get("/S")) == "/GoTo" and is_null_or_none(action.get("/Next"))


def _dictionary_problem(obj: DictionaryObject) -> str | None:
    """Why this one dictionary makes the PDF unacceptable, or None."""
    keys = set(obj.keys())
    if "/Encrypt" in keys:
        return "pdf_encrypted"
    if "/XFA" in keys:
        return "pdf_xfa"
    # A script (/JS) or the document's list of scripts (/Names /JavaScript).
    if keys & {"/JS", "/JavaScript"}:
        return "pdf_active_content"
    if _resolved(obj.get("/S")) in RISKY_ACTIONS:
        return "pdf_active_content"
    if "/OpenAction" in keys and not _is_harmless_automatic_action(obj.get("/OpenAction")):
        return "pdf_active_content"
    if "/AA" in keys:
        triggers = _resolved(obj.get("/AA"))
        actions = triggers.values() if isinstance(triggers, DictionaryObject) else [triggers]
        if not all(_is_harmless_automatic_action(action) for action in actions):
            return "pdf_active_content"
    if keys & {"/EmbeddedFiles", "/EF"}:
        return "pdf_attachments"
    if _resolved(obj.get("/Type")) == "/EmbeddedFile":
        return "pdf_attachments"
    if _resolved(obj.get("/Subtype")) in EMBEDDING_ANNOTATIONS:
        return "pdf_attachments"
    return None


def _content_problem(reader: PdfReader) -> str | None:
    """The first reason found among all the objects of the file, or None."""
    pending = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending += [IndirectObject(number, generation, reader) for number in numbers]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen = set()
    while pending:
        obj = pending.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                return "pdf_damaged"
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # stream objects included
            problem = _dictionary_problem(obj)
            if problem:
                return problem
            # dict.values: the entries as written, references unresolved (they join the
            # queue), whatever a subclass such as a form field makes of iteration.
            pending.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)
    return None


def pdf_problem(content: bytes) -> str | None:
    """Why `content` is not an acceptable PDF (a key of MESSAGES), or None."""
    if PDF_MAGIC not in content[:PDF_HEAD_BYTES]:
        return "pdf_damaged"
    tail = content[-PDF_TAIL_BYTES:]
    if b"%%EOF" not in tail:
        return "pdf_damaged"
    if b"startxref" not in tail:
        content += PDF_REBUILD_TRAILER
    try:
        # Not strict: scanners write small faults (an offset off by a few bytes) that
        # viewers forgive; what is refused below does not depend on them.
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return "pdf_encrypted"
        if not isinstance(_resolved(reader.trailer.get("/Root")), DictionaryObject):
            return "pdf_damaged"  # no document catalog: not a PDF whatever its header
        return _content_problem(reader)
    except Exception as exc:  # pypdf raises many types on hostile bytes
        logger.info("Refused a PDF that pypdf cannot read: %r", exc)
        return "pdf_damaged"


def check_pdf(content: bytes) -> None:
    """Refuse a PDF that is damaged, encrypted, or carries scripts, attachments or XFA."""
    problem = pdf_problem(content)
    if problem:
        raise _refusal(problem)


def validate_pdf_file(file) -> None:
    """Refuse a new upload that is not a readable, inactive PDF within the size limit.

    A file already stored was checked when it came in: an older agreement stays editable
    under rules that grew stricter since.
    """
    if getattr(file, "_committed", False):
        return
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    file.seek(0, 2)
    if file.tell() > limit:
        raise ValidationError(
            _("This file is larger than %(limit)s. Upload a smaller document."),
            code="document_too_large",
            params={"limit": filesizeformat(limit)},
        )
    file.seek(0)
    content = file.read(limit + 1)
    file.seek(0)
    if PDF_MAGIC not in content[:PDF_HEAD_BYTES]:
        raise ValidationError(
            _("Upload a PDF document. This file is not a PDF, whatever its name says."),
            code="document_format",
        )
    check_pdf(content)
