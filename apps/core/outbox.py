"""The one outbox of every email the site owes: record, claim, send once, back off, alert.

An app declares its outbox once (an `Outbox` subclass registered in its AppConfig):
the model (an `OutboxMessage`), which rows may still be sent (`verdict`) and the email
a row stands for (`message`). Everything else happens here, the same for registration
emails, request emails and anniversary notices:

1. A row is written in the transaction that owes the email (`pending`).
2. Beat runs `outbox.dispatch` every minute (a change kicks it at once): due rows are
   claimed with SKIP LOCKED, so two beats never claim the same row, marked `queued`,
   and their ids handed to `outbox.send` tasks in batches.
3. A send takes each row in a short transaction (locked, still open, still wanted) and
   marks it `sending`; the transaction commits before the SMTP conversation starts.
4. The moment the server accepts, "sent" is committed in its own short statement; a
   lost database connection there is retried for `OUTBOX_COMMIT_RETRY_SECONDS`.

What "exactly once" means, precisely: an email is never lost (every row ends sent,
or failed, missed or skipped with a reason staff see), and a second copy needs the
sending process to die, or the database to stay unreachable, in the gap between the
server's acceptance and the commit of "sent" (milliseconds with a local relay). A row
found `sending` after `OUTBOX_SENDING_TIMEOUT` (its worker died) is sent again with the
same Message-ID, so mail systems can drop the copy: the one documented rule.

A refused recipient is that row's failure; any other error (the server down or
refusing) defers the rest of the batch without counting an attempt. Failures are
retried with back-off (1, 2, 4 ... 60 minutes); a row fails only once it has been
failing for `OUTBOX_GIVE_UP_AFTER_HOURS`. Administrators are told of rows that failed
(`staff_notifications.failed_emails_notify`, through this outbox as well), and staff
can send failed or missed emails again from the admin.
"""

import logging
import time
from collections import Counter
from datetime import datetime, timedelta
from smtplib import SMTPRecipientsRefused

from celery import current_app
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError, transaction
from django.db import connection as db_connection
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

# The tasks of core/tasks.py, started by name: no service imports a tasks module.
DISPATCH_TASK = "core.outbox_dispatch"
SEND_TASK = "core.outbox_send"

# Errors of a database that went away for a moment: worth retrying in seconds.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)

_OUTBOXES: dict[str, "Outbox"] = {}


class Outbox:
    """What one kind of email needs beyond the shared loop; subclass and register.

    `model` is an `OutboxMessage` whose `State` has PENDING, QUEUED, SENDING, SENT and
    FAILED (and `OPEN_STATES`: pending and queued).
    """

    name: str = ""  # the registry key, passed to tasks
    model = None
    label = ""  # "registration emails": log lines and the administrators' alert
    batch_size = 20
    # Claimed rows are handed out in this order; the first field is the key.
    claim_fields: tuple = ("pk",)
    related: tuple = ()  # select_related() for locking a row

    def batch_size_now(self) -> int:
        return self.batch_size

    def order(self, rows: list) -> list:
        return rows

    def new_batch(self, ids: list[int]):
        """What the rows of one send batch share (rendered parts, caches)."""
        return {}

    def take(self, pk: int, batch, *, now: datetime):
        """The row, now marked `sending` by this worker, if it was still open; else None.

        One short transaction that commits before the SMTP conversation. An outbox may
        do it in one statement (see the registration emails)."""
        with transaction.atomic():
            row = self.lock(pk, batch)
            if row is not None:
                _start_sending(row, now)
        return row

    def lock(self, pk: int, batch):
        """The row, locked until the transaction ends, if it is still open."""
        return (
            self.model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(*self.related)
            .filter(pk=pk, state__in=self.model.OPEN_STATES)
            .first()
        )

    def verdict(self, row, now: datetime) -> str | None:
        """None to send now, else the state the row takes instead (e.g. skipped)."""
        return None

    def message(self, row, batch, *, now: datetime):
        """The email (an EmailMessage) the row stands for, with its fixed Message-ID."""
        raise NotImplementedError

    def prepare_resend(self, row, now: datetime) -> list[str]:
        """Staff send a failed or missed row again: fields to change beyond the state."""
        return []


