"""The image pipeline: refusal by content, size and pixels; metadata stripped; renditions."""

import io
import re
import struct
import zlib
from functools import cache
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import modelform_factory
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation
from django.utils.functional import Promise
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

from apps.core.images import (
    SanitizedImage,
    rendition_size,
    rendition_widths,
    sanitize_image,
    validate_image_file,
)
from apps.portal.models import HomePage

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)
SECRET = b"Secret-Coordinates-Of-The-Photographer"


# --- Files the tests upload -----------------------------------------------------------


def image_bytes(fmt, size=(40, 20), mode="RGB", color="red", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def noise_jpeg(size=(200, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1)).save(
        buffer, "JPEG", quality=95
    )
    return buffer.getvalue()


def upload(name, data) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height, idat=b"") -> bytes:
    """A greyscale PNG whose header claims `width` x `height`, with whatever data follows."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


@cache
def real_png_bomb() -> bytes:
    """A complete, valid 10000 x 10000 black PNG: a few hundred KB that decode to 100 MB."""
    width = height = 10_000
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte, then one byte per grey pixel
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return png_declaring(width, height, idat)


def jpeg_with_gps() -> bytes:
    """A 40 x 20 JPEG, turned on its side by EXIF, carrying GPS, XMP and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Acme Phone"
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (39.0, 56.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (116.0, 22.0, 0.0)
    return image_bytes(
        "JPEG",
        exif=exif,
        comment=SECRET,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + SECRET + b"</x:xmpmeta>",
    )


def refusal_code(excinfo) -> str:
    (error,) = excinfo.value.error_list
    return error.code


def assert_no_metadata(data: bytes):
    assert b"Exif" not in data
    assert SECRET not in data
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif()
        assert ExifTags.IFD.GPSInfo not in im.getexif()
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "Author"} & set(im.info)


# --- Validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", image_bytes("JPEG")),
        ("logo.png", image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))),
        ("banner.webp", image_bytes("WEBP")),
        ("no-extension", image_bytes("PNG")),
    ],
)
def test_jpeg_png_and_webp_are_accepted_by_content(name, data):
    validate_image_file(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("drawing.svg", SVG),
        ("drawing.jpg", SVG),
        ("notes.jpg", b"Just some text pretending to be a photo.\n" * 20),
        ("animation.gif", image_bytes("GIF")),
        ("animation.png", image_bytes("GIF")),
        ("scan.tiff", image_bytes("TIFF")),
        ("empty.jpg", b""),
    ],
)
def test_anything_but_jpeg_png_and_webp_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload(name, data))
    assert refusal_code(excinfo) == "image_format"


def test_a_file_over_the_byte_limit_is_refused(settings):
    data = noise_jpeg()
    settings.IMAGE_MAX_UPLOAD_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload("big.jpg", data))
    assert refusal_code(excinfo) == "image_too_large_bytes"
    assert "KB" in excinfo.value.messages[0]

    settings.IMAGE_MAX_UPLOAD_BYTES = len(data)
    validate_image_file(upload("big.jpg", data))


def test_an_image_over_the_pixel_limit_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 40 * 20 - 1
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload("photo.jpg", image_bytes("JPEG", size=(40, 20))))
    assert refusal_code(excinfo) == "image_too_many_pixels"
    assert "799" in excinfo.value.messages[0]


def test_a_real_decompression_bomb_is_refused_before_it_is_decoded(monkeypatch):
    bomb = real_png_bomb()
    assert len(bomb) < 1_000_000
    with pytest.warns(Image.DecompressionBombWarning), Image.open(io.BytesIO(bomb)) as im:
        assert im.size == (10_000, 10_000)

    def no_decoding(self):
        raise AssertionError("the bitmap was decoded before the pixel check")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    for check in (validate_image_file, sanitize_image):
        with pytest.raises(ValidationError) as excinfo:
            check(upload("bomb.png", bomb))
        assert refusal_code(excinfo) == "image_too_many_pixels"


