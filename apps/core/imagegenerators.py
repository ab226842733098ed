"""Image generators of the core app (django-imagekit finds this module by its name)."""

from imagekit import ImageSpec, register
from PIL import Image

from apps.core.images import RENDITION_GENERATOR, rendition_size

RENDITION_OPTIONS = {
    "WEBP": {"quality": 80},
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}


class ResizeToWidth:
    """A processor that scales an image down to `width`, keeping its proportions."""

    def __init__(self, width: int):
        self.width = width

    def process(self, img: Image.Image) -> Image.Image:
        if img.mode not in ("L", "RGB", "RGBA"):
            # Palette images resample badly; stored uploads are already L, RGB or RGBA.
            has_alpha = "A" in img.mode or "transparency" in img.info
            img = img.convert("RGBA" if has_alpha else "RGB")
        size = rendition_size(img.size, self.width)
        if size == img.size:
            return img
        return img.resize(size, Image.Resampling.LANCZOS)


class Rendition(ImageSpec):
    """A copy of an uploaded image at one width, as WebP, JPEG or PNG."""

    def __init__(self, source, width: int, format: str):
        self.format = format.upper()
        self.options = RENDITION_OPTIONS[self.format]
        self.processors = [ResizeToWidth(int(width))]
        super().__init__(source=source)


register.generator(RENDITION_GENERATOR, Rendition)