def outbox_register(outbox: Outbox) -> Outbox:
    _OUTBOXES[outbox.name] = outbox
    return outbox


def outbox_get(name: str) -> Outbox:
    return _OUTBOXES[name]


def outboxes() -> list[Outbox]:
    return list(_OUTBOXES.values())


def outbox_for_model(model) -> Outbox:
    for outbox in _OUTBOXES.values():
        if outbox.model is model:
            return outbox
    raise LookupError(f"no outbox is registered for {model.__name__}")


# --- Recording and waking -----------------------------------------------------------------


def outbox_kick(name: str) -> None:
    """Wake the dispatcher of outbox `name` once the current transaction commits; beat
    is the backstop."""
    label = outbox_get(name).label

    def kick():
        try:
            current_app.signature(DISPATCH_TASK, args=(name,)).delay()
        except Exception:  # The broker is down: beat sends the outbox when it is back.
            logger.warning("Could not reach the task queue; %s wait for beat.", label)

    transaction.on_commit(kick)


# --- Dispatching --------------------------------------------------------------------------


def _timeout(setting: str) -> timedelta:
    return timedelta(seconds=getattr(settings, setting))


def outbox_claim(outbox: Outbox, *, now: datetime, limit: int) -> list:
    """Claim due rows, rows a lost worker held, and rows left `sending`; mark them queued.

    Returns `claim_fields` of each claimed row, oldest due first.
    """
    model = outbox.model
    State = model.State
    stale_queue = now - _timeout("OUTBOX_REQUEUE_SECONDS")
    stale_sending = now - _timeout("OUTBOX_SENDING_TIMEOUT")
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                Q(state=State.PENDING, not_before__lte=now)
                | Q(state=State.QUEUED, queued_at__lt=stale_queue)
                | Q(state=State.SENDING, sending_since__lt=stale_sending)
                | Q(state=State.SENDING, sending_since__isnull=True)
            )
            .order_by("not_before", "pk")
            .values_list(*outbox.claim_fields, "state")[:limit]
        )
        if rows:
            in_doubt = [row[0] for row in rows if row[-1] == State.SENDING]
            if in_doubt:
                # Its worker died between taking the row and recording the result: the
                # server may have the email. Sent again with the same Message-ID.
                logger.warning("%s: %d left sending; sent again.", outbox.label, len(in_doubt))
                model.objects.filter(pk__in=in_doubt).update(
                    last_error="In doubt: the worker stopped while sending; sent again "
                    "with the same Message-ID."
                )
            model.objects.filter(pk__in=[row[0] for row in rows]).update(
                state=State.QUEUED, queued_at=now, sending_since=None
            )
    return [row[:-1] for row in rows]


def outbox_hand_out(outbox: Outbox, ids: list[int]) -> int:
    """Queue send tasks of a batch of ids each; if the broker fails, the rest wait."""
    model = outbox.model
    size = max(1, outbox.batch_size_now())
    task = current_app.signature(SEND_TASK)
    for start in range(0, len(ids), size):
        try:
            task.delay(outbox.name, ids[start : start + size])
        except Exception:
            logger.exception("Could not hand %s to the task queue; they wait.", outbox.label)
            model.objects.filter(pk__in=ids[start:], state=model.State.QUEUED).update(
                state=model.State.PENDING, queued_at=None
            )
            return start
    return len(ids)


def outbox_dispatch(outbox: Outbox, *, now: datetime | None = None, limit: int = 10_000) -> int:
    """Claim what is due and hand it to workers. Returns how many rows."""
    claimed = outbox.order(outbox_claim(outbox, now=now or timezone.now(), limit=limit))
    return outbox_hand_out(outbox, [row[0] for row in claimed])


# --- Failure ------------------------------------------------------------------------------


