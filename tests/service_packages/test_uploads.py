"""Uploads of enterprises: limits while streaming, checks by content, clean names."""

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image

from apps.service_packages.uploads import (
    MESSAGES,
    DocumentField,
    LimitedUploadHandler,
    check_upload,
    install_upload_limits,
    jpeg_end,
    png_end,
    safe_file_name,
    types_label,
    upload_refusal_error,
)
from tests.core.test_images import SECRET, SVG, image_bytes, jpeg_with_gps, png_declaring

from .factories import PDF_BYTES

ALL = ("pdf", "jpeg", "png")
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ENCRYPTED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</Filter/Standard/V 1/R 2/O(0123456789abcdef0123456789abcdef)"
    b"/U(0123456789abcdef0123456789abcdef)/P -44>>endobj\n"
    b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00><00>]>>\n%%EOF\n"
)
DAMAGED_PDF = PDF_BYTES[: PDF_BYTES.index(b"trailer")]


def pdf_of_size(size: int) -> bytes:
    """A well-formed PDF of exactly `size` bytes (padded with a comment)."""
    head, tail = PDF_BYTES.split(b"trailer")
    padding = size - len(PDF_BYTES) - 2
    assert padding >= 0
    return head + b"%" + b"x" * padding + b"\n" + b"trailer" + tail


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refused(data, name="file.pdf", accepted=ALL):
    with pytest.raises(ValidationError) as excinfo:
        check_upload(upload(name, data), accepted_types=accepted)
    return excinfo.value


# --- Checks by content ----------------------------------------------------------------------


def test_a_pdf_is_kept_exactly_as_it_was_sent():
    checked = check_upload(upload("Passport.pdf", PDF_BYTES), accepted_types=ALL)
    assert checked.content == PDF_BYTES
    assert (checked.original_name, checked.content_type) == ("Passport.pdf", "application/pdf")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.pdf", "empty_file"),
        (EXE, "passport.pdf", "file_type"),
        (SVG, "logo.png", "file_type"),
        (HTML, "scan.pdf", "file_type"),
        (b"%PDF" + HTML, "scan.pdf", "file_type"),  # the magic is "%PDF-"
        (ENCRYPTED_PDF, "locked.pdf", "pdf_encrypted"),
        (DAMAGED_PDF, "cut.pdf", "pdf_damaged"),
        (image_bytes("PNG") + HTML, "photo.png", "image_trailing_data"),
        (image_bytes("JPEG") + HTML, "photo.jpg", "image_trailing_data"),
        (png_declaring(20_000, 20_000, b"\x78\x9c"), "bomb.png", "image_too_many_pixels"),
        (image_bytes("PNG")[:-12], "cut.png", "image_damaged"),
        (image_bytes("JPEG")[:-2], "cut.jpg", "image_damaged"),
        (image_bytes("GIF"), "anim.png", "file_type"),
        (image_bytes("WEBP"), "photo.jpg", "file_type"),
    ],
)
def test_each_bad_file_is_refused_with_its_own_code(data, name, code):
    assert refused(data, name).code == code


def test_every_refusal_has_its_own_translated_message():
    assert len(set(map(str, MESSAGES.values()))) == len(MESSAGES)
    assert all(isinstance(message, Promise) for message in MESSAGES.values())
    with translation.override("fr"):
        error = refused(EXE)
        assert error.messages == [str(MESSAGES["file_type"])]


def test_the_per_file_limit_is_exact(settings):
    settings.SERVICE_UPLOAD_MAX_FILE_BYTES = 2000
    assert (
        len(check_upload(upload("ok.pdf", pdf_of_size(2000)), accepted_types=ALL).content) == 2000
    )
    error = refused(pdf_of_size(2001))
    assert error.code == "file_too_large"
    assert "2.0\xa0KB" in error.messages[0]


def test_a_type_the_document_does_not_accept_is_refused():
    error = refused(image_bytes("JPEG"), "licence.jpg", accepted=("pdf",))
    assert error.code == "type_not_accepted"
    assert error.messages == ["This document must be a PDF file."]
    error = refused(PDF_BYTES, "photo.pdf", accepted=("jpeg", "png"))
    assert error.messages == ["This document must be a JPEG or PNG file."]


def test_types_are_named_in_whole_phrases():
    assert str(types_label(["png", "pdf", "jpeg"])) == "PDF, JPEG or PNG"
    assert str(types_label(["pdf", "png"])) == "PDF or PNG"


