"""PDFs read by a parser: damaged, encrypted and active files refused, in every language."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.functional import Promise
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from apps.core import documents
from apps.core.documents import MESSAGES, check_pdf, pdf_problem, validate_pdf_file
from tests.languages import CODES
from tests.service_packages.factories import PDF_BYTES as REQUEST_FIXTURE
from tests.sister_cities.factories import PDF_BYTES as AGREEMENT_FIXTURE

HTML_WITH_PDF_HEADER = (
    b"%PDF-1.7\n<!doctype html><html><body><script>alert(document.cookie)</script>"
    b"</body></html>\n%%EOF\n"
)


# --- Real PDF bytes, built as writers build them -------------------------------------------


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def name(value: str) -> NameObject:
    return NameObject(value)


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject(
        {name("/S"): name(kind), **{name(f"/{key}"): value for key, value in entries.items()}}
    )


def with_open_action(value) -> bytes:
    writer = one_page()
    writer.root_object[name("/OpenAction")] = value
    return written(writer)


def with_link(link_action: DictionaryObject) -> bytes:
    """A page with one link annotation that runs `link_action` when clicked."""
    writer = one_page()
    annotation = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 100, 30)]),
            name("/A"): link_action,
        }
    )
    writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def javascript_on_open() -> bytes:
    writer = one_page()
    writer.add_open_action(JavaScript("app.alert('opened')"))
    return written(writer)


def launch_on_open() -> bytes:
    return with_open_action(action("/Launch", F=TextStringObject("C:\\Windows\\calc.exe")))


def page_open_javascript() -> bytes:
    writer = one_page()
    writer.pages[0][name("/AA")] = DictionaryObject(
        {name("/O"): action("/JavaScript", JS=TextStringObject("app.alert(1)"))}
    )
    return written(writer)


def with_attachment() -> bytes:
    writer = one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    return written(writer)


def attachment_annotation() -> bytes:
    writer = one_page()
    spec = DictionaryObject(
        {
            name("/Type"): name("/Filespec"),
            name("/F"): TextStringObject("note.txt"),
        }
    )
    annotation = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/FileAttachment"),
            name("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 30, 30)]),
            name("/FS"): writer._add_object(spec),
        }
    )
    writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def xfa_form() -> bytes:
    writer = one_page()
    writer.root_object[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp/>")}
    )
    return written(writer)


def encrypted(*, opens_without_password: bool = False) -> bytes:
    """Encrypted with RC4 (pypdf needs no other library for it), as older writers do."""
    writer = one_page()
    writer.encrypt(
        user_password="" if opens_without_password else "applicant",  # noqa: S106
        owner_password="owner",  # noqa: S106
        algorithm="RC4-128",
    )
    return written(writer)


def assembled(objects: list[bytes], trailer: bytes, version: bytes = b"1.4") -> bytes:
    """A PDF of numbered `objects` (1, 2, ...) with an exact cross-reference table."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<<%s/Size %d>>\nstartxref\n%d\n%%%%EOF\n" % (trailer, len(objects) + 1, xref)
    return bytes(out)


CATALOG = b"<</Type/Catalog/Pages 2 0 R>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"