def outbox_backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each refusal, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def outbox_record_failure(row, error: Exception, *, now: datetime) -> None:
    """Count a failed attempt: again later with back-off, or FAILED once it has been
    failing for OUTBOX_GIVE_UP_AFTER_HOURS (a period, not a count of quick refusals)."""
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    row.failing_since = row.failing_since or now
    if now - row.failing_since >= timedelta(hours=settings.OUTBOX_GIVE_UP_AFTER_HOURS):
        row.state = row.State.FAILED
    else:
        row.state = row.State.PENDING
        row.not_before = now + outbox_backoff(row.attempts)
    row.queued_at = row.sending_since = None
    row.save(
        update_fields=[
            "attempts",
            "last_error",
            "failing_since",
            "state",
            "not_before",
            "queued_at",
            "sending_since",
        ]
    )


def outbox_defer(model, ids: list[int], *, now: datetime) -> None:
    """The mail server is refusing: the rest of a batch waits a minute, no attempt counted."""
    model.objects.filter(pk__in=ids, state=model.State.QUEUED).update(
        state=model.State.PENDING, queued_at=None, not_before=now + outbox_backoff(1)
    )


# --- Sending ------------------------------------------------------------------------------


class _Statements:
    """The two per-message UPDATEs, compiled once per model: building an ORM query cost
    more than the rest of a row's database work in the reminder benchmark."""

    _cache: dict = {}

    @classmethod
    def of(cls, model) -> "_Statements":
        if model not in cls._cache:
            cls._cache[model] = cls(model)
        return cls._cache[model]

    def __init__(self, model):
        quote = db_connection.ops.quote_name
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        state, sent_at, attempts, queued_at, sending_since, failing_since = (
            quote(name)
            for name in (
                "state",
                "sent_at",
                "attempts",
                "queued_at",
                "sending_since",
                "failing_since",
            )
        )
        # Identifiers from the model, values as parameters.
        self.start = (
            f"UPDATE {table} SET {state} = %s, {sending_since} = %s, "  # noqa: S608
            f"{queued_at} = NULL WHERE {pk} = %s"
        )
        if db_connection.vendor == "postgresql":
            # "Sending" need not wait for the disk: if a database crash loses it, the row
            # is simply queued again, and "sent" (always flushed) still finds it below.
            # One flush per email instead of two is most of the reminder benchmark.
            self.start = f"SET LOCAL synchronous_commit TO OFF; {self.start}"
        self.sent = (
            f"UPDATE {table} SET {state} = %s, {sent_at} = %s, "  # noqa: S608
            f"{attempts} = {attempts} + 1, {sending_since} = NULL, {failing_since} = NULL "
            f"WHERE {pk} = %s AND {state} IN (%s, %s, %s)"
        )


def _start_sending(row, now: datetime) -> None:
    """Inside the row's short transaction: it is this worker's until "sent" or a failure."""
    with db_connection.cursor() as cursor:
        cursor.execute(_Statements.of(type(row)).start, [row.State.SENDING, now, row.pk])
    row.state, row.sending_since, row.queued_at = row.State.SENDING, now, None


def _mark_sent(row) -> None:
    """Commit "sent" at once, in its own statement; a lost connection is retried.

    Only this gap (the server accepted, "sent" not yet committed) can make a second
    copy: retrying here through a database restart keeps it to a process that dies.
    """
    sql = _Statements.of(type(row)).sent
    deadline = time.monotonic() + settings.OUTBOX_COMMIT_RETRY_SECONDS
    pause = 0.1
    while True:
        sent_at = timezone.now()
        try:
            with db_connection.cursor() as cursor:
                cursor.execute(
                    sql,
                    [
                        row.State.SENT,
                        sent_at,
                        row.pk,
                        row.State.SENDING,
                        row.State.QUEUED,
                        row.State.PENDING,
                    ],
                )
            break
        except TRANSIENT_DATABASE_ERRORS:
            if time.monotonic() >= deadline:
                raise
            logger.warning("Could not record email %s as sent; trying again.", row.pk)
            db_connection.close()
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
    row.state, row.sent_at, row.sending_since = row.State.SENT, sent_at, None