def test_images_are_re_encoded_without_metadata():
    original = jpeg_with_gps()
    assert SECRET in original
    checked = check_upload(upload("passport.jpg", original), accepted_types=ALL)
    assert checked.content_type == "image/jpeg"
    assert SECRET not in checked.content
    with Image.open(io.BytesIO(checked.content)) as im:
        assert im.format == "JPEG"
        assert not im.getexif()
        assert im.size == (20, 40)  # turned upright by its EXIF orientation, then dropped
    png = check_upload(upload("scan.png", image_bytes("PNG", pnginfo=None)), accepted_types=ALL)
    assert png.content_type == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_a_multi_picture_jpeg_from_a_phone_is_kept_as_its_first_picture():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (30, 20), "red"), Image.new("RGB", (30, 20), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    data = buffer.getvalue()
    end, multi_picture = jpeg_end(data)
    assert multi_picture and end < len(data)
    checked = check_upload(upload("portrait.jpg", data), accepted_types=ALL)
    with Image.open(io.BytesIO(checked.content)) as im:
        assert (im.format, getattr(im, "n_frames", 1)) == ("JPEG", 1)


def test_zero_padding_after_a_jpeg_is_harmless():
    data = image_bytes("JPEG") + b"\x00" * 16
    assert check_upload(upload("scan.jpg", data), accepted_types=ALL).content_type == "image/jpeg"


def test_image_ends_are_found_by_walking_the_structure():
    png = image_bytes("PNG")
    assert png_end(png) == len(png)
    assert png_end(png + b"IEND") == len(png)
    jpeg = image_bytes("JPEG")
    assert jpeg_end(jpeg) == (len(jpeg), False)
    assert jpeg_end(jpeg + HTML) == (len(jpeg), False)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("../../etc/passport.pdf", PDF_BYTES, "passport.pdf"),
        ("C:\\Users\\li\\Scan 01.PDF", PDF_BYTES, "Scan 01.pdf"),
        ("invoice\u202efdp.exe", PDF_BYTES, "invoicefdp.pdf"),
        ("re\x00port\n\r.pdf", PDF_BYTES, "report.pdf"),
        ('a<b>c:"d|e?f*.pdf', PDF_BYTES, "a_b_c__d_e_f_.pdf"),
        ("护照 复印件.pdf", PDF_BYTES, "护照 复印件.pdf"),
        ("", PDF_BYTES, "document.pdf"),
        ("...", PDF_BYTES, "document.pdf"),
        ("photo.jpeg", image_bytes("JPEG"), "photo.jpeg"),
        ("photo.png", image_bytes("JPEG"), "photo.jpg"),
        ("photo", image_bytes("PNG"), "photo.png"),
        ("x" * 300 + ".pdf", PDF_BYTES, "x" * 120 + ".pdf"),
    ],
)
def test_names_are_made_safe_with_the_real_extension(name, data, expected):
    checked = check_upload(upload(name or "blank", data), accepted_types=ALL)
    if name in ("", "..."):
        assert safe_file_name(name, file_type="pdf") == expected
    else:
        assert checked.original_name == expected


def test_the_document_field_cleans_to_a_checked_file():
    field = DocumentField(accepted_types=("pdf",), required_document_id=7, required=False)
    assert field.clean(None) is None
    checked = field.clean(upload("a.pdf", PDF_BYTES))
    assert (checked.required_document_id, checked.content) == (7, PDF_BYTES)
    with pytest.raises(ValidationError) as excinfo:
        field.clean(upload("a.pdf", b""))
    assert excinfo.value.code == "empty_file"
    html = field.widget.render("doc", None, attrs=field.widget_attrs(field.widget))
    assert 'type="file"' in html
    assert 'accept=".pdf,application/pdf"' in html
    assert "multiple" not in html


# --- Limits while the upload streams in ------------------------------------------------------


def _multipart_request(files, *, fields=None):
    request = RequestFactory().post("/upload/", {**(fields or {}), **files})
    return request


def test_files_within_the_limits_go_through():
    request = _multipart_request(
        {"a": upload("a.pdf", PDF_BYTES), "b": upload("b.pdf", PDF_BYTES)},
        fields={"name": "Muster"},
    )
    install_upload_limits(request, max_file_bytes=1000, max_request_bytes=2000, max_files=2)
    assert request.POST["name"] == "Muster"
    assert sorted(request.FILES) == ["a", "b"]
    assert request.upload_refusal is None
    assert upload_refusal_error(request) is None


@pytest.mark.parametrize(
    ("files", "limits", "code"),
    [
        ({"a": b"x" * 1001}, {"max_file_bytes": 1000}, "file_too_large"),
        ({"a": b"x" * 900, "b": b"x" * 900}, {"max_request_bytes": 1500}, "request_too_large"),
        ({"a": b"x", "b": b"x", "c": b"x"}, {"max_files": 2}, "too_many_files"),
    ],
)
def test_a_limit_passed_stops_the_upload_and_says_why(settings, files, limits, code):
    settings.SERVICE_UPLOAD_MAX_FILE_BYTES = limits.get("max_file_bytes", 10_000)
    settings.SERVICE_UPLOAD_MAX_REQUEST_BYTES = limits.get("max_request_bytes", 10_000)
    settings.SERVICE_UPLOAD_MAX_FILES = limits.get("max_files", 10)
    request = _multipart_request(
        {name: upload(f"{name}.pdf", data) for name, data in files.items()},
        fields={"csrfmiddlewaretoken": "token"},
    )
    install_upload_limits(request)
    assert request.POST["csrfmiddlewaretoken"] == "token"  # what came before is there
    assert request.upload_refusal == code
    assert request.upload_refused_field in files
    assert upload_refusal_error(request).code == code
    # The file being refused is not kept; one that was complete before may be (and is
    # closed, with the request, by Django).
    assert request.upload_refused_field not in request.FILES


def test_a_file_announcing_its_size_is_refused_before_it_is_read():
    handler = LimitedUploadHandler(max_file_bytes=100, max_request_bytes=1000, max_files=5)
    with pytest.raises(Exception) as excinfo:
        handler.new_file("doc", "a.pdf", "application/pdf", 101)
    assert type(excinfo.value).__name__ == "StopUpload"
    assert handler.refusal == "file_too_large"


def test_the_limits_cannot_be_installed_once_the_body_was_read():
    request = _multipart_request({"a": upload("a.pdf", PDF_BYTES)})
    request.POST  # noqa: B018
    with pytest.raises(AttributeError):
        install_upload_limits(request)


class EndlessUpload:
    """A multipart body of `size` bytes made up while it is read: one huge file."""

    BOUNDARY = "----limit-test"

    def __init__(self, size):
        self.head = (
            f"--{self.BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"token\r\n--{self.BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="document_1"; filename="huge.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
        ).encode()
        self.tail = f"\r\n--{self.BOUNDARY}--\r\n".encode()
        self.size = size
        self.position = 0

    def read(self, size=-1):
        if size is None or size < 0:
            raise AssertionError("the whole body was asked for at once")
        end = min(self.position + size, self.size)
        chunk = bytearray(end - self.position)
        for offset, part in ((0, self.head), (self.size - len(self.tail), self.tail)):
            start, stop = max(offset, self.position), min(offset + len(part), end)
            if start < stop:
                chunk[start - self.position : stop - self.position] = part[
                    start - offset : stop - offset
                ]
        self.position = end
        return bytes(chunk)

    def readline(self, size=-1):
        """Like a socket's: up to a newline, however far away it is (none in the file)."""
        start = self.position
        line = self.read(size if size is not None and size >= 0 else self.size)
        newline = line.find(b"\n")
        if newline >= 0:
            self.position = start + newline + 1
            return line[: newline + 1]
        return line


def test_a_200_mb_upload_is_stopped_at_the_limit_and_never_held_in_memory(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    size = 200 * 1024 * 1024
    body = EndlessUpload(size)
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/upload/",
            "CONTENT_TYPE": f"multipart/form-data; boundary={EndlessUpload.BOUNDARY}",
            "CONTENT_LENGTH": str(size),
            "wsgi.input": body,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
        }
    )
    handler = install_upload_limits(
        request, max_file_bytes=1024 * 1024, max_request_bytes=4 * 1024 * 1024, max_files=5
    )
    keepers = [h for h in request.upload_handlers if h is not handler]
    assert [type(h) for h in keepers] == [MemoryFileUploadHandler, TemporaryFileUploadHandler]
    tracemalloc.start()
    try:
        files = request.FILES
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert request.upload_refusal == "file_too_large"
    assert dict(files) == {}
    assert request.POST["csrfmiddlewaretoken"] == "token"
    # The handler saw at most one chunk past the limit and handed none of it on ...
    assert handler.file_bytes <= 1024 * 1024 + 64 * 1024
    assert peak < 8 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held while streaming"
    # ... and Django read the rest of the body without keeping it, so the connection
    # can answer the refusal.
    assert body.position == size
    assert list(tmp_path.iterdir()) == []
