from django.db import models
from django.utils import timezone

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


class HostedEventQuerySet(models.QuerySet):
    def upcoming(self):
        """From today on, soonest first."""
        return self.filter(timeline_date__gte=timezone.localdate()).order_by("timeline_date", "pk")


class HostedEvent(models.Model):
    """An event held at a venue, as the events app will relate one."""

    title = models.CharField(max_length=200)
    timeline_date = models.DateField()
    venue = models.ForeignKey(
        "venues.Venue", related_name="hosted_events", on_delete=models.CASCADE
    )

    objects = HostedEventQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/events/{self.pk}/"
