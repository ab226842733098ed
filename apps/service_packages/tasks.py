"""Background work of the service desk: retention, unfinished forms, the outbox's old names."""

from celery import shared_task

from apps.core.outbox import outbox_dispatch, outbox_send

from .desk_notices import desk_notify_overdue
from .notifications import REQUEST_EMAILS
from .services import drafts_purge, requests_purge, upload_usage_purge


@shared_task(name="service_packages.purge", ignore_result=True)
def purge() -> dict:
    """Daily: delete closed requests after the retention period, and stale drafts."""
    return {"requests": requests_purge(), "drafts": drafts_purge()}


@shared_task(name="service_packages.purge_drafts", ignore_result=True)
def purge_drafts() -> dict:
    """Every 10 minutes: stale unfinished forms with their uploads, and yesterday's
    upload counts. Idempotent: a second run finds nothing more to delete."""
    return {"drafts": drafts_purge(), "upload_usage": upload_usage_purge()}


@shared_task(name="service_packages.notify_overdue", ignore_result=True)
def notify_overdue() -> int:
    """Every 10 minutes: tell the desk of requests that became overdue, each once."""
    return desk_notify_overdue()


# The outbox runs as core.outbox_dispatch / core.outbox_send. These names are kept for
# one release so that tasks queued before an upgrade still run.
@shared_task(name="service_packages.dispatch_notifications", ignore_result=True)
def dispatch_notifications() -> int:
    return outbox_dispatch(REQUEST_EMAILS)


@shared_task(name="service_packages.send_notifications", ignore_result=True)
def send_notifications(ids: list[int]) -> dict:
    return dict(outbox_send(REQUEST_EMAILS, [int(pk) for pk in ids]))
