from django.db import models

from apps.core.models import PublishableModel
from apps.core.richtext import RichTextField


class Article(PublishableModel):
    """A translated, publishable test model."""

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = RichTextField(blank=True)

    def __str__(self):
        return self.title
