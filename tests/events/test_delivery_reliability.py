"""Each email once, whatever happens: racing dispatchers, a task run twice, a worker
killed mid-batch, a mail server refusing, Redis down (issue #6, items 2, 3 and 6).

Real parts only: PostgreSQL, Redis, Celery workers (in a thread, and a `celery worker`
process where one must be SIGKILLed) and an SMTP server (tests/events/smtp_sink.py).
Every message carries the fixed Message-ID of its delivery row, so "once" is counted
at the SMTP server.
"""

import base64
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import signals
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from kombu import Connection

from apps.core.models import StaffEmail
from apps.core.outbox import outbox_resend, outbox_send
from apps.core.services import publishable_set_status
from apps.core.staff_notifications import STAFF_EMAILS, failed_emails_notify
from apps.core.tasks import outbox_dispatch_task, outbox_send_task
from apps.events.deliveries import (
    REGISTRATION_EMAILS,
    deliveries_dispatch,
    deliveries_send,
    reminder_due_at,
)
from apps.events.forms import form_shown_value
from apps.events.models import Delivery, Event, Registration
from xicheng_portal.celery import app

from .conftest import JOIN_URL, SITE_URL
from .factories import EventFactory
from .smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
QUEUE = "celery"
MESSAGE_ID = re.compile(r"<delivery-(\d+)\.")
LANGUAGES = ("en", "ru", "fr", "zh-hans")


# --- Fixtures and helpers ---------------------------------------------------------------


@pytest.fixture
def broker():
    """The Redis database the test settings use as the broker, emptied before and after.

    A worker of another process on the same database would take these tests' tasks:
    that is said at once rather than as a timeout.
    """
    client = redis.Redis.from_url(app.conf.broker_url)
    db = client.connection_pool.connection_kwargs.get("db", 0)
    consumers = [
        peer["addr"]
        for peer in client.client_list()
        if int(peer.get("db", -1)) == db and peer.get("cmd") == "brpop"
    ]
    if consumers:
        pytest.fail(f"Celery workers of other processes consume Redis db {db}: {consumers}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def sink(settings, broker):
    """A real SMTP server; Django's SMTP backend (in this process) sends to it."""
    with SmtpSink() as server:
        for name, value in server.django_settings().items():
            setattr(settings, name, value)
        yield server


def _wait(condition, *, timeout: float = 60.0, what: str = "", interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@contextlib.contextmanager
def _worker():
    """A real Celery worker in a thread of this process, on the test broker."""
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield


@contextlib.contextmanager
def _task_results():
    """(task id, return value) of each task a worker of this process finished, in order."""
    results = []

    def finished(task_id=None, retval=None, **kwargs):
        results.append((task_id, retval))

    signals.task_postrun.connect(finished, weak=False)
    try:
        yield results
    finally:
        signals.task_postrun.disconnect(finished)


def _returned(results, task_id) -> list:
    return [retval for finished_id, retval in list(results) if finished_id == task_id]


def _due(count: int, *, kind: str = Delivery.Kind.REMINDER) -> list[int]:
    """`count` confirmed registrants of one online event, each owed one email due now.

    Reminders are the 2-hour reminder of an event starting in 119 minutes, so due a
    minute ago; confirmations are due now, for an event a month away.
    """
    now = timezone.now().replace(microsecond=0)
    reminder = kind == Delivery.Kind.REMINDER
    start = now + timedelta(minutes=119) if reminder else now + timedelta(days=30)
    event = EventFactory(takes_registrations=True, online=True, join_url=JOIN_URL, starts_at=start)
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            status=Registration.Status.CONFIRMED,
            name=f"Participant {n}",
            email=f"participant-{n}@example.org",
            country="BY",
            language=LANGUAGES[n % len(LANGUAGES)],
            time_zone="Europe/Minsk",
            consented_at=now,
            confirmed_at=now,
        )
        for n in range(count)
    )
    due = reminder_due_at(event, 120) if reminder else now
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            registration=registration,
            kind=kind,
            key="reminder-120" if reminder else "confirmation-1",
            offset_minutes=120 if reminder else None,
            event_sequence=event.sequence,
            due_at=due,
            not_before=due,
        )
        for registration in registrations
    )
    return sorted(delivery.pk for delivery in deliveries)