def javascript_in_an_object_stream() -> bytes:
    """The script sits compressed in an object stream, found through a cross-reference stream.

    Not a byte of it (neither /JavaScript nor /JS) can be seen without inflating the stream.
    """
    script = b"<</S/JavaScript/JS(app.alert(1))>>"
    header = b"4 0 "
    packed = zlib.compress(header + script)
    catalog = b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>"
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    bodies = {
        1: catalog,
        2: PAGES,
        3: PAGE,
        5: b"<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream"
        % (len(header), len(packed), packed),
    }
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[6] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for number in range(1, 7):
        if number == 4:  # in object stream 5, at index 0
            rows.append(b"\x02" + (5).to_bytes(4, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    xref_stream = b"<</Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/Length %d>>" % len(table)
    out += b"6 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (xref_stream, table)
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def refused(data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        check_pdf(data)
    return excinfo.value


# --- What is accepted -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        written(one_page()),
        REQUEST_FIXTURE,  # the factories' smallest files: no cross-reference table at all
        AGREEMENT_FIXTURE,
        assembled([CATALOG, PAGES, PAGE], b"/Root 1 0 R"),
        # Opening at a page and zoom, as office suites write it, is not an action.
        with_open_action(ArrayObject([NumberObject(0), name("/FitH"), FloatObject(800)])),
        with_open_action(action("/GoTo", D=ArrayObject([NumberObject(0), name("/Fit")]))),
        # A link the reader may click: a web address or a page of the document.
        with_link(action("/URI", URI=TextStringObject("https://www.bjxch.gov.cn/"))),
        with_link(action("/GoTo", D=ArrayObject([NumberObject(0), name("/Fit")]))),
        b"\xef\xbb\xbf junk before the header " + written(one_page()) + b"\r\n\x00\x00",
    ],
    ids=[
        "pypdf",
        "request-fixture",
        "agreement-fixture",
        "hand-made",
        "open-at-a-page",
        "open-goto",
        "web-link",
        "page-link",
        "junk-around",
    ],
)
def test_ordinary_pdfs_are_accepted(data):
    assert pdf_problem(data) is None
    check_pdf(data)


# --- What is refused, and why -----------------------------------------------------------------


def javascript_action(script: str = "app.alert(1)") -> DictionaryObject:
    return action("/JavaScript", JS=TextStringObject(script))


BAD_PDFS = {
    "html-with-pdf-header": (HTML_WITH_PDF_HEADER, "pdf_damaged"),
    "no-objects": (b"%PDF-1.4\n" + b"\x00" * 200 + b"\n%%EOF\n", "pdf_damaged"),
    "cut": (written(one_page())[:-400], "pdf_damaged"),
    "cut-marker-added": (written(one_page())[:300] + b"\n%%EOF\n", "pdf_damaged"),
    "header-too-late": (b"<html>%PDF-1.4</html>" * 60 + b"%%EOF", "pdf_damaged"),
    "no-catalog": (assembled([b"(a string)", PAGES, PAGE], b"/Root 1 0 R"), "pdf_damaged"),
    "encrypted": (encrypted(), "pdf_encrypted"),
    # Opens without asking for anything, and is still refused.
    "encrypted-owner-password-only": (encrypted(opens_without_password=True), "pdf_encrypted"),
    "encrypt-name-escaped": (encrypted().replace(b"/Encrypt", b"/Encr#79pt"), "pdf_encrypted"),
    "encrypt-first-letter-escaped": (
        encrypted().replace(b"/Encrypt", b"/#45ncrypt"),
        "pdf_encrypted",
    ),
    "javascript-names-tree": (javascript_on_open(), "pdf_active_content"),
    "javascript-open-action": (with_open_action(javascript_action()), "pdf_active_content"),
    "launch-open-action": (launch_on_open(), "pdf_active_content"),
    "web-page-on-open": (
        with_open_action(action("/URI", URI=TextStringObject("https://x.test/"))),
        "pdf_active_content",
    ),
    "page-open-javascript": (page_open_javascript(), "pdf_active_content"),
    "launch-link": (
        with_link(action("/Launch", F=TextStringObject("cmd.exe"))),
        "pdf_active_content",
    ),
    "javascript-link": (with_link(javascript_action()), "pdf_active_content"),
    "remote-file-link": (
        with_link(action("/GoToR", F=TextStringObject("\\\\host\\share\\a.pdf"))),
        "pdf_active_content",
    ),
    "submit-form": (
        with_link(action("/SubmitForm", F=TextStringObject("https://x.test/"))),
        "pdf_active_content",
    ),
    "embedded-file": (with_attachment(), "pdf_attachments"),
    "file-attachment-annotation": (attachment_annotation(), "pdf_attachments"),
    "xfa": (xfa_form(), "pdf_xfa"),
    "javascript-in-object-stream": (javascript_in_an_object_stream(), "pdf_active_content"),
}


@pytest.mark.parametrize(("data", "code"), BAD_PDFS.values(), ids=BAD_PDFS.keys())
def test_each_bad_pdf_is_refused_with_its_own_reason(data, code):
    assert refused(data).code == code


def test_the_escaped_encryption_marker_hides_from_a_byte_search_not_from_the_parser():
    data = encrypted().replace(b"/Encrypt", b"/Encr#79pt")
    assert b"/Encrypt" not in data
    assert refused(data).code == "pdf_encrypted"


def test_a_script_in_an_object_stream_is_found_although_no_byte_of_it_shows():
    data = javascript_in_an_object_stream()
    assert b"JavaScript" not in data and b"/JS" not in data
    assert refused(data).code == "pdf_active_content"


def test_escaped_names_are_read_as_the_names_they_spell():
    data = assembled(
        [
            b"<</Type/Catalog/Pages 2 0 R/Open#41ction 4 0 R>>",
            PAGES,
            PAGE,
            b"<</S/#4Aava#53cript/J#53(app.alert(1))>>",
        ],
        b"/Root 1 0 R",
    )
    assert refused(data).code == "pdf_active_content"


def test_an_object_no_page_uses_is_inspected_too():
    """A viewer that rebuilds the table may find it; it must not pass unseen."""
    script = b"<</S/JavaScript/JS(app.alert(1))>>"
    data = assembled([CATALOG, PAGES, PAGE, script], b"/Root 1 0 R")
    assert refused(data).code == "pdf_active_content"


def test_a_file_with_too_many_objects_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "PDF_MAX_OBJECTS", 5)
    data = assembled([CATALOG, PAGES, PAGE] + [b"<</N %d>>" % n for n in range(10)], b"/Root 1 0 R")
    assert refused(data).code == "pdf_damaged"


# --- Messages -----------------------------------------------------------------------------------


def test_every_reason_has_its_own_translated_message():
    assert len(set(map(str, MESSAGES.values()))) == len(MESSAGES)
    assert all(isinstance(message, Promise) for message in MESSAGES.values())


@pytest.mark.parametrize("language", [code for code in CODES if code != "en"])
def test_the_refusal_is_in_the_user_language(language):
    english = {code: str(message) for code, message in MESSAGES.items()}
    with translation.override(language):
        for code, data in [
            ("pdf_encrypted", encrypted()),
            ("pdf_active_content", javascript_on_open()),
            ("pdf_attachments", with_attachment()),
            ("pdf_xfa", xfa_form()),
            ("pdf_damaged", HTML_WITH_PDF_HEADER),
        ]:
            message = refused(data).messages[0]
            assert message == str(MESSAGES[code])
            assert message != english[code]


# --- The model validator (agreements in the admin) -------------------------------------------


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("agreement.pdf", data, content_type="application/pdf")


def test_the_model_validator_refuses_what_check_pdf_refuses():
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_file(upload(encrypted()))
    assert excinfo.value.code == "pdf_encrypted"
    validate_pdf_file(upload(written(one_page())))


def test_the_model_validator_keeps_its_size_and_format_messages(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_file(upload(written(one_page())))
    assert excinfo.value.code == "document_too_large"
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 10_000
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_file(upload(b"not a pdf at all"))
    assert excinfo.value.code == "document_format"


def test_the_model_validator_leaves_the_upload_readable_from_the_start():
    file = upload(written(one_page()))
    validate_pdf_file(file)
    assert file.tell() == 0
    assert file.read(5) == b"%PDF-"
