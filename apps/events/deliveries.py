"""The outbox of registrations: which emails are owed, and sending each one once.

A `Delivery` row is written in the same transaction as the change that owes it. Beat
runs `deliveries_dispatch` every minute: it claims due rows with `SELECT ... FOR UPDATE
SKIP LOCKED` (two beat processes never claim the same row) and hands their ids to
`send_deliveries` tasks. A send locks its row again for the length of the SMTP
conversation and marks it sent in that transaction, after the server accepted the
message. A worker killed mid-batch rolls back only the row it was on: the row returns
to the queue, is handed out again after `EVENT_DELIVERY_REQUEUE_MINUTES`, and every
row already marked sent stays sent. Message-IDs are fixed per row, so the one message
a crash could leave in doubt (accepted, not yet marked) has the same ID both times.
"""

import logging
from collections import Counter
from datetime import datetime, timedelta
from smtplib import SMTPRecipientsRefused

from celery import current_app
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core.outbox import (
    outbox_claim,
    outbox_defer,
    outbox_hand_out,
    outbox_kick,
    outbox_record_failure,
)

from .emails import delivery_message
from .models import Delivery, Event, Registration
from .reminders import reminder_due_at

logger = logging.getLogger(__name__)

# The tasks of tasks.py, started by name: tasks import this module, not the reverse.
DISPATCH_TASK = "events.dispatch_deliveries"
SEND_TASK = "events.send_deliveries"

# Reminders are held while an event is postponed (its date is not known).
REMINDER_STATUSES = (
    Event.Status.SCHEDULED,
    Event.Status.RESCHEDULED,
    Event.Status.MOVED_ONLINE,
)


# --- Recording what is owed ------------------------------------------------------------


def delivery_add(registration: Registration, *, kind: str, now: datetime) -> Delivery:
    """Record an email the registrant is owed now (inside the caller's transaction)."""
    event = registration.event
    if kind == Delivery.Kind.UPDATE:
        key = f"update-{event.sequence}"
    else:
        # A second confirmation after cancelling and registering again is a new email.
        key = f"{kind}-{Delivery.objects.filter(registration=registration, kind=kind).count() + 1}"
    delivery, _created = Delivery.objects.get_or_create(
        registration=registration,
        key=key,
        defaults={
            "kind": kind,
            "event_sequence": event.sequence,
            "due_at": now,
            "not_before": now,
        },
    )
    return delivery


def deliveries_close_open(deliveries) -> int:
    """Deliveries not sent yet that are no longer wanted."""
    return deliveries.filter(state__in=Delivery.OPEN_STATES).update(state=Delivery.State.SKIPPED)


def _reminders_sync(event: Event, registrations, *, now: datetime) -> None:
    """Make the reminders of confirmed `registrations` match the event's offsets and start.

    A reminder that was sent, failed or missed stays as it is (once per offset). One not
    sent yet moves with the start; one whose time has passed is dropped rather than sent
    late, and so is one whose offset was removed or whose event is postponed.
    """
    offsets = set(event.reminder_offsets.values_list("minutes", flat=True))
    sendable = event.event_status in REMINDER_STATUSES and event.starts_at > now
    due = {minutes: reminder_due_at(event, minutes) for minutes in offsets}
    wanted = {minutes for minutes in offsets if sendable and due[minutes] > now}
    ids = [registration.pk for registration in registrations]
    seen = set()
    changed = []
    for delivery in Delivery.objects.filter(registration_id__in=ids, kind=Delivery.Kind.REMINDER):
        seen.add((delivery.registration_id, delivery.offset_minutes))
        if delivery.state not in (*Delivery.OPEN_STATES, Delivery.State.SKIPPED):
            continue
        if delivery.offset_minutes in wanted:
            when = due[delivery.offset_minutes]
            if delivery.state != Delivery.State.PENDING or delivery.due_at != when:
                delivery.state = Delivery.State.PENDING
                delivery.due_at = delivery.not_before = when
                delivery.event_sequence = event.sequence
                changed.append(delivery)
        elif delivery.state != Delivery.State.SKIPPED:
            delivery.state = Delivery.State.SKIPPED
            changed.append(delivery)
    Delivery.objects.bulk_update(changed, ["state", "due_at", "not_before", "event_sequence"])
    Delivery.objects.bulk_create(
        [
            Delivery(
                registration_id=registration_id,
                kind=Delivery.Kind.REMINDER,
                key=f"reminder-{minutes}",
                offset_minutes=minutes,
                event_sequence=event.sequence,
                due_at=due[minutes],
                not_before=due[minutes],
            )
            for registration_id in ids
            for minutes in sorted(wanted)
            if (registration_id, minutes) not in seen
        ],
        ignore_conflicts=True,
    )


