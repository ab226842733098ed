"""Content of pages that span the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.images import SafeImageField
from apps.core.models import TimeStampedModel
from apps.core.richtext import RichTextField


class HomePageQuerySet(models.QuerySet):
    def current(self):
        """The one home page, or None before demo content or staff created it."""
        return self.order_by("pk").first()


class HomePage(TimeStampedModel):
    """The welcome text and picture at the top of the home page (one per site)."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)
    hero_image = SafeImageField(_("hero image"), upload_to="home/", blank=True)
    hero_image_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Marks invented demo text so it is never passed off as fact."),
    )

    objects = HomePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")

    def __str__(self):
        return self.title
