"""What the translation workspace remembers: which source text each translation was made
from, and each XLIFF import.

A translation is *outdated* when the source text (Chinese, or English where Chinese is
empty) is no longer the one it was saved against. Content rows carry no such history, so
a `TranslationState` per object, field and language keeps a hash of the source text as it
was when that language's text was last changed, and a hash of that text to notice the
change. No state means nothing is known against the translation: it counts as current
(rows written in bulk without signals; migration 0002 recorded what existed).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStateQuerySet(models.QuerySet):
    def of_models(self, content_types):
        return self.filter(content_type__in=content_types)

    def in_language(self, language: str):
        return self.filter(language=language)


class TranslationState(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=15)
    # sha256 of the source (its language and text) when this language's text last changed.
    source_hash = models.CharField(max_length=64)
    # sha256 of this language's text then, to tell an edit of it from an edit of the source.
    target_hash = models.CharField(max_length=64)
    saved_at = models.DateTimeField(auto_now=True)

    objects = TranslationStateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_state_unique",
            )
        ]
        # The workspace's pages hang on this model in the admin; who may use them is
        # its one permission (content editors and administrators).
        default_permissions = ()
        permissions = [("use_workspace", _("Can use the translation workspace"))]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"


class TranslationImport(models.Model):
    """One XLIFF file brought back: who, which language, how many texts changed. Its
    audit line (the admin's LogEntry) names it."""

    language = models.CharField(_("language"), max_length=15)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    changed = models.PositiveIntegerField(_("texts changed"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        default_permissions = ()
        ordering = ["-created_at", "-pk"]
        verbose_name = _("translation import")
        verbose_name_plural = _("translation imports")

    def __str__(self):
        return f"{self.language}: {self.file_name or '—'} ({self.changed})"