def _message_ids(ids) -> Counter:
    """The Message-IDs the deliveries' emails carry, once each."""
    host = SITE_URL.split("//")[1]
    return Counter(
        f"<delivery-{pk}.{key}@{host}>"
        for pk, key in Delivery.objects.filter(pk__in=ids).values_list("pk", "key")
    )


def _received(sink) -> list[int]:
    """The delivery ids of the messages the sink accepted, in order, repeats included."""
    return [int(MESSAGE_ID.match(message_id).group(1)) for message_id in sink.message_ids()]


def _states(ids) -> Counter:
    return Counter(Delivery.objects.filter(pk__in=ids).values_list("state", flat=True))


def _all_sent(ids):
    return lambda: _states(ids) == Counter({Delivery.State.SENT: len(ids)})


def _queued(broker) -> list[dict]:
    """The outbox's task messages waiting in the Redis queue: name, id, arguments, raw
    message. (Rows these tests create ask the search index to catch up too: its task,
    `search.index_pending`, is not theirs and is left out.)"""
    tasks = []
    for raw in broker.lrange(QUEUE, 0, -1):
        envelope = json.loads(raw)
        body = envelope["body"]
        if envelope["properties"].get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args, _kwargs, _embed = json.loads(body)
        headers = envelope["headers"]
        if headers["task"].startswith("search."):
            continue
        tasks.append({"task": headers["task"], "id": headers["id"], "args": args, "raw": raw})
    return tasks


def _take_batches(broker) -> list[list[int]]:
    """Remove the send tasks from the queue and give their batches of ids."""
    tasks = _queued(broker)
    broker.delete(QUEUE)
    return [task["args"][1] for task in tasks if task["task"] == "core.outbox_send"]


def _round(broker, now) -> Counter:
    """Beat and a worker at `now`: claim what is due, send the batches handed out."""
    claimed = deliveries_dispatch(now=now)
    ids = [pk for batch in _take_batches(broker) for pk in batch]
    assert len(ids) == claimed
    return deliveries_send(ids, now=now) if ids else Counter()


def _in_thread(target, *args):
    """Run `target` in a thread with its own database connection, closed at the end."""
    failures = []

    def run():
        try:
            target(*args)
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, failures


def _join(*started, timeout: float = 60.0):
    for thread, failures in started:
        thread.join(timeout)
        assert not thread.is_alive(), "a thread did not finish"
        if failures:
            raise failures[0]


# --- Two dispatchers ---------------------------------------------------------------------


def test_two_dispatchers_racing_hand_out_each_due_delivery_once(sink, broker):
    ids = _due(300)
    # A third session holds 50 rows (as a worker sending them would): the dispatchers
    # skip them instead of waiting, and take them once they are free.
    held = ids[:50]
    locked, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            list(Delivery.objects.select_for_update().filter(pk__in=held))
            locked.set()
            release.wait(60)

    holder = _in_thread(hold)
    assert locked.wait(30)

    claimed = Counter()
    start = threading.Barrier(2)

    def beat(name):
        start.wait(30)
        while count := deliveries_dispatch(limit=25):
            claimed[name] += count

    _join(_in_thread(beat, "first"), _in_thread(beat, "second"))
    assert claimed.total() == 250
    handed = [pk for task in _queued(broker) for pk in task["args"][1]]
    assert sorted(handed) == ids[50:]  # each once, none of the held rows

    release.set()
    _join(holder)
    assert deliveries_dispatch() == 50
    assert deliveries_dispatch() == 0
    handed = [pk for task in _queued(broker) for pk in task["args"][1]]
    assert sorted(handed) == ids
    assert _states(ids) == Counter({Delivery.State.QUEUED: 300})

    with _worker():
        _wait(_all_sent(ids), what="300 deliveries sent")
    assert sink.counts() == _message_ids(ids)


