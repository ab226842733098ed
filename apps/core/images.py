"""Image pipeline (being written): validation, metadata stripping, renditions."""

from django.db import models


class SafeImageField(models.ImageField):
    """An image upload checked by content, size and pixels, stored without metadata."""