def test_pillows_decompression_bomb_warning_is_a_refusal_even_under_a_higher_limit(settings):
    # 100 million pixels: over Pillow's warning threshold, under its error threshold.
    settings.IMAGE_MAX_PIXELS = 10**9
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload("bomb.png", real_png_bomb()))
    assert refusal_code(excinfo) == "image_too_many_pixels"


def test_a_header_declaring_billions_of_pixels_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload("bomb.png", png_declaring(100_000, 100_000, b"\x78\x9c")))
    assert refusal_code(excinfo) == "image_too_many_pixels"


def test_a_truncated_image_is_refused_as_invalid():
    data = noise_jpeg()
    with pytest.raises(ValidationError) as excinfo:
        sanitize_image(upload("cut.jpg", data[: len(data) // 2]))
    assert refusal_code(excinfo) == "image_invalid"

    png = image_bytes("PNG")
    idat = png.index(b"IDAT")
    crc_at = idat + 4 + struct.unpack(">I", png[idat - 4 : idat])[0]
    broken_crc = png[:crc_at] + bytes([png[crc_at] ^ 0xFF]) + png[crc_at + 1 :]
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(upload("broken.png", broken_crc))
    assert refusal_code(excinfo) == "image_invalid"


def test_refusals_are_lazy_translations_with_codes(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 10
    cases = [
        (upload("x.jpg", b"plain text"), "image_format"),
        (upload("x.jpg", image_bytes("JPEG")), "image_too_large_bytes"),
    ]
    for file, code in cases:
        with pytest.raises(ValidationError) as excinfo:
            validate_image_file(file)
        (error,) = excinfo.value.error_list
        assert error.code == code
        assert isinstance(error.message, Promise)
        english = excinfo.value.messages[0]
        with translation.override("fr"):
            assert isinstance(excinfo.value.messages[0], str)
        assert "Upload" in english


# --- Re-encoding ----------------------------------------------------------------------


def test_sanitizing_strips_gps_exif_xmp_and_comments_and_applies_the_orientation():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as im:
        assert im.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert SECRET in original

    clean = sanitize_image(upload("holiday.JPG", original))

    assert isinstance(clean, ContentFile)
    assert clean.name == "holiday.jpg"
    data = clean.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG"
        assert im.size == (20, 40)  # stood upright, as the EXIF orientation asked


def test_sanitizing_keeps_the_format_and_fixes_the_extension():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    png = image_bytes("PNG", mode="RGBA", color=(255, 0, 0, 128), pnginfo=info)
    clean = sanitize_image(upload("photo.jpg", png))
    assert clean.name == "photo.png"
    assert_no_metadata(clean.read())
    with Image.open(clean) as im:
        assert (im.format, im.mode) == ("PNG", "RGBA")

    webp = sanitize_image(
        upload("../../etc/banner", image_bytes("WEBP", exif=b"Exif\0\0" + SECRET))
    )
    assert webp.name == "banner.webp"
    assert_no_metadata(webp.read())


def test_sanitizing_converts_palette_cmyk_and_opaque_alpha_images():
    palette = Image.new("P", (10, 10))
    palette.info["transparency"] = 0
    buffer = io.BytesIO()
    palette.save(buffer, "PNG")
    with Image.open(sanitize_image(upload("p.png", buffer.getvalue()))) as im:
        assert im.mode == "RGBA"

    cmyk = sanitize_image(upload("print.jpg", image_bytes("JPEG", mode="CMYK", color="cyan")))
    with Image.open(cmyk) as im:
        assert im.mode == "RGB"

    opaque = sanitize_image(upload("o.png", image_bytes("PNG", mode="RGBA", color="blue")))
    with Image.open(opaque) as im:
        assert im.mode == "RGB"


def test_a_multi_picture_jpeg_is_stored_as_a_single_plain_jpeg():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (30, 10), "red"), Image.new("RGB", (30, 10), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=jpeg_exif_with_gps())
    clean = sanitize_image(upload("3d.jpg", buffer.getvalue()))
    data = clean.read()
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG"
        assert getattr(im, "n_frames", 1) == 1


def jpeg_exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    return exif


# --- The model field ------------------------------------------------------------------


def stored_bytes(page) -> bytes:
    with default_storage.open(page.hero_image.name, "rb") as fh:
        return fh.read()


@pytest.mark.django_db
def test_full_clean_refuses_a_bad_upload_on_the_model():
    page = HomePage(title_zh_hans="x", hero_image=upload("evil.jpg", SVG))
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    (error,) = excinfo.value.error_dict["hero_image"]
    assert error.code == "image_format"


@pytest.mark.django_db
def test_a_service_assigning_a_file_stores_it_re_encoded():
    page = HomePage(title_zh_hans="x", hero_image=upload("holiday.jpg", jpeg_with_gps()))
    page.full_clean()
    page.save()

    page.refresh_from_db()
    assert re.fullmatch(r"home/holiday(_\w+)?\.jpg", page.hero_image.name)
    assert_no_metadata(stored_bytes(page))


@pytest.mark.django_db
def test_save_without_full_clean_still_re_encodes_and_still_refuses():
    page = HomePage(title_zh_hans="x", hero_image=upload("photo.png", jpeg_with_gps()))
    page.save()
    assert page.hero_image.name.endswith(".jpg")
    assert_no_metadata(stored_bytes(page))

    bad = HomePage(title_zh_hans="y", hero_image=upload("evil.png", SVG))
    with pytest.raises(ValidationError), transaction.atomic():
        bad.save()
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_a_stored_image_is_not_read_again_when_other_fields_change():
    page = HomePage(title_zh_hans="x", hero_image=upload("photo.jpg", image_bytes("JPEG")))
    page.full_clean()
    page.save()
    default_storage.delete(page.hero_image.name)

    page = HomePage.objects.get(pk=page.pk)
    page.title_zh_hans = "changed"
    page.full_clean()
    page.save()


@pytest.mark.django_db
def test_a_model_form_refuses_bad_files_and_saves_good_ones_clean():
    form_class = modelform_factory(HomePage, fields=("title_zh_hans", "hero_image"))
    assert 'accept="image/jpeg,image/png,image/webp"' in str(form_class()["hero_image"])

    for name, data, code in [
        ("drawing.svg", SVG, "image_format"),
        ("notes.jpg", b"not a picture", "image_format"),
        ("bomb.png", png_declaring(20_000, 20_000, b"\x78\x9c"), "image_too_many_pixels"),
        ("cut.jpg", noise_jpeg()[:3000], "image_invalid"),
    ]:
        form = form_class(data={"title_zh_hans": "x"}, files={"hero_image": upload(name, data)})
        assert not form.is_valid(), name
        assert [e.code for e in form.errors.as_data()["hero_image"]] == [code], name

    form = form_class(
        data={"title_zh_hans": "x"}, files={"hero_image": upload("holiday.jpg", jpeg_with_gps())}
    )
    assert form.is_valid(), form.errors
    page = form.save()
    assert_no_metadata(stored_bytes(page))


# --- Renditions and the template tag --------------------------------------------------


def saved_page(data: bytes, name="photo.jpg") -> HomePage:
    page = HomePage(title_zh_hans="x", hero_image=upload(name, data))
    page.full_clean()
    page.save()
    return HomePage.objects.get(pk=page.pk)


def render(template: str, **context) -> str:
    return Template("{% load image_tags %}" + template).render(Context(context))


def media_file(settings, url: str) -> Path:
    assert url.startswith(settings.MEDIA_URL)
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def srcset_widths(html: str, attribute_owner: str) -> list[str]:
    tag = re.search(rf"<{attribute_owner}[^>]*>", html).group(0)
    srcset = re.search(r'srcset="([^"]*)"', tag).group(1)
    return [candidate.split()[-1] for candidate in srcset.split(", ")]


def test_rendition_sizes_never_upscale(settings):
    settings.IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
    assert rendition_widths(600) == [480, 600]
    assert rendition_widths(3000) == [480, 960, 1600]
    assert rendition_widths(300) == [300]
    assert rendition_size((600, 300), 480) == (480, 240)
    assert rendition_size((600, 300), 960) == (600, 300)
    assert rendition_size((5000, 1), 480) == (480, 1)


@pytest.mark.django_db
def test_the_tag_renders_a_picture_without_any_sql_and_without_upscaling(
    settings, django_assert_num_queries
):
    page = saved_page(image_bytes("JPEG", size=(600, 300)))

    with django_assert_num_queries(0):
        html = render(
            '{% responsive_image page.hero_image alt=alt sizes="(max-width: 40rem) 100vw, '
            '48rem" class="hero" %}',
            page=page,
            alt='Drum Tower <script>"x"</script>',
        )

    assert html.count("<picture>") == 1
    assert '<source type="image/webp"' in html
    assert srcset_widths(html, "source") == ["480w", "600w"]
    assert srcset_widths(html, "img") == ["480w", "600w"]
    assert "960w" not in html and "1600w" not in html
    assert 'sizes="(max-width: 40rem) 100vw, 48rem"' in html
    assert 'alt="Drum Tower &lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html
    assert 'width="600" height="300"' in html
    assert 'loading="lazy" decoding="async" class="hero"' in html

    urls = re.findall(r"(/media/\S+) \d+w", html)
    assert len(urls) == 4
    assert {Path(url).suffix for url in urls} == {".webp", ".jpg"}
    for url in urls:
        path = media_file(settings, url)
        assert path.is_file()
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "renditions")
    with Image.open(media_file(settings, urls[0])) as im:
        assert im.format == "WEBP"
        assert im.size == (480, 240)

    # A second render reuses the files.
    with django_assert_num_queries(0):
        assert render("{% responsive_image p.hero_image alt='x' %}", p=page).count("480w") == 2


@pytest.mark.django_db
def test_wide_sources_get_every_width_and_transparent_ones_a_png_fallback(settings):
    wide = saved_page(image_bytes("JPEG", size=(2000, 1000)))
    html = render("{% responsive_image p.hero_image alt='wide' %}", p=wide)
    assert srcset_widths(html, "source") == ["480w", "960w", "1600w"]
    assert 'width="1600" height="800"' in html

    transparent = saved_page(
        image_bytes("PNG", size=(700, 350), mode="RGBA", color=(0, 0, 0, 0)), "logo.png"
    )
    html = render("{% responsive_image p.hero_image alt='logo' %}", p=transparent)
    img = re.search(r"<img[^>]*>", html).group(0)
    assert re.search(r'src="/media/renditions/\S+\.png"', img)
    assert ".jpg" not in img
    assert srcset_widths(html, "source") == ["480w", "700w"]


@pytest.mark.django_db
def test_the_tag_renders_nothing_for_no_image_or_a_lost_file(caplog):
    assert render("{% responsive_image p.hero_image alt='x' %}", p=HomePage()).strip() == ""
    assert render("{% responsive_image None alt='x' %}").strip() == ""

    page = saved_page(image_bytes("JPEG", size=(600, 300)))
    default_storage.delete(page.hero_image.name)
    with caplog.at_level("WARNING", logger="apps.core.templatetags.image_tags"):
        assert render("{% responsive_image p.hero_image alt='x' %}", p=page).strip() == ""
    assert page.hero_image.name in caplog.text


def test_the_tag_requires_alt_and_refuses_unknown_attributes():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load image_tags %}{% responsive_image image %}")
    with pytest.raises(TemplateSyntaxError):
        render("{% responsive_image image alt='x' onload='evil()' %}", image=None)


def test_sanitize_image_returns_a_marked_content_file():
    assert isinstance(sanitize_image(upload("a.png", image_bytes("PNG"))), SanitizedImage)