def reminders_plan(registration: Registration, *, event: Event, now: datetime) -> None:
    """Reminders for a newly confirmed place; those whose time has passed are not owed."""
    _reminders_sync(event, [registration], now=now)


def reminders_replan(event: Event, *, now: datetime | None = None) -> None:
    """After the start, status or reminder offsets of an event changed."""
    now = now or timezone.now()
    _reminders_sync(event, list(event.registrations.confirmed()), now=now)
    deliveries_close_open(
        Delivery.objects.filter(registration__event=event, kind=Delivery.Kind.REMINDER).exclude(
            registration__status=Registration.Status.CONFIRMED
        )
    )


def deliveries_kick() -> None:
    """Ask a worker to send what is due as soon as the current transaction commits."""
    outbox_kick(lambda: current_app.signature(DISPATCH_TASK), label="registration emails")


# --- Sending -------------------------------------------------------------------------------


def deliveries_dispatch(*, now: datetime | None = None, limit: int = 10_000) -> int:
    """Claim due deliveries and hand them to workers in batches. Returns how many."""
    claimed = outbox_claim(
        Delivery,
        now=now or timezone.now(),
        requeue_minutes=settings.EVENT_DELIVERY_REQUEUE_MINUTES,
        limit=limit,
        fields=("pk", "registration__event_id", "registration__language"),
    )
    # Batches of one event and language: a batch renders each email once.
    claimed.sort(key=lambda row: (row[1], row[2], row[0]))
    return outbox_hand_out(
        Delivery,
        [row[0] for row in claimed],
        task=current_app.signature(SEND_TASK),
        batch_size=settings.EVENT_DELIVERY_BATCH_SIZE,
    )


def _verdict(delivery: Delivery, now: datetime):
    """None to send now, else the state the delivery takes instead."""
    registration = delivery.registration
    event = registration.event
    kind = delivery.kind
    if delivery.not_before > now:
        return Delivery.State.PENDING  # moved later while it waited for a worker
    if kind != Delivery.Kind.CANCELLED and registration.status == Registration.Status.CANCELLED:
        return Delivery.State.SKIPPED
    if event.ends_at < now:
        return Delivery.State.SKIPPED
    if kind == Delivery.Kind.REMINDER:
        if (
            registration.status != Registration.Status.CONFIRMED
            or not event.is_published
            or event.event_status not in REMINDER_STATUSES
        ):
            return Delivery.State.SKIPPED
        grace = timedelta(minutes=settings.EVENT_REMINDER_GRACE_MINUTES)
        if now >= event.starts_at or now > delivery.due_at + grace:
            return Delivery.State.MISSED
    if kind == Delivery.Kind.PROMOTED and registration.status != Registration.Status.CONFIRMED:
        return Delivery.State.SKIPPED
    if kind == Delivery.Kind.WAITLISTED and registration.status != Registration.Status.WAITLISTED:
        return Delivery.State.SKIPPED
    return None


def _record_failure(delivery: Delivery, error: Exception, now: datetime) -> None:
    outbox_record_failure(
        delivery, error, now=now, max_attempts=settings.EVENT_DELIVERY_MAX_ATTEMPTS
    )


