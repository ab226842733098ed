"""The outbox of registrations: which emails are owed, and what sending one needs.

A `Delivery` row is written in the same transaction as the change that owes it; the
one send loop of `apps/core/outbox.py` sends it (claimed by beat, taken in a short
transaction, "sent" committed the moment the server accepts). This module says which
deliveries are owed (`delivery_add`, the reminder plan), which may still go out
(`_verdict`: a cancelled place, a postponed or finished event, a reminder too late)
and how a batch renders them (`_Batch`: one event and language per batch).
"""

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection as db_connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.outbox import Outbox, outbox_dispatch, outbox_kick, outbox_send

from .emails import delivery_message
from .models import Delivery, Event, Registration
from .reminders import reminder_due_at

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
    outbox_kick(RegistrationEmails.name)


# --- Sending -------------------------------------------------------------------------------


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
    if kind == Delivery.Kind.CONFIRM_ADDRESS and registration.address_confirmed_at is not None:
        return Delivery.State.SKIPPED
    if (
        kind == Delivery.Kind.CONFIRM_ADDRESS
        and registration.status == Registration.Status.HELD
        and registration.held_until <= now
    ):
        # "A place is held for you" after the hold ended (the expiry had not run yet).
        return Delivery.State.SKIPPED
    return None


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
        self._take_sql = None

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
        return None if delivery is None else self._attach(delivery)

    def take(self, pk: int, *, now: datetime) -> Delivery | None:
        """Mark the delivery `sending` if it is still open, in one statement (PostgreSQL).

        What `Outbox.take` does in a transaction (BEGIN, SELECT … FOR UPDATE, UPDATE,
        COMMIT), here in one round trip: the row's UPDATE locks it, and a worker that
        lost the race finds it no longer open. The commit skips the disk flush (see
        core's outbox); the registration's and event's save times come back with it.
        """
        if self._take_sql is None:
            quote = db_connection.ops.quote_name
            delivery, registration, event = (
                quote(model._meta.db_table) for model in (Delivery, Registration, Event)
            )
            state, sending_since, queued_at, pk_, registration_id, event_id, updated_at = (
                quote(name)
                for name in (
                    "state",
                    "sending_since",
                    "queued_at",
                    "id",
                    "registration_id",
                    "event_id",
                    "updated_at",
                )
            )
            # Identifiers from the models, values as parameters.
            self._take_sql = " ".join(
                [
                    "SET LOCAL synchronous_commit TO OFF;",
                    f"UPDATE {delivery} AS d SET {state} = %s, {sending_since} = %s,",  # noqa: S608
                    f"{queued_at} = NULL FROM {registration} AS r, {event} AS e",
                    f"WHERE d.{pk_} = %s AND d.{state} IN (%s, %s)",
                    f"AND r.{pk_} = d.{registration_id} AND e.{pk_} = r.{event_id}",
                    f"RETURNING d.*, r.{updated_at} AS registration_saved_at,",
                    f"e.{updated_at} AS event_saved_at",
                ]
            )
        params = [Delivery.State.SENDING, now, pk, *Delivery.OPEN_STATES]
        delivery = next(iter(Delivery.objects.raw(self._take_sql, params)), None)
        return None if delivery is None else self._attach(delivery)

    def _attach(self, delivery: Delivery) -> Delivery:
        """Give the delivery its registration and event, reloaded only if saved since."""
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


class RegistrationEmails(Outbox):
    """Confirmations, waitlist and cancellation emails, updates and reminders."""

    name = "events.deliveries"
    model = Delivery
    label = _("registration emails")
    claim_fields = ("pk", "registration__event_id", "registration__language")

    def batch_size_now(self) -> int:
        return settings.OUTBOX_BATCH_SIZE

    def order(self, rows):
        # Batches of one event and language: a batch renders each email once.
        return sorted(rows, key=lambda row: (row[1], row[2], row[0]))

    def new_batch(self, ids):
        return _Batch(ids)

    def take(self, pk, batch, *, now):
        if db_connection.vendor == "postgresql":
            return batch.take(pk, now=now)
        return super().take(pk, batch, now=now)

    def lock(self, pk, batch):
        return batch.lock(pk)

    def verdict(self, row, now):
        return _verdict(row, now)

    def message(self, row, batch, *, now):
        return delivery_message(row, batch_cache=batch.rendered, now=now)

    def prepare_resend(self, row, now):
        if row.kind == Delivery.Kind.REMINDER:
            # The grace period counts from the resend; it still goes only before the start.
            row.due_at = now
            return ["due_at"]
        return []


REGISTRATION_EMAILS = RegistrationEmails()


def deliveries_dispatch(*, now: datetime | None = None, limit: int = 10_000) -> int:
    """Claim due deliveries and hand them to workers in batches. Returns how many."""
    return outbox_dispatch(REGISTRATION_EMAILS, now=now, limit=limit)


def deliveries_send(ids: list[int], *, now: datetime | None = None) -> Counter:
    """Send the given deliveries over one SMTP connection; each is recorded on its own."""
    return outbox_send(REGISTRATION_EMAILS, ids, now=now)