# --- The same task twice -------------------------------------------------------------------


def test_a_redelivered_send_task_sends_nothing_twice(sink, broker):
    ids = _due(30)
    assert deliveries_dispatch() == 30
    [task] = _queued(broker)
    with _task_results() as results, _worker():
        _wait(lambda: _returned(results, task["id"]), what="the task to run")
        assert _states(ids) == Counter({Delivery.State.SENT: 30})
        # The broker hands the same message out again, as it does when a worker's
        # acknowledgement was lost: same task, same ids.
        broker.lpush(QUEUE, task["raw"])
        _wait(lambda: len(_returned(results, task["id"])) == 2, what="the second run")
    assert _returned(results, task["id"]) == [{"sent": 30}, {"not_open": 30}]
    assert sink.counts() == _message_ids(ids)
    # And once more, as a retry of the task would run it.
    assert outbox_send_task(*task["args"]) == {"not_open": 30}
    assert sink.counts() == _message_ids(ids)


def test_the_same_batch_sent_by_two_workers_at_once_sends_each_once(sink, broker):
    ids = _due(40)
    assert deliveries_dispatch() == 40
    [task] = _queued(broker)
    batch = task["args"]
    sink.slow(0.01)  # so the two runs overlap for the whole batch
    results = []
    start = threading.Barrier(2)

    def worker():
        start.wait(30)
        results.append(outbox_send_task(*batch))

    _join(_in_thread(worker), _in_thread(worker))
    assert sum(result.get("sent", 0) for result in results) == 40
    assert sum(result.get("not_open", 0) for result in results) == 40
    assert sink.counts() == _message_ids(ids)
    assert _states(ids) == Counter({Delivery.State.SENT: 40})


def test_a_change_during_a_batch_is_seen_by_the_rows_after_it(sink, broker):
    ids = _due(4)
    rows = {row.pk: row for row in Delivery.objects.select_related("registration__event")}
    event = rows[ids[0]].registration.event

    def change(message):
        def write():
            sent = len(sink.messages)
            if sent == 1:  # the second registration is cancelled (its row left open)
                registration = Registration.objects.get(pk=rows[ids[1]].registration_id)
                registration.status = Registration.Status.CANCELLED
                registration.save()
            elif sent == 2:  # the event is taken offline
                publishable_set_status(obj=Event.objects.get(pk=event.pk), status="draft")

        # Before the server's "250": the worker is still on the row just sent.
        _join(_in_thread(write))

    sink.on_message = change
    assert deliveries_dispatch() == 4
    [batch] = _take_batches(broker)
    assert deliveries_send(batch) == Counter({Delivery.State.SENT: 2, Delivery.State.SKIPPED: 2})
    states = dict(Delivery.objects.filter(pk__in=ids).values_list("pk", "state"))
    assert [states[pk] for pk in ids] == ["sent", "skipped", "sent", "skipped"]
    assert sink.counts() == _message_ids([ids[0], ids[2]])


# --- A worker killed mid-batch ---------------------------------------------------------------


def _database_url() -> str:
    """The test database, for a worker process."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    user = quote(db.get("USER") or "", safe="")
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextlib.contextmanager
def _worker_process(sink, log_path: Path):
    """`celery -A xicheng_portal worker` as operators run it, in its own process group."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.base",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": app.conf.broker_url,
        "EMAIL_URL": sink.url,
        "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
        "SITE_URL": SITE_URL,
        "PYTHONPATH": str(BASE_DIR),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "xicheng_portal",
        "worker",
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        f"--hostname=doomed-{os.getpid()}@%h",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


