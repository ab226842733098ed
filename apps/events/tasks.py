"""Background work of the events app: retention, and the outbox's former task names."""

from celery import shared_task

from apps.core.outbox import outbox_dispatch, outbox_send

from .deliveries import REGISTRATION_EMAILS
from .registrations import registrations_purge


@shared_task(name="events.purge_registrations", ignore_result=True)
def purge_registrations() -> int:
    """Daily: delete registrants' personal data once the retention period is over."""
    return registrations_purge()


# The outbox runs as core.outbox_dispatch / core.outbox_send. These names are kept for
# one release so that tasks queued before an upgrade still run.
@shared_task(name="events.dispatch_deliveries", ignore_result=True)
def dispatch_deliveries() -> int:
    return outbox_dispatch(REGISTRATION_EMAILS)


@shared_task(name="events.send_deliveries", ignore_result=True)
def send_deliveries(ids: list[int]) -> dict:
    return dict(outbox_send(REGISTRATION_EMAILS, [int(pk) for pk in ids]))
