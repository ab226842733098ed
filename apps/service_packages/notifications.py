"""The outbox of service requests: receipts and status emails, each sent once.

The same design as the events app's reminders (see `apps/events/deliveries.py`): a row
committed with the change that owes it, claimed by beat with SKIP LOCKED, locked while
it is sent and marked sent only after the mail server accepted it. Volumes here are
small (a few emails per request), so each task sends one batch without the events
app's batching tricks.
"""

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import RequestNotification

logger = logging.getLogger(__name__)

BATCH_SIZE = 20


def notifications_kick() -> None:
    """Ask a worker to send what is owed once the transaction commits (beat is the backstop)."""

    def kick():
        from .tasks import dispatch_notifications

        try:
            dispatch_notifications.delay()
        except Exception:  # The broker is down: beat sends the outbox when it is back.
            logger.warning("Could not reach the task queue; request emails wait for beat.")

    transaction.on_commit(kick)


def notifications_dispatch(*, now: datetime | None = None, limit: int = 2000) -> int:
    """Claim due notifications and hand them to workers. Returns how many."""
    from .tasks import send_notifications

    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.EVENT_DELIVERY_REQUEUE_MINUTES)
    with transaction.atomic():
        ids = list(
            RequestNotification.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=RequestNotification.State.PENDING, not_before__lte=now)
                | Q(state=RequestNotification.State.QUEUED, queued_at__lt=stale)
            )
            .order_by("not_before", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            RequestNotification.objects.filter(pk__in=ids).update(
                state=RequestNotification.State.QUEUED, queued_at=now
            )
    for start in range(0, len(ids), BATCH_SIZE):
        try:
            send_notifications.delay(ids[start : start + BATCH_SIZE])
        except Exception:
            logger.exception("Could not hand request emails to the task queue; they wait.")
            RequestNotification.objects.filter(
                pk__in=ids[start:], state=RequestNotification.State.QUEUED
            ).update(state=RequestNotification.State.PENDING, queued_at=None)
            return start
    return len(ids)


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def _failed(notification: RequestNotification, error: Exception, now: datetime) -> None:
    notification.attempts += 1
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    if notification.attempts >= settings.EVENT_DELIVERY_MAX_ATTEMPTS:
        notification.state = RequestNotification.State.FAILED
    else:
        notification.state = RequestNotification.State.PENDING
        notification.not_before = now + _backoff(notification.attempts)
    notification.queued_at = None
    notification.save(update_fields=["attempts", "last_error", "state", "not_before", "queued_at"])


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
                    RequestNotification.objects.filter(
                        pk__in=ids[position + 1 :], state=RequestNotification.State.QUEUED
                    ).update(
                        state=RequestNotification.State.PENDING,
                        queued_at=None,
                        not_before=moment + _backoff(1),
                    )
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
