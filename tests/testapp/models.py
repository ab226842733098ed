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


class ExchangeActivityQuerySet(models.QuerySet):
    def for_timeline(self):
        return self.order_by("-timeline_date", "-pk")


class ExchangeActivity(models.Model):
    """An exchange activity attached to a partner city, as a later app will add one."""

    title = models.CharField(max_length=200)
    timeline_date = models.DateField()
    city = models.ForeignKey(
        "sister_cities.SisterCity", related_name="exchange_activities", on_delete=models.CASCADE
    )

    objects = ExchangeActivityQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/activities/{self.pk}/"
