"""Background work of the events app: retention, and the outbox's former task names."""

from celery import shared_task

from apps.core.outbox import outbox_dispatch, outbox_send

from .deliveries import REGISTRATION_EMAILS
from .registrations import (
    events_with_expired_holds,
    registrations_expire_holds,
    registrations_purge,
)


@shared_task(name="events.purge_registrations", ignore_result=True)
def purge_registrations() -> int:
    """Daily: delete registrants' personal data once the retention period is over."""
    return registrations_purge()


@shared_task(name="events.expire_holds", ignore_result=True)
def expire_holds(event_ids: list[int] | None = None) -> int:
    """Every minute: places held past their time go to the waitlist or back to the pool.

    Without ids, the events that have such holds; a second delivery changes nothing.
    """
    ids = event_ids if event_ids is not None else events_with_expired_holds()
    return sum(registrations_expire_holds(event_id=int(pk)) for pk in ids)


# The outbox runs as core.outbox_dispatch / core.outbox_send. These names are kept for
# one release so that tasks queued before an upgrade still run.
@shared_task(name="events.dispatch_deliveries", ignore_result=True)
def dispatch_deliveries() -> int:
    return outbox_dispatch(REGISTRATION_EMAILS)


@shared_task(name="events.send_deliveries", ignore_result=True)
def send_deliveries(ids: list[int]) -> dict:
    return dict(outbox_send(REGISTRATION_EMAILS, [int(pk) for pk in ids]))
