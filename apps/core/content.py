"""The content version: one number that changes whenever what the public pages show does.

Apps name the models their public pages are made of in their AppConfig
(`public_models = ("Event", ...)`); core never imports them. Saving or deleting one of
those rows, or changing one of their many-to-many relations, bumps the number once per
transaction, after it commits, so no process can see the new number before the new
content. Caches of rendered pages, fragments and filter choices put the number in their
keys (`content_version()`), so they are retired together, on every process and machine,
without sending anything to them.

A process reads the number at most once every CONTENT_VERSION_CHECK_SECONDS. A change
made by the process itself is seen at once: the process also counts its own changes as
they happen (the second part of the version), which is what a test running inside one
transaction that never commits sees.
"""

import logging
import time

from django.apps import apps as django_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

_state = {"number": None, "checked": 0.0, "local": 0}
# How long a process keeps what it keyed by content version (it is retired sooner when
# the version changes; this only bounds memory for entries no one asks for again).
KEPT_SECONDS = 3600


def content_version() -> str:
    """The current content version ("<shared number>.<this process's changes>").

    The shared number is read from the database at most once per interval.
    """
    now = time.monotonic()
    if (
        _state["number"] is None
        or now - _state["checked"] >= settings.CONTENT_VERSION_CHECK_SECONDS
    ):
        _state["number"] = _read()
        _state["checked"] = now
    return f"{_state['number']}.{_state['local']}"


def publication_key() -> str:
    """A key for what `published()` returns across the public models: the content version,
    and the moment the next row published for later goes live (what is published changes
    then with no edit). The database is asked once per version, and again when that moment
    passes. Read it before the content it keys, as `content_version()`.
    """
    from django.core.cache import caches

    version = content_version()
    local = caches["local"]
    key = f"core:next-publication:{version}"
    upcoming = local.get(key)
    now = timezone.now()
    if upcoming is None or (upcoming and upcoming <= now):
        # None waits: kept as "", not as a missing entry.
        upcoming = next_publication(now) or ""
        local.set(key, upcoming, KEPT_SECONDS)
    return f"{version}:{upcoming.isoformat() if upcoming else '-'}"


def next_publication(now, models=None):
    """When the next row of `models` (all publishable public models) published for later
    goes live; None if none is. One query."""
    from .models import PublishableModel, PublishingStatus

    scheduled = [
        model.objects.filter(status=PublishingStatus.PUBLISHED, publish_at__gt=now)
        .order_by()  # no ORDER BY inside a UNION: SQLite refuses one
        .values_list("publish_at", flat=True)
        for model in (models or public_models())
        if issubclass(model, PublishableModel)
    ]
    if not scheduled:
        return None
    return scheduled[0].union(*scheduled[1:]).order_by("publish_at").first()


def kept_listing_page(key: str, number, per_page: int, *, count, keys):
    """Page `number` (as the address gives it) of a listing, and the keys of its rows.

    `count()` counts the listing's rows and `keys(start, end)` reads the keys of rows
    start..end in its order; both are kept in this process under `key`, which must name
    everything they depend on (`publication_key()`, filters, language, and for lists that
    change with time, when they next do). A kept page reads neither.
    """
    from django.core.cache import caches
    from django.core.paginator import Paginator

    local = caches["local"]
    total = local.get(f"{key}:count")
    if total is None:
        total = count()
        local.set(f"{key}:count", total, KEPT_SECONDS)
    # Paging a range: the page's number and links without another query.
    page = Paginator(range(total), per_page).get_page(number)
    pks_key = f"{key}:{page.number}"
    pks = local.get(pks_key) if total else []
    if pks is None:
        pks = list(keys(page.start_index() - 1, page.end_index()))
        local.set(pks_key, pks, KEPT_SECONDS)
    return page, pks


def _read() -> int:
    from .models import ContentVersion

    try:
        number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    except DatabaseError:
        # Without the database no page renders anyway; a number that changes every call
        # keeps the caches from serving what they cannot check.
        logger.warning("Content version not read", exc_info=True)
        return -int(time.monotonic() * 1000)
    return number or 0


def content_version_forget() -> None:
    """Read the number again at the next call (after a bump, or between tests)."""
    _state["number"] = None


def content_version_bump() -> None:
    """Count a change to public content: at once in this process, for all when it commits.

    Code that changes public rows without model signals (`QuerySet.update()`,
    `bulk_create()`) calls this itself.
    """
    _state["local"] += 1
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        # One bump per transaction: an entry of ours already waiting is enough. Django drops
        # it with the savepoint it was registered in, so a rolled-back change never counts.
        if any(entry[1] is _bump_shared for entry in connection.run_on_commit):
            return
        transaction.on_commit(_bump_shared)
    else:
        _bump_shared()


def _bump_shared() -> None:
    from .models import ContentVersion

    now = timezone.now()
    updated = ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now)
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})
    content_version_forget()


def _on_change(sender, **kwargs):
    content_version_bump()


def _on_m2m_change(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_version_bump()


def public_models() -> list:
    """The models public pages are made of, as the apps declare them."""
    found = []
    for config in django_apps.get_app_configs():
        for name in getattr(config, "public_models", ()):
            found.append(config.get_model(name))
    return found


def content_version_connect() -> None:
    """Bump the version on every change to a public model (called from CoreConfig.ready)."""
    for model in public_models():
        uid = f"content-version-{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_m2m_change,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
