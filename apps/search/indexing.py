"""Keeping the index in step with the content.

A change to a source's row (or to a row it is made of, `SearchSource.watched`) writes a
`PendingChange` in the same transaction, and after the commit asks the worker to index
it (`search.index_pending`); beat asks every minute too, so a change made while the
worker or the broker was down is indexed once they are back. An edit never waits for
the index and never fails because of it.

A row that stops being public (unpublished, archived, deleted, put off to a later
time) also leaves the index in that same transaction: a withdrawn page must not be found
even for the seconds the worker takes. `search_rebuild()` (`manage.py
rebuild_search_index`) indexes everything again.

One indexer runs at a time, and a change queued again while it runs (a second edit of
the row it is reading) stays queued: otherwise the worker could store the text it read
before that edit and forget the edit.
"""

import logging
from contextlib import contextmanager
from functools import reduce
from operator import or_

from celery import current_app
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from apps.core import extensions
from apps.core.i18n import language_codes
from apps.core.search import SearchDocument, SearchSource, joined

from .analysis import fold
from .backends import backend
from .models import PendingChange, SearchEntry

logger = logging.getLogger(__name__)

INDEX_TASK = "search.index_pending"
# Rows indexed per batch (a rebuild, or a long queue).
BATCH_SIZE = 200
# Longest text kept per language for snippets (the index itself reads it all).
SNIPPET_SOURCE_CHARS = 3000
# The PostgreSQL advisory lock held by the one indexer at work ("search" in ASCII).
INDEXER_LOCK = 0x736561726368


def search_sources() -> dict[str, SearchSource]:
    """Every registered source by kind, in the order of the type filter."""
    sources = [
        source
        for provider in extensions.extension_providers(extensions.SEARCH_SOURCES)
        for source in provider()
    ]
    return {source.kind: source for source in sorted(sources, key=lambda s: s.order)}


def _entry(kind: str, document: SearchDocument) -> dict:
    names = [*document.titles.values(), *document.keywords.values()]
    return {
        "kind": kind,
        "object_id": document.object_id,
        "slug": document.slug,
        "titles": document.titles,
        "texts": {
            language: text[:SNIPPET_SOURCE_CHARS] for language, text in document.texts.items()
        },
        # Shortest first: the search reads the first name holding the query as the
        # shortest one (apps/search/backends.py).
        "names": "\n" + "\n".join(sorted((fold(name) for name in names if name), key=len)) + "\n",
        "body": fold(
            "\n".join(
                [
                    *document.keywords.values(),
                    *document.texts.values(),
                    *document.related.values(),
                ]
            )
        ),
        "starts_at": document.starts_at,
        "ends_at": document.ends_at,
        "publish_at": document.publish_at,
        "boost": document.boost,
        "index": {
            "A": document.titles,
            "B": document.keywords,
            "C": joined(document.texts, document.related, languages=language_codes()),
        },
    }


def search_index(kind: str, ids) -> int:
    """Index the rows `ids` of `kind` again: their documents replace their entries, and
    rows that are no longer public leave the index. Returns the number indexed."""
    source = search_sources()[kind]
    ids = list(ids)
    documents = list(source.documents(ids))
    rows = [_entry(kind, document) for document in documents]
    kept = {document.object_id for document in documents}
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=set(ids) - kept).delete()
        backend().store(rows)
    return len(rows)


