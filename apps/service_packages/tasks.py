"""Background work of the service desk: the applicants' outbox and retention."""

from celery import shared_task

from .notifications import notifications_dispatch, notifications_send
from .services import drafts_purge, requests_purge


@shared_task(name="service_packages.dispatch_notifications", ignore_result=True)
def dispatch_notifications() -> int:
    """Every minute (and right after a change): hand owed emails to workers."""
    return notifications_dispatch()


@shared_task(name="service_packages.send_notifications", ignore_result=True)
def send_notifications(ids: list[int]) -> dict:
    """Send one batch of request emails by id; a repeated task changes nothing."""
    return dict(notifications_send([int(pk) for pk in ids]))


@shared_task(name="service_packages.purge", ignore_result=True)
def purge() -> dict:
    """Daily: delete closed requests after the retention period, and stale drafts."""
    return {"requests": requests_purge(), "drafts": drafts_purge()}