def outbox_send(outbox: Outbox, ids: list[int], *, now: datetime | None = None) -> Counter:
    """Send the given rows over one SMTP connection; each is recorded on its own.

    Safe to run twice or concurrently with the same ids: a row another worker holds or
    has taken is left alone, a row already sent is not sent again.
    """
    model = outbox.model
    results = Counter()
    connection = None
    batch = outbox.new_batch(ids)
    try:
        for position, pk in enumerate(ids):
            moment = now or timezone.now()
            row = outbox.take(pk, batch, now=moment)
            if row is None:
                results["not_open"] += 1
                continue
            verdict = outbox.verdict(row, moment)
            if verdict is not None:
                row.state, row.queued_at, row.sending_since = verdict, None, None
                row.save(update_fields=["state", "queued_at", "sending_since"])
                results[verdict] += 1
                continue
            try:
                message = outbox.message(row, batch, now=moment)
            except Exception as exc:
                # A fault in this one message must not hold up the queue behind it.
                logger.exception("%s: email %s could not be rendered", outbox.label, pk)
                outbox_record_failure(row, exc, now=moment)
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
                outbox_record_failure(row, exc, now=moment)
                results["refused"] += 1
                continue
            except Exception as exc:
                # The server is down or refusing: this row and the rest wait.
                logger.warning("%s: email %s not sent: %s", outbox.label, pk, exc)
                outbox_record_failure(row, exc, now=moment)
                results["deferred"] += 1
                outbox_defer(model, ids[position + 1 :], now=moment)
                break
            _mark_sent(row)
            results[row.State.SENT] += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # A broken connection may fail to close; nothing to keep.
                logger.debug("SMTP connection did not close cleanly", exc_info=True)
    return results


# --- Staff: failures and sending again -------------------------------------------------


def outbox_resend(outbox: Outbox, rows, *, user, now: datetime | None = None) -> int:
    """Staff send failed or missed rows again: back in the queue, due now, with the
    same Message-ID. Each is written to the admin's history under `user`."""
    now = now or timezone.now()
    model = outbox.model
    State = model.State
    again = {State.FAILED, getattr(State, "MISSED", State.FAILED)}
    resent = []
    with transaction.atomic():
        for row in model.objects.select_for_update().filter(pk__in=[r.pk for r in rows]):
            if row.state not in again:
                continue
            row.state = State.PENDING
            row.not_before = now
            row.failing_since = row.queued_at = row.sending_since = row.alerted_at = None
            extra = outbox.prepare_resend(row, now)
            row.save(
                update_fields=[
                    "state",
                    "not_before",
                    "failing_since",
                    "queued_at",
                    "sending_since",
                    "alerted_at",
                    *extra,
                ]
            )
            resent.append(row)
        if resent:
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=resent,
                action_flag=CHANGE,
                # In the staff member's language, as the admin writes its own entries.
                change_message=gettext("Sent again: back in the queue with the same Message-ID."),
                single_object=False,
            )
            outbox_kick(outbox.name)
    return len(resent)


def outbox_health(outbox: Outbox, *, now: datetime) -> dict:
    """How one outbox stands, in one query: failed and missed rows, and the rows due but
    not sent yet with the time the oldest of them is due since (None when none waits)."""
    state = outbox.model.State
    due = Q(state__in=outbox.model.OPEN_STATES, not_before__lte=now)
    # Only registration emails can be missed (a reminder after its event).
    missed = Q(state=state.MISSED) if hasattr(state, "MISSED") else Q(pk__in=[])
    return outbox.model.objects.aggregate(
        failed=Count("pk", filter=Q(state=state.FAILED)),
        missed=Count("pk", filter=missed),
        waiting=Count("pk", filter=due),
        oldest_due=Min("not_before", filter=due),
    )
