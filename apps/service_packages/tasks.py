"""Background work of the service desk: retention, and the outbox's former task names."""

from celery import shared_task

from apps.core.outbox import outbox_dispatch, outbox_send

from .notifications import REQUEST_EMAILS
from .services import drafts_purge, requests_purge


@shared_task(name="service_packages.purge", ignore_result=True)
def purge() -> dict:
    """Daily: delete closed requests after the retention period, and stale drafts."""
    return {"requests": requests_purge(), "drafts": drafts_purge()}


# The outbox runs as core.outbox_dispatch / core.outbox_send. These names are kept for
# one release so that tasks queued before an upgrade still run.
@shared_task(name="service_packages.dispatch_notifications", ignore_result=True)
def dispatch_notifications() -> int:
    return outbox_dispatch(REQUEST_EMAILS)


@shared_task(name="service_packages.send_notifications", ignore_result=True)
def send_notifications(ids: list[int]) -> dict:
    return dict(outbox_send(REQUEST_EMAILS, [int(pk) for pk in ids]))
