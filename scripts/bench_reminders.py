"""Reminder throughput: the outbox and its workers against a plain smtplib loop (`make bench`).

Sends BENCH_MAIL_COUNT (default 10,000) due reminders to a local SMTP sink (aiosmtpd, in
a thread of this script), twice in the same run:

(a) as in production: `celery -A xicheng_portal worker` (prefork, as many processes as
    docs/deploy.md's worker unit runs, production settings) sends what `deliveries_dispatch`
    (beat's job) hands out, each row locked, checked, rendered and marked sent;
(b) a plain smtplib loop sends the same messages (the bytes the sink received in (a))
    over one connection, with nothing else to do.

It prints the messages per second of each and their ratio, and exits non-zero when the
pipeline is below half the plain loop or when a reminder did not arrive exactly once.

    make bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xicheng \\
        REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python scripts/bench_reminders.py

It works in a database of its own on the server of DATABASE_URL
(`<name>_bench_mail_<pid>`: created, migrated and dropped, so two runs never share one)
and purges the Celery queue in the Redis of REDIS_URL.
BENCH_MAIL_COUNT and BENCH_MAIL_CONCURRENCY (worker processes) change the defaults.

Both runs use the same sink, in this process: the plain loop shares a core with it, the
workers share all cores with it and with PostgreSQL, so the ratio depends on the machine
(on 2 cores: about 330 against 640 messages a second). The CPU time per message of the
workers and of the sink is printed to show where the time goes.
"""

import os
import re
import resource
import secrets
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import environ  # noqa: E402
import psycopg2  # noqa: E402
import redis  # noqa: E402

COUNT = int(os.environ.get("BENCH_MAIL_COUNT", "10000"))
DEPLOY_GUIDE = ROOT / "docs" / "deploy.md"


def deployed_concurrency(guide: Path = DEPLOY_GUIDE) -> int:
    """The worker processes of docs/deploy.md's worker unit (`--concurrency=N`), or one per
    CPU (Celery's default) when the guide names none.

    Sending email mostly waits (for the SMTP server's replies, for PostgreSQL), so the
    guide runs more processes than cores; the bench measures the worker as deployed.
    """
    found = re.search(
        r"celery -A xicheng_portal worker[^`]*?--concurrency=(\d+)", guide.read_text()
    )
    return int(found.group(1)) if found else (os.cpu_count() or 1)


# Worker processes: as docs/deploy.md runs them.
CONCURRENCY = int(os.environ.get("BENCH_MAIL_CONCURRENCY", "0")) or deployed_concurrency()
EVENTS = 10
TARGET_RATIO = 0.5
TIMEOUT_SECONDS = 900
# Its own database per run, named after DATABASE_URL's and this process, so that two
# runs (or a run beside the test suite) never drop each other's.
BENCH_DATABASE = f"{{name}}_bench_mail_{os.getpid()}"
SITE_URL = "https://portal.example.org"
ZONES = ("Asia/Shanghai", "Europe/Minsk", "Europe/Paris", "America/Sao_Paulo", "Asia/Tokyo")


def _database_url(config: dict, name: str) -> str:
    user = quote(config.get("USER") or "", safe="")
    password = f":{quote(config['PASSWORD'], safe='')}" if config.get("PASSWORD") else ""
    host, port = config.get("HOST") or "127.0.0.1", config.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _server(config: dict):
    """A connection to the server's maintenance database, to create and drop ours."""
    server = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
    )
    server.autocommit = True  # CREATE and DROP DATABASE refuse to run in a transaction
    return server


def _bench_database(config: dict) -> str:
    return BENCH_DATABASE.format(name=config.get("NAME") or "xicheng")


def _drop_database(config: dict) -> None:
    with closing(_server(config)) as server, server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{_bench_database(config)}" WITH (FORCE)')


def _create_database(config: dict) -> None:
    _drop_database(config)
    with closing(_server(config)) as server, server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{_bench_database(config)}"')