class _Batch:
    """What the rows of one send batch share: registrants, events and .ics files.

    Each row is locked and read again just before it is sent. Its registration and its
    event (a wide row: every text in seven languages) are reloaded only when they were
    saved since the batch loaded them. Building the ORM query of a row cost more than
    the rest of its database work, so the locking query is compiled once per batch.
    """

    _ANY_PK = -1  # stands for the row's key in the compiled query

    def __init__(self, ids: list[int]):
        self.registrations = Registration.objects.filter(
            pk__in=Delivery.objects.filter(pk__in=ids).values("registration_id")
        ).in_bulk()
        self.events = {}
        self.rendered = {}
        self._lock_query = None
        self._mark_sent_sql = None

    def mark_sent(self, delivery: Delivery, *, sent_at: datetime) -> None:
        """Record the server's acceptance, in the row's transaction (plain SQL: per message)."""
        if self._mark_sent_sql is None:
            quote = db_connection.ops.quote_name
            table, state, sent_at_, attempts, queued_at, pk = (
                quote(name)
                for name in (
                    Delivery._meta.db_table,
                    "state",
                    "sent_at",
                    "attempts",
                    "queued_at",
                    "id",
                )
            )
            # Identifiers from the model, values as parameters.
            self._mark_sent_sql = " ".join(
                [
                    f"UPDATE {table} SET {state} = %s, {sent_at_} = %s,",  # noqa: S608
                    f"{attempts} = {attempts} + 1, {queued_at} = NULL WHERE {pk} = %s",
                ]
            )
        with db_connection.cursor() as cursor:
            cursor.execute(self._mark_sent_sql, [Delivery.State.SENT, sent_at, delivery.pk])
        delivery.state, delivery.sent_at = Delivery.State.SENT, sent_at

    def lock(self, pk: int) -> Delivery | None:
        """The delivery, locked until the transaction ends, if it is still open."""
        if self._lock_query is None:
            # Compiled in the first row's transaction, as select_for_update() requires.
            self._lock_query = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .annotate(
                    registration_saved_at=F("registration__updated_at"),
                    event_saved_at=F("registration__event__updated_at"),
                )
                .filter(pk=self._ANY_PK, state__in=Delivery.OPEN_STATES)
                .order_by()
                .query.sql_with_params()
            )
        sql, params = self._lock_query
        params = [pk if param == self._ANY_PK else param for param in params]
        delivery = next(iter(Delivery.objects.raw(sql, params)), None)
        if delivery is None:
            return None
        registration = self.registrations.get(delivery.registration_id)
        if registration is None or registration.updated_at != delivery.registration_saved_at:
            registration = Registration.objects.get(pk=delivery.registration_id)
            self.registrations[registration.pk] = registration
        event = self.events.get(registration.event_id)
        if event is None or event.updated_at != delivery.event_saved_at:
            event = Event.objects.select_related("venue").get(pk=registration.event_id)
            self.events[event.pk] = event
        registration.event = event
        delivery.registration = registration
        return delivery


def deliveries_send(ids: list[int], *, now: datetime | None = None) -> Counter:
    """Send the given deliveries over one SMTP connection; each is marked on its own.

    Safe to run twice or concurrently with the same ids: a row another worker holds is
    skipped, a row already sent is left alone.
    """
    results = Counter()
    connection = None
    batch = _Batch(ids)
    try:
        for position, pk in enumerate(ids):
            moment = now or timezone.now()
            with transaction.atomic():
                delivery = batch.lock(pk)
                if delivery is None:
                    results["not_open"] += 1
                    continue
                verdict = _verdict(delivery, moment)
                if verdict is not None:
                    delivery.state = verdict
                    delivery.queued_at = None
                    delivery.save(update_fields=["state", "queued_at"])
                    results[verdict] += 1
                    continue
                try:
                    message = delivery_message(delivery, batch_cache=batch.rendered)
                except Exception as exc:
                    # A fault in this one message must not hold up the queue behind it.
                    logger.exception("Delivery %s could not be rendered", pk)
                    _record_failure(delivery, exc, moment)
                    results["broken"] += 1
                    continue
                try:
                    if connection is None:
                        connection = get_connection(fail_silently=False)
                        connection.open()
                    message.connection = connection
                    message.send()
                except SMTPRecipientsRefused as exc:
                    # This address is refused; the rest of the batch can still go.
                    _record_failure(delivery, exc, moment)
                    results["refused"] += 1
                    continue
                except Exception as exc:
                    # The server is down or refusing: this row and the rest wait.
                    logger.warning("Delivery %s not sent: %s", pk, exc)
                    _record_failure(delivery, exc, moment)
                    results["deferred"] += 1
                    outbox_defer(Delivery, ids[position + 1 :], now=moment)
                    break
                batch.mark_sent(delivery, sent_at=timezone.now())
                results[Delivery.State.SENT] += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # A broken connection may fail to close; nothing to keep.
                logger.debug("SMTP connection did not close cleanly", exc_info=True)
    return results
