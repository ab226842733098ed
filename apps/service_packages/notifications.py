"""The outbox of service requests: receipts and status emails, each sent once.

The same design as the events app's reminders (see `apps/events/deliveries.py`): a row
committed with the change that owes it, claimed by beat with SKIP LOCKED, locked while
it is sent and marked sent only after the mail server accepted it. Volumes here are
small (a few emails per request), so each task sends one batch without the events
app's batching tricks.
"""

import logging
from collections import Counter
from datetime import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from apps.core.outbox import (
    outbox_claim,
    outbox_defer,
    outbox_hand_out,
    outbox_kick,
    outbox_record_failure,
)

from .models import RequestNotification

logger = logging.getLogger(__name__)

BATCH_SIZE = 20


def notifications_kick() -> None:
    """Ask a worker to send what is owed once the transaction commits (beat is the backstop)."""

    def task():
        from .tasks import dispatch_notifications

        return dispatch_notifications

    outbox_kick(task, label="request emails")


def notifications_dispatch(*, now: datetime | None = None, limit: int = 2000) -> int:
    """Claim due notifications and hand them to workers. Returns how many."""
    from .tasks import send_notifications

    claimed = outbox_claim(
        RequestNotification,
        now=now or timezone.now(),
        requeue_minutes=settings.EVENT_DELIVERY_REQUEUE_MINUTES,
        limit=limit,
    )
    return outbox_hand_out(
        RequestNotification,
        [row[0] for row in claimed],
        task=send_notifications,
        batch_size=BATCH_SIZE,
    )


def _failed(notification: RequestNotification, error: Exception, now: datetime) -> None:
    outbox_record_failure(
        notification, error, now=now, max_attempts=settings.EVENT_DELIVERY_MAX_ATTEMPTS
    )


def notifications_send(ids: list[int], *, now: datetime | None = None) -> Counter:
    """Send the given notifications; safe to repeat or to run twice at once."""
    from .emails import notification_message

    results = Counter()
    connection = None
    try:
        for position, pk in enumerate(ids):
            moment = now or timezone.now()
            with transaction.atomic():
                notification = (
                    RequestNotification.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("request__package", "transition")
                    .filter(pk=pk, state__in=RequestNotification.OPEN_STATES)
                    .first()
                )
                if notification is None:
                    results["not_open"] += 1
                    continue
                try:
                    message = notification_message(notification)
                except Exception as exc:
                    logger.exception("Request email %s could not be rendered", pk)
                    _failed(notification, exc, moment)
                    results["broken"] += 1
                    continue
                try:
                    if connection is None:
                        connection = get_connection(fail_silently=False)
                        connection.open()
                    message.connection = connection
                    message.send()
                except Exception as exc:
                    logger.warning("Request email %s not sent: %s", pk, exc)
                    _failed(notification, exc, moment)
                    results["deferred"] += 1
                    outbox_defer(RequestNotification, ids[position + 1 :], now=moment)
                    break
                notification.state = RequestNotification.State.SENT
                notification.sent_at = timezone.now()
                notification.attempts += 1
                notification.queued_at = None
                notification.save(update_fields=["state", "sent_at", "attempts", "queued_at"])
                results["sent"] += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # A broken connection may fail to close; nothing to keep.
                logger.debug("SMTP connection did not close cleanly", exc_info=True)
    return results