@contextmanager
def _indexer_lock_held():
    """The indexer's lock for as long as the block runs, across transactions: workers
    leave the queue alone meanwhile (a rebuild's texts may be older than the changes
    queued during it)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [INDEXER_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [INDEXER_LOCK])


def search_rebuild(*, kinds=None, stdout=None) -> dict[str, int]:
    """Index every public row of every source (or of `kinds`) again, dropping entries of
    rows that are gone. Safe while the site runs: each batch replaces its own entries,
    and changes made meanwhile stay queued for `search_index_pending()` after it."""
    with _indexer_lock_held():
        return _rebuild(kinds=kinds, stdout=stdout)


def _rebuild(*, kinds, stdout) -> dict[str, int]:
    counts = {}
    for kind, source in search_sources().items():
        if kinds and kind not in kinds:
            continue
        documents = list(source.documents(None))
        for start in range(0, len(documents), BATCH_SIZE):
            with transaction.atomic():
                backend().store(
                    [_entry(kind, document) for document in documents[start : start + BATCH_SIZE]]
                )
        SearchEntry.objects.filter(kind=kind).exclude(
            object_id__in=[document.object_id for document in documents]
        ).delete()
        counts[kind] = len(documents)
        if stdout:
            stdout.write(f"{kind}: {len(documents)}")
    if not kinds:
        SearchEntry.objects.exclude(kind__in=list(counts)).delete()
    return counts


def _sole_indexer() -> bool:
    """Take the indexer's lock for the current transaction; False if another has it.

    Two indexers could read a row before and after an edit and store the two texts in
    the wrong order. The one at work takes whatever is queued meanwhile, and beat comes
    every minute for a change queued just as it stopped.
    """
    if connection.vendor != "postgresql":  # the demo's SQLite: one worker
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [INDEXER_LOCK])
        return cursor.fetchone()[0]


def search_index_pending(*, limit: int = 1000) -> int:
    """Index what is waiting (oldest first); returns the number of changes taken."""
    done = 0
    while done < limit:
        with transaction.atomic():
            if not _sole_indexer():
                break
            pending = list(
                PendingChange.objects.order_by("queued_at", "pk").values_list(
                    "pk", "kind", "object_id", "queued_at"
                )[: min(BATCH_SIZE, limit - done)]
            )
            if not pending:
                break
            by_kind: dict[str, set[int]] = {}
            for _, kind, object_id, _ in pending:
                by_kind.setdefault(kind, set()).add(object_id)
            sources = search_sources()
            for kind, ids in by_kind.items():
                if kind in sources:  # a source no longer installed: nothing to index
                    search_index(kind, ids)
            # A change queued again since we read the queue has a later time: the text
            # stored may be older than it, so it stays for the next round.
            PendingChange.objects.filter(
                reduce(or_, (Q(pk=pk, queued_at=queued_at) for pk, _, _, queued_at in pending))
            ).delete()
        done += len(pending)
    return done


def _kick():
    try:
        current_app.signature(INDEX_TASK).delay()
    except Exception:  # the broker is down: beat indexes the change when it is back
        logger.warning("Could not reach the task queue; the search index waits for beat.")


def search_queue(kind: str, ids) -> None:
    """Index these rows again after the current transaction commits."""
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    # A row already waiting gets the new time: an indexer reading it now leaves it queued.
    PendingChange.objects.bulk_create(
        [PendingChange(kind=kind, object_id=pk) for pk in ids],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["queued_at"],
    )
    # One request to the worker per transaction, however many rows it changed (a data
    # import, an admin action): with the broker down each request waits for its timeout.
    # Django drops our entry with the savepoint it was registered in.
    if connection.in_atomic_block and any(entry[1] is _kick for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick)


def _withdraw_if_hidden(kind: str, instance) -> None:
    """A row that the public may no longer see leaves the index at once (the worker
    indexes it again if it is published for later)."""
    status = getattr(instance, "status", None)
    publish_at = getattr(instance, "publish_at", None)
    if (status is not None and status != "published") or (
        publish_at is not None and publish_at > timezone.now()
    ):
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


def _relation_columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if field.is_relation]


def search_index_connect() -> None:
    """Connect the signals of every source's model and of the models it watches."""
    for kind, source in search_sources().items():
        model = django_apps.get_model(source.model)

        def saved(sender, instance, raw=False, kind=kind, **kwargs):
            if raw:  # loaddata: the rebuild indexes fixtures
                return
            _withdraw_if_hidden(kind, instance)
            search_queue(kind, [instance.pk])

        def deleted(sender, instance, kind=kind, **kwargs):
            SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()
            PendingChange.objects.filter(kind=kind, object_id=instance.pk).delete()

        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search:{kind}:save")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"search:{kind}:delete")
        for label, affected in source.watched.items():
            watched = django_apps.get_model(label)

            def touched(sender, instance, raw=False, kind=kind, affected=affected, **kwargs):
                if not raw:
                    search_queue(kind, affected(instance))

            def moving(sender, instance, raw=False, kind=kind, affected=affected, **kwargs):
                """A row that changes owner (a stop moved to another route) leaves the
                old owner's document too: index the owners it had before the save."""
                if raw or instance._state.adding or instance.pk is None:
                    return
                columns = _relation_columns(sender)
                if not columns:
                    return
                before = sender._base_manager.filter(pk=instance.pk).only(*columns).first()
                if before is not None and any(
                    getattr(before, name) != getattr(instance, name) for name in columns
                ):
                    search_queue(kind, affected(before))

            uid = f"search:{kind}:{label}"
            pre_save.connect(moving, sender=watched, weak=False, dispatch_uid=f"{uid}:move")
            post_save.connect(touched, sender=watched, weak=False, dispatch_uid=f"{uid}:save")
            # Before the delete: its rows still point at it (a venue deleted sets its
            # events' venue to NULL and drops its partner links before post_delete).
            pre_delete.connect(touched, sender=watched, weak=False, dispatch_uid=f"{uid}:del")
        for field in model._meta.many_to_many:
            through = field.remote_field.through

            # Not `model=` as a parameter: m2m_changed sends `model` itself (the class of
            # the rows added or removed), which would replace the default.
            def related(
                sender,
                instance,
                action,
                pk_set=None,
                kind=kind,
                source=model,
                name=field.name,
                **kwargs,
            ):
                if isinstance(instance, source):  # venue.categories.add(category)
                    if action.startswith("post_"):
                        search_queue(kind, [instance.pk])
                elif action in ("post_add", "post_remove"):  # category.venue_set.add(venue)
                    search_queue(kind, pk_set or ())
                elif action == "pre_clear":  # category.venue_set.clear(): before they go
                    search_queue(
                        kind,
                        source._base_manager.filter(**{name: instance}).values_list(
                            "pk", flat=True
                        ),
                    )

            m2m_changed.connect(
                related, sender=through, weak=False, dispatch_uid=f"search:{kind}:{through}"
            )
