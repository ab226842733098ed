"""The transactional outbox shared by apps that owe emails: wake, claim, hand out, back off.

An app keeps one model per outbox with the fields `state` (with at least PENDING,
QUEUED and FAILED in its `State`), `not_before`, `queued_at`, `attempts` and
`last_error`, written in the transaction that owes the email. Beat claims due rows
with SKIP LOCKED, so two beats never claim the same row; a row handed to a worker
that never reports back is claimed again after `requeue_minutes`. Sending (and so
what "sent once" means for a kind of email) stays with each app.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

logger = logging.getLogger(__name__)


def outbox_kick(task_getter, *, label: str) -> None:
    """Wake a dispatcher once the current transaction commits; beat is the backstop.

    `task_getter` returns the Celery task (imported late, as tasks import services).
    """

    def kick():
        try:
            task_getter().delay()
        except Exception:  # The broker is down: beat sends the outbox when it is back.
            logger.warning("Could not reach the task queue; %s wait for beat.", label)

    transaction.on_commit(kick)


def outbox_claim(model, *, now: datetime, requeue_minutes: int, limit: int, fields=("pk",)):
    """Claim due rows (and rows a lost worker held) and mark them queued.

    Returns `fields` of each claimed row, oldest due first; the first field is the key.
    """
    stale = now - timedelta(minutes=requeue_minutes)
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                Q(state=model.State.PENDING, not_before__lte=now)
                | Q(state=model.State.QUEUED, queued_at__lt=stale)
            )
            .order_by("not_before", "pk")
            .values_list(*fields)[:limit]
        )
        if rows:
            model.objects.filter(pk__in=[row[0] for row in rows]).update(
                state=model.State.QUEUED, queued_at=now
            )
    return rows


def outbox_hand_out(model, ids: list[int], *, task, batch_size: int) -> int:
    """Queue send tasks of `batch_size` ids; if the broker fails, the rest wait as pending."""
    size = max(1, batch_size)
    for start in range(0, len(ids), size):
        try:
            task.delay(ids[start : start + size])
        except Exception:
            logger.exception("Could not hand %s rows to the task queue; they wait.", model.__name__)
            model.objects.filter(pk__in=ids[start:], state=model.State.QUEUED).update(
                state=model.State.PENDING, queued_at=None
            )
            return start
    return len(ids)


def outbox_backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each refusal, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def outbox_record_failure(row, error: Exception, *, now: datetime, max_attempts: int) -> None:
    """Count a failed attempt: try again later with back-off, or give up as FAILED."""
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= max_attempts:
        row.state = row.State.FAILED
    else:
        row.state = row.State.PENDING
        row.not_before = now + outbox_backoff(row.attempts)
    row.queued_at = None
    row.save(update_fields=["attempts", "last_error", "state", "not_before", "queued_at"])


def outbox_defer(model, ids: list[int], *, now: datetime) -> None:
    """The mail server is refusing: the rest of a batch waits a minute, no attempt counted."""
    model.objects.filter(pk__in=ids, state=model.State.QUEUED).update(
        state=model.State.PENDING, queued_at=None, not_before=now + outbox_backoff(1)
    )