def _kill_worker_mid_batch(sink, broker, tmp_path, count=20):
    """A worker process takes a batch and is SIGKILLed while it sends the fourth email.

    Returns the ids, the task and the ids the sink had received at the kill.
    """
    ids = _due(count)
    assert deliveries_dispatch() == count
    [task] = _queued(broker)
    # Slow, and holding the fourth RCPT: the kill lands inside an SMTP conversation,
    # never in the instant between the server's "250" and the row's commit.
    sink.slow(0.3)
    sink.hold_after(3)
    log_path = tmp_path / "worker.log"
    with _worker_process(sink, log_path) as process:
        try:
            sink.wait_for(
                lambda s: len(s.messages) >= 3 and s.in_rcpt, timeout=90, what="3 messages"
            )
        except AssertionError:
            print(log_path.read_text(errors="replace")[-4000:])
            raise
        os.killpg(process.pid, signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    received = _received(sink)
    sink.accept()
    return ids, task, received


def _requeue_and_send(ids, sink):
    """What beat does once OUTBOX_REQUEUE_SECONDS and OUTBOX_SENDING_TIMEOUT have passed,
    with a new worker running."""
    wait = max(settings.OUTBOX_REQUEUE_SECONDS, settings.OUTBOX_SENDING_TIMEOUT) + 60
    later = timezone.now() + timedelta(seconds=wait)

    def sent_after_dispatch():
        # The dead worker's database session may hold its row a moment longer; the
        # next beat run takes it (SKIP LOCKED), as in production.
        deliveries_dispatch(now=later)
        return _all_sent(ids)()

    _wait(sent_after_dispatch, what="every delivery sent", interval=0.25)


@pytest.mark.real_clock  # the worker is another process, on the real clock
def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(sink, broker, tmp_path):
    ids, task, received = _kill_worker_mid_batch(sink, broker, tmp_path)

    assert len(received) == len(set(received)) == 3
    # What the server accepted was marked sent; the row in the conversation the kill cut
    # is left "sending" (in doubt); the rest waits, handed out but unsent.
    states = dict(Delivery.objects.filter(pk__in=ids).values_list("pk", "state"))
    assert {pk for pk, state in states.items() if state == Delivery.State.SENT} == set(received)
    assert Counter(states.values()) == Counter(
        {Delivery.State.SENT: 3, Delivery.State.SENDING: 1, Delivery.State.QUEUED: 16}
    )
    # Acknowledged late: the killed worker's message is still the broker's, not lost.
    assert broker.hlen("unacked") == 1
    # Too early to hand the rows out again: a worker may still be sending them.
    assert deliveries_dispatch() == 0

    with _worker():
        _requeue_and_send(ids, sink)
    assert sink.counts() == _message_ids(ids)


@pytest.mark.real_clock  # the worker is another process, on the real clock
def test_a_task_retried_after_the_requeue_sent_its_rows_sends_nothing(sink, broker, tmp_path):
    ids, task, received = _kill_worker_mid_batch(sink, broker, tmp_path)
    with _task_results() as results, _worker():
        _requeue_and_send(ids, sink)
        assert sink.counts() == _message_ids(ids)
        # Only the dead worker's message is left unacknowledged.
        _wait(lambda: broker.hlen("unacked") == 1, what="the live worker's acks")
        # The broker gives the dead worker's message to a live worker, as it does once
        # the visibility timeout has passed (an hour; here at once).
        with Connection(app.conf.broker_url, transport_options={"visibility_timeout": 0}) as conn:
            conn.default_channel.qos.restore_visible(num=100, interval=1)
        _wait(lambda: _returned(results, task["id"]), what="the retried task to run")
        _wait(lambda: broker.hlen("unacked") == 0, what="the retried task's ack")
    assert _returned(results, task["id"]) == [{"not_open": 20}]
    assert sink.counts() == _message_ids(ids)


# --- The mail server refusing ---------------------------------------------------------------


def test_refused_recipients_are_retried_with_back_off_then_sent_once(sink, broker):
    ids = _due(5)
    sink.refuse("451 4.3.0 Greylisted, try again later", times=15, at="rcpt")
    start = timezone.now()
    expected_wait = [1, 2, 4]  # minutes after each refusal
    moment = start
    for attempt, wait in enumerate(expected_wait, start=1):
        assert _round(broker, moment) == Counter({"refused": 5})
        rows = list(Delivery.objects.filter(pk__in=ids))
        assert {row.state for row in rows} == {Delivery.State.PENDING}
        assert {row.attempts for row in rows} == {attempt}
        assert {row.not_before for row in rows} == {moment + timedelta(minutes=wait)}
        assert all("451" in row.last_error for row in rows)
        # Nothing is tried before its time.
        assert deliveries_dispatch(now=moment + timedelta(minutes=wait, seconds=-1)) == 0
        moment += timedelta(minutes=wait)
    assert sink.refused == 15 and sink.messages == []

    assert _round(broker, moment) == Counter({Delivery.State.SENT: 5})
    assert _round(broker, moment + timedelta(minutes=30)) == Counter()
    assert sink.counts() == _message_ids(ids)
    assert {row.attempts for row in Delivery.objects.filter(pk__in=ids)} == {4}


def test_a_server_refusing_the_connection_defers_the_rest_of_the_batch(sink, broker):
    ids = _due(5)
    sink.refuse("421 4.7.0 Too busy, closing connection", times=1, at="mail")
    start = timezone.now()
    assert _round(broker, start) == Counter({"deferred": 1})
    rows = {row.pk: row for row in Delivery.objects.filter(pk__in=ids)}
    first = rows[ids[0]]
    assert (first.state, first.attempts) == (Delivery.State.PENDING, 1)
    assert "421" in first.last_error
    # The rest were never tried: no attempt counted, back in a minute.
    assert {(rows[pk].state, rows[pk].attempts) for pk in ids[1:]} == {(Delivery.State.PENDING, 0)}
    assert {row.not_before for row in rows.values()} == {start + timedelta(minutes=1)}

    assert _round(broker, start + timedelta(minutes=1)) == Counter({Delivery.State.SENT: 5})
    assert sink.counts() == _message_ids(ids)


def test_a_delivery_refused_for_the_give_up_period_fails_and_administrators_are_told(
    sink, broker, settings, django_user_model
):
    settings.OUTBOX_GIVE_UP_AFTER_HOURS = 3
    settings.ADMINS = [("", "ops@example.org")]
    [pk] = _due(1, kind=Delivery.Kind.CONFIRMATION)
    sink.refuse("451 4.3.0 Mailbox busy", times=100, at="rcpt")
    waits = []
    start = moment = timezone.now()
    while True:
        assert _round(broker, moment) == Counter({"refused": 1})
        delivery = Delivery.objects.get(pk=pk)
        if delivery.state != Delivery.State.PENDING:
            break
        waits.append((delivery.not_before - moment) / timedelta(minutes=1))
        moment = delivery.not_before
    # Back-off doubles from a minute and stops growing at an hour; the row fails on
    # the first refusal once it has been failing for three hours, not after a count.
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert moment - start >= timedelta(hours=3) > moment - start - timedelta(minutes=60)
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == len(waits) + 1
    assert delivery.failing_since == start
    assert "451" in delivery.last_error and "Mailbox busy" in delivery.last_error
    # A failed delivery is not tried again by itself, even once the server accepts.
    sink.accept()
    assert _round(broker, moment + timedelta(days=1)) == Counter()
    assert sink.messages == []

    # Administrators are told once, through the staff outbox and the mail server.
    assert failed_emails_notify() == 1
    assert failed_emails_notify() == 0
    [alert_row] = StaffEmail.objects.all()
    assert outbox_send(STAFF_EMAILS, [alert_row.pk]) == Counter({StaffEmail.State.SENT: 1})
    [alert] = sink.messages
    assert alert.rcpt_tos == ("ops@example.org",)
    raw = alert.raw.decode()
    assert "/admin/events/delivery/?state__exact=failed" in raw

    # Staff send it again from the admin: due now, sent once, with its own Message-ID.
    sink.clear()
    staff = django_user_model.objects.create_superuser("ops", "ops@example.org", "x" * 20)
    assert outbox_resend(REGISTRATION_EMAILS, [delivery], user=staff) == 1
    assert _round(broker, timezone.now()) == Counter({Delivery.State.SENT: 1})
    assert sink.counts() == _message_ids([pk])


# --- Redis down -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=1)
    _wait(lambda: _answers(client), timeout=20, what=f"redis-server on port {port}")
    client.close()
    return process


def _answers(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


def _use_broker(url: str) -> None:
    """Point this process's Celery app at another Redis.

    The app keeps its pools of connections and producers; dropped here, they are taken
    again from kombu's pools for the new address. (Not closed: kombu hands the same pool
    out again when the first address is back.)
    """
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def private_redis(settings):
    """A Redis of the test's own that it can stop, serving as broker and cache."""
    previous = app.conf.broker_url  # read through to Django's settings: before they change
    port = _free_port()
    url = f"redis://127.0.0.1:{port}/0"
    servers = [_redis_server(port)]
    settings.CELERY_BROKER_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    _use_broker(url)
    try:
        yield port, servers
    finally:
        _use_broker(previous)
        for server in servers:
            if server.poll() is None:
                server.send_signal(signal.SIGCONT)
                server.kill()
            server.wait(10)


@pytest.mark.parametrize("outage", ["stopped", "stalled"])
def test_a_registration_while_redis_is_down_is_confirmed_once_when_it_is_back(
    client, sink, private_redis, outage
):
    port, servers = private_redis
    event = EventFactory(takes_registrations=True, capacity=10)
    with translation.override("en"):
        url = event.get_register_url()
    page = client.get(url)
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    [server] = servers
    if outage == "stopped":
        server.kill()
        server.wait(10)
    else:  # accepts connections, answers nothing
        server.send_signal(signal.SIGSTOP)

    started = time.monotonic()
    response = client.post(
        url,
        {
            "name": "Alena",
            "email": "alena@example.org",
            "country": "BY",
            "language": "ru",
            "time_zone": "Europe/Minsk",
            "consent": "on",
            "form_token": token,
            "shown": form_shown_value(now=time.time() - 60),  # shown a minute ago
        },
    )
    took = time.monotonic() - started
    assert response.status_code == 200, response.content.decode()[:2000]
    # At most one Redis timeout for the rate limits (3 s; the process then counts alone
    # for a while, apps/core/ratelimit.py) and one for the broker (2 s to connect).
    assert took < 8, f"the visitor waited {took:.1f} s"
    registration = Registration.objects.get(email="alena@example.org")
    confirmation = registration.deliveries.get(kind=Delivery.Kind.CONFIRMATION)
    assert confirmation.state == Delivery.State.PENDING  # committed, waiting for beat

    if outage == "stopped":
        servers.append(_redis_server(port))
    else:
        server.send_signal(signal.SIGCONT)
    with _task_results() as results, _worker():
        beat = outbox_dispatch_task.delay()  # what beat publishes every minute
        _wait(_all_sent([confirmation.pk]), what="the confirmation sent")
        _wait(lambda: _returned(results, beat.id), what="beat's dispatch")
        again = outbox_dispatch_task.delay()
        _wait(lambda: _returned(results, again.id), what="the next dispatch")
    assert _returned(results, again.id) == [0]
    assert sink.counts() == _message_ids([confirmation.pk])
    [message] = sink.messages
    assert message.to == "alena@example.org"


# --- Beat ------------------------------------------------------------------------------


def test_beat_runs_the_outbox_every_minute_and_the_purge_daily():
    by_task = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    dispatch = by_task["core.outbox_dispatch"]
    assert isinstance(dispatch, crontab)
    every = (dispatch.minute, dispatch.hour, dispatch.day_of_week, dispatch.day_of_month)
    assert every == (set(range(60)), set(range(24)), set(range(7)), set(range(1, 32)))
    purge = by_task["events.purge_registrations"]
    assert isinstance(purge, crontab)
    assert len(purge.minute) == 1 and len(purge.hour) == 1
    assert (purge.day_of_week, purge.day_of_month) == (set(range(7)), set(range(1, 32)))
    app.loader.import_default_modules()
    assert {"core.outbox_dispatch", "core.outbox_send", "events.purge_registrations"} <= set(
        app.tasks
    )
