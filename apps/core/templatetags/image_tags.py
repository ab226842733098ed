"""Template tags for uploaded images: responsive `<picture>` elements."""

import logging

from django import template
from imagekit.exceptions import MissingSource
from PIL import Image

from apps.core.images import image_renditions

logger = logging.getLogger(__name__)
register = template.Library()

# What a missing, unreadable or vanished source file raises while renditions are made.
RENDITION_ERRORS = (OSError, ValueError, MissingSource, Image.DecompressionBombError)


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(image, *, alt, sizes="100vw", loading="lazy", **attrs):
    """A `<picture>` of WebP and JPEG/PNG copies of `image`; nothing if there is none."""
    css_class = attrs.pop("class", "")
    if attrs:
        raise template.TemplateSyntaxError(
            f"responsive_image takes alt, sizes, loading and class, not {', '.join(attrs)}"
        )
    if not image:
        return {"picture": None}
    try:
        picture = image_renditions(image)
    except RENDITION_ERRORS:
        # A lost file must cost the visitor one picture, never the whole page.
        logger.warning("No renditions of image %r", image.name, exc_info=True)
        return {"picture": None}
    return {
        "picture": picture,
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }
