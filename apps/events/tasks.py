"""Background work of the events app: the registration outbox and its retention."""

from celery import shared_task

from .deliveries import deliveries_dispatch, deliveries_send
from .registrations import registrations_purge


@shared_task(name="events.dispatch_deliveries", ignore_result=True)
def dispatch_deliveries() -> int:
    """Every minute (and right after a registration): hand due emails to workers."""
    return deliveries_dispatch()


@shared_task(name="events.send_deliveries", ignore_result=True)
def send_deliveries(ids: list[int]) -> dict:
    """Send one batch of deliveries by id; idempotent, so a redelivered task is harmless."""
    return dict(deliveries_send([int(pk) for pk in ids]))


@shared_task(name="events.purge_registrations", ignore_result=True)
def purge_registrations() -> int:
    """Daily: delete registrants' personal data once the retention period is over."""
    return registrations_purge()
