"""Uploaded images: checked by content, size and pixels, re-encoded without metadata."""

import io
import logging
import os
import posixpath
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.crypto import get_random_string
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.registry import generator_registry
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .memo import LocalMemo

logger = logging.getLogger(__name__)

# Pillow format name -> extension of the stored file. MPO is the multi-picture JPEG some
# phones write; it is a JPEG whose extra frames (with their own EXIF) are dropped.
FORMAT_EXTENSIONS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp"}
STORED_FORMAT = {"MPO": "JPEG"}
# Only these decoders ever see uploaded bytes, whatever else Pillow could parse.
OPEN_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT = "image/jpeg,image/png,image/webp"
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}
RENDITION_GENERATOR = "core:rendition"
RENDITION_FORMATS = ("WEBP", "JPEG", "PNG")
SOURCE_INFO_TIMEOUT = 24 * 3600
# The random part of every stored picture's name (see SafeImageField.generate_filename).
STORED_NAME_TOKEN_LENGTH = 10

MESSAGES = {
    "image_format": _(
        "Upload a JPEG, PNG or WebP image. This file is not one of those, whatever its name says."
    ),
    "image_too_large_bytes": _("This file is larger than %(limit)s. Upload a smaller image."),
    "image_too_many_pixels": _("This image has more than %(limit)s pixels. Upload a smaller one."),
    "image_invalid": _("This image is damaged or incomplete and cannot be read."),
}


