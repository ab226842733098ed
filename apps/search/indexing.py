"""Keeping the index in step with the content.

A change to a source's row (or to a row it is made of, `SearchSource.watched`) writes a
`PendingChange` in the same transaction, and after the commit asks the worker to index
it (`search.index_pending`); beat asks every minute too, so a change made while the
worker or the broker was down is indexed once they are back. An edit never waits for
the index and never fails because of it.

A row that stops being public (unpublished, archived, deleted) also leaves the index in
that same transaction: a withdrawn page must not be found even for the seconds the
worker takes. `search_rebuild()` (`manage.py rebuild_search_index`) indexes everything
again.
"""

import logging

from celery import current_app
from django.apps import apps as django_apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.core import extensions
from apps.core.search import SearchDocument, SearchSource

from .analysis import fold
from .backends import backend
from .models import PendingChange, SearchEntry

logger = logging.getLogger(__name__)

INDEX_TASK = "search.index_pending"
# Rows indexed per batch (a rebuild, or a long queue).
BATCH_SIZE = 200
# Longest text kept per language for snippets (the index itself reads it all).
SNIPPET_SOURCE_CHARS = 3000


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
        "names": "\n" + "\n".join(fold(name) for name in names if name) + "\n",
        "body": fold("\n".join([*document.keywords.values(), *document.texts.values()])),
        "starts_at": document.starts_at,
        "ends_at": document.ends_at,
        "publish_at": document.publish_at,
        "boost": document.boost,
        "index": {"A": document.titles, "B": document.keywords, "C": document.texts},
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


def search_rebuild(*, kinds=None, stdout=None) -> dict[str, int]:
    """Index every public row of every source (or of `kinds`) again, dropping entries of
    rows that are gone. Safe while the site runs: each batch replaces its own entries."""
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


def search_index_pending(*, limit: int = 1000) -> int:
    """Index what is waiting (oldest first); each change is taken by one worker only."""
    done = 0
    while done < limit:
        with transaction.atomic():
            pending = list(
                PendingChange.objects.select_for_update(skip_locked=True)
                .order_by("queued_at", "pk")
                .values_list("pk", "kind", "object_id")[:BATCH_SIZE]
            )
            if not pending:
                break
            by_kind: dict[str, set[int]] = {}
            for _, kind, object_id in pending:
                by_kind.setdefault(kind, set()).add(object_id)
            sources = search_sources()
            for kind, ids in by_kind.items():
                if kind in sources:  # a source no longer installed: nothing to index
                    search_index(kind, ids)
            PendingChange.objects.filter(pk__in=[row[0] for row in pending]).delete()
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
    PendingChange.objects.bulk_create(
        [PendingChange(kind=kind, object_id=pk) for pk in ids], ignore_conflicts=True
    )
    transaction.on_commit(_kick)


def _withdraw_if_hidden(kind: str, instance) -> None:
    """A row that the public may no longer see leaves the index at once."""
    status = getattr(instance, "status", None)
    if status is not None and status != "published":
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


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

            uid = f"search:{kind}:{label}"
            post_save.connect(touched, sender=watched, weak=False, dispatch_uid=f"{uid}:save")
            post_delete.connect(touched, sender=watched, weak=False, dispatch_uid=f"{uid}:del")
        for through in _m2m_throughs(model):

            def related(sender, instance, action, kind=kind, model=model, **kwargs):
                if action.startswith("post_") and isinstance(instance, model):
                    search_queue(kind, [instance.pk])

            m2m_changed.connect(
                related, sender=through, weak=False, dispatch_uid=f"search:{kind}:{through}"
            )


def _m2m_throughs(model):
    return [field.remote_field.through for field in model._meta.many_to_many]
