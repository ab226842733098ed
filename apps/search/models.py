"""The search index: one entry per public row, with what the results page shows.

The columns here are the same on every database. PostgreSQL adds what Django does not
manage (migrations 0001 and 0002): `vector`, the row's weighted tsvector with its GIN
index, kept in the row's page rather than out of line; the trigram index of
`SearchWord.word` for "did you mean"; and the foreign key of `EntryWord` that deletes an
entry's words with it. apps/search/backends.py writes and reads them.
"""

from django.db import models
from django.db.models import Q, Sum
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


class SearchWord(models.Model):
    """A word of the names of the index, once, for "did you mean" (PostgreSQL only: the
    plain backend reads the names). pg_trgm compares a typed word with these few
    thousand short words (migration 0002 adds their trigram index) rather than with the
    whole names of every entry. Kept when no entry holds it any longer: `EntryWord`
    says which ones are public."""

    word = models.TextField()

    class Meta:
        # A constraint, not unique=True: no second index for LIKE, which nothing asks.
        constraints = [models.UniqueConstraint(fields=["word"], name="search_word_unique")]

    def __str__(self):
        return self.word


class EntryWord(models.Model):
    """A word of one entry's names: "did you mean" suggests a word only while a public
    entry holds it. Migration 0002 adds a foreign key that deletes these rows with their
    entry however it is deleted."""

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    word = models.TextField()  # folded
    # The language of the name it is a word of ("" for the words of an index built before
    # languages were kept), and the word as that name writes it ("Musée"): a suggestion
    # is shown as written, and taken from the page's language when one is close enough.
    language = models.CharField(max_length=10, default="")
    written = models.TextField(default="")
    # The entry's, so that a word is suggested only once something public holds it.
    publish_at = models.DateTimeField(null=True)

    class Meta:
        # By word, and by word in one language ("is it a word of the page's language?").
        indexes = [models.Index(fields=["word", "language"], name="search_entry_word_language")]

    def __str__(self):
        return self.word


class PendingChange(models.Model):
    """A row whose document must be indexed again: written in the transaction that
    changed it, taken by the `search.index_pending` task (and beat, if the worker was
    down), so that an edit never waits for or fails on the index."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    # When it was last queued: an indexer takes the row away only if no edit queued it
    # again while it read the row (apps/search/indexing.py).
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_pending_unique")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class QueryCountQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def in_language(self, language: str):
        """The counts of one language, or of all when `language` is empty."""
        return self.filter(language=language) if language else self

    def found_nothing(self):
        return self.filter(found=False)

    def totals(self):
        """One row per query and language, the most searched first: `searches`, and how
        many of them found nothing (`found_nothing`)."""
        return (
            self.order_by()
            .values("language", "query")
            .annotate(
                searches=Sum("count"),
                found_nothing=Sum("count", filter=Q(found=False), default=0),
            )
            .order_by("-searches", "query", "language")
        )


class QueryCount(models.Model):
    """How often a query was searched on one Beijing day in one language, and whether it
    found anything. Counts only: no address, no session, no time of day."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("query"), max_length=200)
    found = models.BooleanField(_("found something"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    objects = QueryCountQuerySet.as_manager()

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