def _environment(database_url: str) -> dict:
    """Production settings, as a worker's EnvironmentFile gives them (docs/deploy.md)."""
    return {
        "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "SITE_URL": SITE_URL,
        "DATABASE_URL": database_url,
        "DEFAULT_FROM_EMAIL": "Xicheng International Exchange <noreply@portal.example.org>",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def seed(count: int) -> list[int]:
    """`count` confirmed registrants of online events, each with a reminder due now."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.core.i18n import language_codes
    from apps.events.deliveries import reminder_due_at
    from apps.events.models import Delivery, Event, Registration

    now = timezone.now().replace(microsecond=0)
    languages = language_codes()
    events = []
    for n in range(EVENTS):
        event = Event(
            slug=f"bench-mail-{n}",
            title_zh_hans=f"线上交流 {n}",
            title_en=f"Online exchange {n}",
            title_ru=f"Онлайн-обмен {n}",
            summary_en="An online exchange used to measure the reminders.",
            category=Event.Category.EXCHANGE,
            # A minute apart, as reminders of different events are due at different times.
            starts_at=now + timedelta(minutes=119 - n),
            ends_at=now + timedelta(minutes=239 - n),
            time_zone="Asia/Shanghai",
            is_online=True,
            join_url=f"https://meet.example.org/bench-{n}",
            takes_registrations=True,
            status="published",
        )
        event.save()
        events.append(event)
    registrations = Registration.objects.bulk_create(
        (
            Registration(
                event=events[n % EVENTS],
                status=Registration.Status.CONFIRMED,
                name=f"Participant {n}",
                email=f"participant-{n}@example.org",
                country="BY",
                language=languages[n % len(languages)],
                time_zone=ZONES[n % len(ZONES)],
                consented_at=now,
                confirmed_at=now,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    due = {event.pk: reminder_due_at(event, 120) for event in events}
    deliveries = Delivery.objects.bulk_create(
        (
            Delivery(
                registration=registration,
                kind=Delivery.Kind.REMINDER,
                key="reminder-120",
                offset_minutes=120,
                due_at=due[registration.event_id],
                not_before=due[registration.event_id],
            )
            for registration in registrations
        ),
        batch_size=2000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return [delivery.pk for delivery in deliveries]


def _purge_queue(client) -> None:
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def start_workers(env: dict, log_path: Path) -> tuple[subprocess.Popen, str]:
    """The worker of docs/deploy.md, with its number of processes, in its own process group."""
    hostname = f"bench-mail-{os.getpid()}@%h"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "xicheng_portal",
        "worker",
        "--loglevel=INFO",
        f"--concurrency={CONCURRENCY}",
        f"--hostname={hostname}",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            command,
            cwd=ROOT,
            env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, hostname.replace("%h", os.uname().nodename)


def wait_until_ready(app, process, hostname: str, log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while not app.control.ping(destination=[hostname], timeout=1.0):
        if process.poll() is not None or time.monotonic() > deadline:
            print(log_path.read_text(errors="replace")[-4000:])
            raise SystemExit("The Celery worker did not start.")


def stop_workers(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process (the sink) and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run_pipeline(sink, ids: list[int]) -> float:
    """Dispatch everything that is due and wait until the sink has every message."""
    from apps.events.deliveries import deliveries_dispatch
    from apps.events.models import Delivery

    started = time.perf_counter()
    while deliveries_dispatch():
        pass
    deadline = time.monotonic() + TIMEOUT_SECONDS
    # Polled, not waited for message by message: this process also runs the sink.
    while len(sink.messages) < len(ids):
        if time.monotonic() > deadline:
            raise SystemExit(f"Only {len(sink.messages)} of {len(ids)} messages arrived.")
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    # The last row is marked sent a moment after the server accepted it.
    deadline = time.monotonic() + 30
    while Delivery.objects.filter(state=Delivery.State.SENT).count() < len(ids):
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    return elapsed


def run_plain_loop(sink, messages) -> float:
    """The same messages, one connection, nothing else: what SMTP alone costs."""
    client = smtplib.SMTP(sink.hostname, sink.port, timeout=30)
    started = time.perf_counter()
    for message in messages:
        client.sendmail(message.mail_from, list(message.rcpt_tos), message.raw)
    elapsed = time.perf_counter() - started
    client.quit()
    return elapsed


def check_once(sink, ids: list[int], failures: list[str]) -> None:
    from apps.events.models import Delivery

    counts = sink.counts()
    twice = sum(1 for seen in counts.values() if seen > 1)
    sent = Delivery.objects.filter(pk__in=ids, state=Delivery.State.SENT).count()
    if len(counts) != len(ids) or twice or sent != len(ids):
        failures.append(
            f"exactly once: {len(counts)} distinct messages, {twice} more than once, "
            f"{sent} of {len(ids)} rows marked sent"
        )


def main() -> None:
    config = environ.Env.db_url_config(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xicheng")
    )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    database_url = _database_url(config, _bench_database(config))
    env = {**_environment(database_url), "REDIS_URL": redis_url}
    os.environ.update(env)

    from tests.events.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    env["EMAIL_URL"] = os.environ["EMAIL_URL"] = sink.url
    _create_database(config)
    process = None
    failures = []
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from xicheng_portal.celery import app

        call_command("migrate", verbosity=0)
        queue = redis.Redis.from_url(redis_url)
        _purge_queue(queue)
        ids = seed(COUNT)
        print(f"{COUNT} reminders due, {EVENTS} events, {len(settings.LANGUAGES)} languages")

        with tempfile.TemporaryDirectory() as folder:
            log_path = Path(folder) / "worker.log"
            process, hostname = start_workers(env, log_path)
            wait_until_ready(app, process, hostname, log_path)
            before = _cpu_seconds()
            pipeline = run_pipeline(sink, ids)
            sink_cpu = _cpu_seconds()[0] - before[0]
            stop_workers(process)
            worker_cpu = _cpu_seconds()[1] - before[1]
        check_once(sink, ids, failures)
        messages = list(sink.messages)
        sink.clear()
        plain = run_plain_loop(sink, messages)
        if len(sink.messages) != len(messages):
            failures.append(f"plain loop: {len(sink.messages)} of {len(messages)} arrived")

        pipeline_rate, plain_rate = COUNT / pipeline, COUNT / plain
        ratio = pipeline_rate / plain_rate
        label = f"outbox + {CONCURRENCY} worker processes"
        print(f"{label:34} {pipeline_rate:8.0f} msg/s")
        print(f"{'plain smtplib loop':34} {plain_rate:8.0f} msg/s")
        print(f"{'ratio':34} {ratio:8.2f}   (target >= {TARGET_RATIO})")
        print(
            f"CPU per message in the pipeline: workers {worker_cpu / COUNT * 1000:.2f} ms "
            f"(start-up included), this process (the sink) {sink_cpu / COUNT * 1000:.2f} ms"
        )
        if ratio < TARGET_RATIO:
            failures.append(f"the pipeline sends {ratio:.2f} of the plain loop's rate")
        connection.close()
        _purge_queue(queue)
    finally:
        if process is not None:
            stop_workers(process)
        sink.stop()
        _drop_database(config)
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("\nAll targets met.")


if __name__ == "__main__":
    main()