def _refusal(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _too_many_pixels(limit: int) -> ValidationError:
    return _refusal("image_too_many_pixels", limit=number_format(limit, force_grouping=True))


def _byte_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        size = file.seek(0, os.SEEK_END)
    return size


@contextmanager
def _opened(file) -> Iterator[Image.Image]:
    """`file` opened by Pillow once its bytes, format and pixel count passed; not decoded."""
    byte_limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if _byte_size(file) > byte_limit:
        raise _refusal("image_too_large_bytes", limit=filesizeformat(byte_limit))
    pixel_limit = settings.IMAGE_MAX_PIXELS
    if getattr(file, "closed", False):
        file.open("rb")
    file.seek(0)
    try:
        # Pillow only warns between its own limit and twice that; a warning is a refusal
        # here. (catch_warnings is process-wide: a racing thread at worst sees Pillow
        # stricter for a moment.)
        with warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning):
            im = Image.open(file, formats=OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(pixel_limit) from exc
    except UnidentifiedImageError as exc:
        raise _refusal("image_format") from exc
    except Exception as exc:  # Pillow's parsers raise many types on hostile bytes
        raise _refusal("image_invalid") from exc
    try:
        # Leaving `with im` closes only a file Pillow opened itself; im.close() would
        # close the caller's upload too.
        with im:
            if im.format not in FORMAT_EXTENSIONS:
                raise _refusal("image_format")
            width, height = im.size
            if width * height > pixel_limit:
                raise _too_many_pixels(pixel_limit)
            yield im
    finally:
        file.seek(0)


def validate_image_file(file) -> None:
    """Refuse a file that is not a JPEG, PNG or WebP within the byte and pixel limits."""
    with _opened(file) as im:
        try:
            im.verify()
        except Exception as exc:  # see _opened
            raise _refusal("image_invalid") from exc


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info


def _normalized(im: Image.Image, icc_profile: bytes | None, *, keep_alpha: bool):
    """`im` in L, RGB or RGBA, with the ICC profile that still applies to it (or None)."""
    if keep_alpha and _has_alpha(im):
        im = im.convert("RGBA")
        # An alpha channel that is opaque everywhere only makes every copy heavier.
        if im.getchannel("A").getextrema() == (255, 255):
            im = im.convert("RGB")
        return im, icc_profile
    if im.mode in ("L", "RGB"):
        return im, icc_profile
    if im.mode in ("1", "LA"):
        return im.convert("L"), icc_profile
    if im.mode.startswith("I"):
        # 16-bit grey: scale to 8 bits; a plain convert would clip everything to white.
        return im.convert("I").point(lambda value: value / 256).convert("L"), None
    if im.mode == "CMYK" and icc_profile:
        try:
            converted = ImageCms.profileToProfile(
                im,
                ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError):
            converted = None
        if converted is not None:
            return converted, None
    # A palette is RGB underneath, so its profile still applies; a CMYK one no longer does.
    return im.convert("RGB"), (icc_profile if im.mode in ("P", "PA") else None)


class SanitizedImage(ContentFile):
    """Image bytes re-encoded by `sanitize_image`: upright, without EXIF, GPS or XMP."""


def sanitize_image(file) -> ContentFile:
    """Validate `file` and re-encode it in its own format, without any metadata."""
    with _opened(file) as im:
        source_format = im.format
        try:
            im.load()
        except Exception as exc:  # see _opened
            raise _refusal("image_invalid") from exc
        icc_profile = im.info.get("icc_profile")
        try:
            upright = ImageOps.exif_transpose(im)
        except Exception:  # broken EXIF spoils only the orientation, not the picture
            logger.info("Ignoring unreadable EXIF orientation of %s", getattr(file, "name", ""))
            upright = im.copy()
    out_format = STORED_FORMAT.get(source_format, source_format)
    clean, icc_profile = _normalized(upright, icc_profile, keep_alpha=out_format != "JPEG")
    # Nothing from the upload's info (EXIF, XMP, comments, text chunks) is carried over.
    clean.info = {}
    options = dict(SAVE_OPTIONS[out_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    clean.save(buffer, format=out_format, **options)
    stem = os.path.splitext(os.path.basename(getattr(file, "name", None) or ""))[0]
    return SanitizedImage(buffer.getvalue(), name=(stem or "image") + FORMAT_EXTENSIONS[out_format])


def _needs_sanitizing(file) -> bool:
    # Stored files went through here when uploaded; only new ones are re-encoded.
    return bool(file) and not file._committed and not isinstance(file.file, SanitizedImage)


class SafeImageFormField(forms.FileField):
    """A file input that accepts only JPEG, PNG and WebP images, checked by content."""

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            validate_image_file(file)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", ACCEPT)
        return attrs


class SafeImageField(models.ImageField):
    """An image upload checked by content, size and pixels, stored without metadata.

    `full_clean()` validates and re-encodes a new upload; `save()` re-encodes one that
    skipped `full_clean()`, and refuses it with a ValidationError if it is not an image.
    """

    # The content decides; the stored name gets the extension of the real format.
    default_validators = []

    def clean(self, value, model_instance):
        value = super().clean(value, model_instance)
        if _needs_sanitizing(value):
            return sanitize_image(value)
        return value

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if _needs_sanitizing(file):
            setattr(model_instance, self.attname, sanitize_image(file))
        return super().pre_save(model_instance, add)

    def generate_filename(self, instance, filename):
        """The upload's name with a random part: "events/hero_k3J9x2QpLm.jpg".

        A deleted picture's name is never given to a new one, so no process can show the
        new picture with the old one's size or renditions, which it may still remember
        (apps/core/media_cleanup.py); and no one can guess the names of pictures.
        """
        stem, extension = os.path.splitext(os.path.basename(filename))
        token = get_random_string(STORED_NAME_TOKEN_LENGTH)
        name = super().generate_filename(instance, f"{stem}_{token}{extension}")
        excess = len(name) - self.max_length
        if excess > 0:  # shorten the stem, never the random part
            stem = stem[:-excess].rstrip("._-") or "image"
            name = super().generate_filename(instance, f"{stem}_{token}{extension}")
        return name

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})


# --- Renditions -----------------------------------------------------------------------


def imagekit_model_receivers_disconnect() -> None:
    """Take imagekit's receivers off every model's load and save when nothing needs them.

    imagekit listens to `post_init` and `post_save` of all models, for ImageSpecFields
    whose copies follow a source field; on each row loaded it walks all the row's fields
    (an event has 80, one per language of each text). Renditions here come from a
    registered generator (`apps/core/imagegenerators.py`), not from ImageSpecFields: with
    none declared (all models are loaded when apps are ready), the receivers do nothing
    but that walk.
    """
    from django.db.models.signals import post_init, post_save
    from imagekit.specs.sourcegroups import signal_router

    if signal_router._source_groups:
        return
    post_init.disconnect(dispatch_uid="ik_spec_field_receivers")
    post_save.disconnect(dispatch_uid="ik_spec_field_receivers")


@dataclass(frozen=True)
class Rendition:
    """One generated copy of an image, at one width and in one format."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Renditions:
    """WebP copies of an image and their JPEG or PNG fallbacks, narrowest first."""

    webp: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]
    fallback_type: str

    @property
    def largest(self) -> Rendition:
        return self.fallback[-1]

    @property
    def webp_srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.webp)

    @property
    def fallback_srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.fallback)


def rendition_size(source_size: tuple[int, int], width: int) -> tuple[int, int]:
    """Size of the copy of a `source_size` image at `width`, never wider than the source."""
    source_width, source_height = source_size
    width = min(width, source_width)
    return width, max(1, round(source_height * width / source_width))


def rendition_widths(source_width: int) -> list[int]:
    """The configured widths, capped at the source width (no upscaling), narrowest first."""
    return sorted({min(width, source_width) for width in settings.IMAGE_RENDITION_WIDTHS})


def _source_info_key(image) -> str:
    return f"core:image-source:{image.storage.__class__.__name__}:{image.name}"


def _source_info(image) -> tuple[int, int, bool]:
    """Width, height and transparency of a stored image, read from its header once."""
    key = _source_info_key(image)
    cache = caches["local"]
    info = cache.get(key)
    if info is None:
        with image.storage.open(image.name, "rb") as fh, Image.open(fh) as im:
            info = (*im.size, _has_alpha(im))
        cache.set(key, info, SOURCE_INFO_TIMEOUT)
    return tuple(info)


def _rendition_file(image, width: int, image_format: str) -> ImageCacheFile:
    return ImageCacheFile(
        generator_registry.get(RENDITION_GENERATOR, source=image, width=width, format=image_format)
    )


def _rendition_url(image, width: int, image_format: str) -> str:
    file = _rendition_file(image, width, image_format)
    try:
        return file.url
    except Exception:
        # imagekit leaves a failed file marked "generating" (for good, with no cache
        # timeout), so it would never try again once the source is back.
        file.cachefile_backend.set_state(file, CacheFileState.DOES_NOT_EXIST)
        raise


# The renditions of the pictures this process has shown, by storage, name and widths.
# Asking imagekit for a copy's address hashes a pickle of its spec and reads the copy's
# state from the cache: about 50 µs a copy, six copies a picture, for an answer that
# never changes while the name stays (a replaced picture gets a new random name,
# `SafeImageField.generate_filename`).
kept_renditions = LocalMemo(max_entries=5000)


def _kept_key(image) -> tuple[str, str, tuple]:
    # The configured widths are part of the answer (tests and deployments change them).
    return image.storage.__class__.__name__, image.name, tuple(settings.IMAGE_RENDITION_WIDTHS)


def image_renditions(image) -> Renditions:
    """Copies of a stored image at the configured widths, generated on first use.

    Raises OSError when the source file is missing or unreadable.
    """
    key = _kept_key(image)
    renditions = kept_renditions.get(key)
    if renditions is None:
        renditions = _image_renditions(image)
        kept_renditions.put(key, renditions)
    return renditions


def _image_renditions(image) -> Renditions:
    width, height, has_alpha = _source_info(image)
    fallback_format = "PNG" if has_alpha else "JPEG"
    webp, fallback = [], []
    for target in rendition_widths(width):
        w, h = rendition_size((width, height), target)
        webp.append(Rendition(_rendition_url(image, target, "WEBP"), w, h))
        fallback.append(Rendition(_rendition_url(image, target, fallback_format), w, h))
    return Renditions(
        webp=tuple(webp),
        fallback=tuple(fallback),
        fallback_type=f"image/{fallback_format.lower()}",
    )


def absolute_image_url(image) -> str:
    """Full address of an image's largest rendition (Open Graph, JSON-LD), or ""."""
    if not image:
        return ""
    try:
        return settings.SITE_URL + image_renditions(image).largest.url
    except (OSError, ValueError):
        return ""


def image_renditions_delete(image) -> None:
    """Delete the renditions of `image`, a stored picture about to be deleted.

    A rendition's name is the source's name without its extension as a folder, and a
    hash of the source's name and the copy's width and format: those of the configured
    widths (and the source's own width, when it is narrower) are deleted by name. When no
    other picture of the same name with another extension shares the folder, whatever
    else is in it goes too (copies at widths configured in the past). What this process
    remembers of them is forgotten.
    """
    try:
        source_width = _source_info(image)[0]
    except (OSError, ValueError):  # missing or unreadable: the configured widths only
        source_width = max(settings.IMAGE_RENDITION_WIDTHS)
    storage = None
    names = set()
    for width in rendition_widths(source_width):
        for image_format in RENDITION_FORMATS:
            file = _rendition_file(image, width, image_format)
            storage = file.storage
            names.add(file.name)
            file.cachefile_backend.set_state(file, CacheFileState.DOES_NOT_EXIST)
    caches["local"].delete(_source_info_key(image))
    stored = _kept_key(image)[:2]
    kept_renditions.forget(lambda key: key[:2] == stored)
    folder = posixpath.dirname(next(iter(names)))
    stem, extension = posixpath.splitext(image.name)
    own_folder = folder == posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, stem)
    if own_folder and not _pictures_named_alike(image.storage, stem, extension):
        try:
            names.update(posixpath.join(folder, name) for name in storage.listdir(folder)[1])
        except FileNotFoundError:  # never shown: no renditions at all
            return
    for name in sorted(names):
        storage.delete(name)
    if own_folder:
        try:
            storage.delete(folder)  # only an empty folder goes (os.rmdir)
        except OSError:
            pass


def _pictures_named_alike(storage, stem: str, extension: str) -> bool:
    """Whether a stored file other than `stem``extension` has the same name before the dot."""
    directory, base = posixpath.split(stem)
    try:
        files = storage.listdir(directory)[1]
    except FileNotFoundError:
        return False
    return any(
        posixpath.splitext(name)[0] == base and posixpath.splitext(name)[1] != extension
        for name in files
    )
