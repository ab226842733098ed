"""The search index: one entry per public row, with what the results page shows.

The columns here are the same on every database. PostgreSQL adds two that Django does
not manage (migration 0001): `vector`, the row's weighted tsvector with its GIN index,
and a trigram index on `names` for "did you mean"; apps/search/backends.py writes and
reads them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    slug = models.CharField(max_length=255)
    # {language: text}, only the languages the row has.
    titles = models.JSONField(default=dict)
    texts = models.JSONField(default=dict)
    # Folded names and keywords in every language, one per line, with a line break
    # before the first and after the last (an exact name is "\n<name>\n").
    names = models.TextField(default="")
    # Folded index text of keywords and texts (the plain backend reads it).
    body = models.TextField(default="")
    starts_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    publish_at = models.DateTimeField(null=True)
    boost = models.FloatField(default=1.0)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class PendingChange(models.Model):
    """A row whose document must be indexed again: written in the transaction that
    changed it, taken by the `search.index_pending` task (and beat, if the worker was
    down), so that an edit never waits for or fails on the index."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_pending_unique")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class QueryCount(models.Model):
    """How often a query was searched on one Beijing day in one language, and whether it
    found anything. Counts only: no address, no session, no time of day."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("query"), max_length=200)
    found = models.BooleanField(_("found something"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query", "found"], name="search_query_count_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "day"])]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self):
        return self.query
