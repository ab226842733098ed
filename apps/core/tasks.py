"""Background tasks of the core app."""

import logging

from celery import shared_task
from django.utils import timezone

from .models import Heartbeat
from .outbox import (
    DISPATCH_TASK,
    SEND_TASK,
    TRANSIENT_DATABASE_ERRORS,
    outbox_dispatch,
    outbox_get,
    outbox_send,
    outboxes,
)
from .services import heartbeat_record, logs_purge
from .staff_notifications import failed_emails_notify, staff_emails_purge

logger = logging.getLogger(__name__)


@shared_task(name="core.ping")
def ping(payload: str = "pong") -> dict:
    """Answer at once: proves that a worker takes tasks from the broker and replies."""
    return {"reply": payload, "at": timezone.now().isoformat()}


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Log and record from beat's schedule so operators (and the administrators' overview)
    can see that beat and a worker are alive."""
    now = timezone.now()
    heartbeat_record(name=Heartbeat.BEAT, at=now)
    logger.info("celery heartbeat at %s", now.isoformat())


# Short retries for a database that went away (a restart, a failover): seconds, not
# the requeue of rows that no worker reported on. How many: CELERY_TASK_ANNOTATIONS
# (5, so after 1, 2, 4, 8 and 16 seconds), which overrides a decorator's max_retries.
_RETRY_TRANSIENT = {
    "autoretry_for": TRANSIENT_DATABASE_ERRORS,
    "retry_backoff": 1,
    "retry_backoff_max": 30,
    "retry_jitter": False,
}


@shared_task(name=DISPATCH_TASK, ignore_result=True, **_RETRY_TRANSIENT)
def outbox_dispatch_task(name: str | None = None) -> int:
    """Every minute (and right after a change): hand owed emails to workers; alert on
    failures. One outbox by name, or all of them."""
    selected = [outbox_get(name)] if name else outboxes()
    handed = sum(outbox_dispatch(outbox) for outbox in selected)
    if name is None:
        failed_emails_notify()
    return handed


@shared_task(name=SEND_TASK, ignore_result=True, **_RETRY_TRANSIENT)
def outbox_send_task(name: str, ids: list[int]) -> dict:
    """Send one batch of an outbox by id; a repeated or retried task sends nothing twice."""
    return dict(outbox_send(outbox_get(name), [int(pk) for pk in ids]))


@shared_task(name="core.purge_staff_emails", ignore_result=True)
def purge_staff_emails() -> int:
    """Daily: emails to staff sent or not needed, after STAFF_EMAIL_RETENTION_DAYS.
    Idempotent: a second run finds nothing more to delete."""
    return staff_emails_purge()


@shared_task(name="core.purge_logs", ignore_result=True)
def purge_logs() -> dict:
    """Daily: security and personal-data log lines past their retention period.
    Idempotent: a second run finds nothing more to delete."""
    return logs_purge()
