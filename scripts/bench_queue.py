"""The staff queue at 50,000 requests: time and SQL queries of the admin's list pages.

Logs in an officer of the service desk and requests the changelist of service requests
through Django's full stack: the first page, each list filter, a search by an exact
reference, a search by part of an enterprise name, and page 100. Prints the median and
95th-percentile time of BENCH_QUEUE_REPEAT requests (default 10) and the SQL queries of
one, and exits non-zero when a page's median is over 300 ms or it makes more than 8
queries. The median, not the p95, is held to the target: on a shared machine one slow
sample says more about the neighbours than about the page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xicheng \\
        REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python scripts/bench_queue.py [--drop]

It works in a database of its own on the server of DATABASE_URL, `<name>_bench_queue`,
migrated and seeded on the first run and kept for the next (a run waits for another one
on the same database, never shares it); `--drop` drops it at the end. `--json` prints
the rows as JSON for another script; `measure()` returns them to a caller in-process.
"""

import argparse
import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.test")

COUNT = int(os.environ.get("BENCH_QUEUE_COUNT", "50000"))
REPEAT = int(os.environ.get("BENCH_QUEUE_REPEAT", "10"))
TARGET_MS = 300.0
TARGET_MAX_QUERIES = 8
YEARS = 3
CHANGELIST = "/admin/service_packages/servicerequest/"
REFERENCE = "XC-{year}-000777"
NAME_PART = "Huaxin"
OFFICERS = ("wang.fang", "li.na", "zhang.wei", "liu.yang", "chen.jing", "yang.lei", "zhao.min")
PACKAGES = (
    ("going-abroad", "出境服务", "Going Abroad", 10),
    ("foreign-investment", "外资企业服务", "Foreign investment", 15),
    ("talent", "外籍人才服务", "Foreign talent", 20),
    ("exhibitions", "展会与交流", "Exhibitions and exchanges", 10),
    ("single-window", "国际贸易单一窗口", "Single window", 5),
    ("consular", "领事协助", "Consular assistance", 3),
)
CITIES = ("Beijing", "Shanghai", "Tianjin", "Minsk", "Lyon", "Osaka", "Porto", "Izmir")
CORES = (
    "Huaxin",
    "Zhongke",
    "Jinding",
    "Hengtai",
    "Muster",
    "Dupont",
    "Rossi",
    "Sakura",
    "Volga",
    "Andes",
    "Nile",
    "Baltic",
    "Atlas",
    "Lotus",
    "Cedar",
    "Harbour",
    "Summit",
    "Meridian",
    "Orion",
    "Silk Road",
)
TRADES = ("Trading", "Technology", "Logistics", "Culture", "Medical", "Engineering")
FORMS = ("Co., Ltd.", "GmbH", "SARL", "SpA", "K.K.", "LLC", "OOO")
CONTACTS = ("Claire Martin", "Wang Lei", "Olga Ivanova", "Kenji Sato", "Ana Souza", "Omar Haddad")


def _benchmark_database(name: str) -> str:
    return f"{name}_bench_queue"


@contextmanager
def _in_database(name: str):
    """The default connection on database `name` of the same server, then back."""
    from django.conf import settings
    from django.db import connection

    original = connection.settings_dict["NAME"]
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = original


@contextmanager
def _exclusive(name: str):
    """Create database `name` if missing, and hold it: a second run waits for the first."""
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [name])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
            yield cursor
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])


def seed(count: int = COUNT):
    """`count` requests over three years, most closed, the recent ones open (kept)."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone

    from apps.core.i18n import language_codes
    from apps.core.services import STAFF_GROUP_SERVICE_DESK
    from apps.service_packages.models import ServicePackage, ServiceRequest

    desk = Group.objects.get(name=STAFF_GROUP_SERVICE_DESK)
    users = get_user_model().objects
    me, _created = users.get_or_create(username="bench.officer", defaults={"is_staff": True})
    officers = [me]
    for username in OFFICERS:
        officer, _created = users.get_or_create(username=username, defaults={"is_staff": True})
        officers.append(officer)
    desk.user_set.add(*officers)
    if ServiceRequest.objects.count() >= count:
        return me
    ServiceRequest.objects.all().delete()
    packages = [
        ServicePackage.objects.get_or_create(
            slug=slug,
            defaults={
                "title_zh_hans": title_zh,
                "title_en": title_en,
                "processing_days": days,
                "status": "published",
            },
        )[0]
        for slug, title_zh, title_en, days in PACKAGES
    ]
    Status = ServiceRequest.Status
    closed = [Status.COMPLETED] * 14 + [Status.REJECTED] * 3 + [Status.WITHDRAWN] * 2
    recent = (
        [Status.SUBMITTED] * 3 + [Status.IN_REVIEW] * 3 + [Status.INFO_REQUESTED, Status.APPROVED]
    )
    languages = language_codes()
    now = timezone.now().replace(microsecond=0)
    first = now - timedelta(days=365 * YEARS)
    step = (now - first) / count
    numbers: dict[int, int] = {}
    rows = []
    for n in range(count):
        submitted = first + step * n
        year = timezone.localtime(submitted).year
        numbers[year] = numbers.get(year, 0) + 1
        age = (now - submitted).days
        status = recent[n % len(recent)] if age < 45 else closed[n % len(closed)]
        unassigned = status == Status.SUBMITTED and n % 2 == 0
        rows.append(
            ServiceRequest(
                reference=f"XC-{year}-{numbers[year]:06d}",
                package=packages[(n * 7) % len(packages)],
                status=status,
                enterprise_name=(
                    f"{CITIES[n % len(CITIES)]} {CORES[(n // 3) % len(CORES)]} "
                    f"{TRADES[n % len(TRADES)]} {FORMS[(n // 5) % len(FORMS)]}"
                ),
                enterprise_type=ServiceRequest.EnterpriseType.choices[n % 5][0],
                address=f"{n} Example Street",
                contact_name=CONTACTS[n % len(CONTACTS)],
                email=f"contact{n}@example{n % 97}.org",
                phone="+86 10 1234 5678",
                language=languages[n % len(languages)],
                consent_processing_at=submitted,
                submitted_at=submitted,
                due_on=timezone.localtime(submitted).date() + timedelta(days=14),
                officer=None if unassigned else officers[n % len(officers)],
                decided_at=None if age < 45 else submitted + timedelta(days=10),
                closed_at=None if age < 45 else submitted + timedelta(days=12),
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=5000)
    # Fresh bulk inserts have no planner statistics yet; autovacuum would gather them.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE service_packages_servicerequest")
    return me


def pages(me) -> list[tuple[str, dict]]:
    """The views of the queue to measure: (label, query string)."""
    from django.utils import timezone

    from apps.service_packages.models import ServicePackage

    package = ServicePackage.objects.get(slug="going-abroad")
    reference = REFERENCE.format(year=timezone.localdate().year - 1)
    return [
        ("first page", {}),
        ("status: open", {"status": "open"}),
        ("status: completed", {"status": "completed"}),
        ("package", {"package__id__exact": package.pk}),
        ("officer: me", {"officer": "me"}),
        ("officer: nobody", {"officer": "none"}),
        ("overdue", {"overdue": "yes"}),
        (f"search {reference}", {"q": reference}),
        (f"search {NAME_PART}", {"q": NAME_PART}),
        ("page 100", {"p": "99"}),
    ]


def _time(client, params, repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(CHANGELIST, params)  # warm caches and templates
    if response.status_code != 200:
        raise SystemExit(f"{CHANGELIST} {params} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(CHANGELIST, params)
    queries = len(captured)  # now: the next request clears the log it reads
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(CHANGELIST, params)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, queries


def measure(*, count: int = COUNT, repeat: int = REPEAT, drop: bool = False) -> list[dict]:
    """Each view of the queue: {"page", "ms" (median), "p95", "queries"}."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    name = _benchmark_database(settings.DATABASES["default"]["NAME"])
    results = []
    with _exclusive(name) as server:
        try:
            with _in_database(name):
                call_command("migrate", verbosity=0)
                me = seed(count)
                client = Client()
                client.force_login(me)
                for label, params in pages(me):
                    timings, queries = _time(client, params, repeat)
                    results.append(
                        {
                            "page": label,
                            "ms": statistics.median(timings),
                            "p95": statistics.quantiles(timings, n=20)[-1],
                            "queries": queries,
                        }
                    )
        finally:
            if drop:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return results


def failures(results: list[dict]) -> list[str]:
    missed = []
    for row in results:
        if row["ms"] > TARGET_MS:
            missed.append(f"{row['page']}: median {row['ms']:.0f} ms > {TARGET_MS:.0f} ms")
        if row["queries"] > TARGET_MAX_QUERIES:
            missed.append(f"{row['page']}: {row['queries']} queries > {TARGET_MAX_QUERIES}")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    arguments = parser.parse_args()
    results = measure(drop=arguments.drop)
    missed = failures(results)
    if arguments.json:
        print(json.dumps({"results": results, "failures": missed}))
    else:
        print(f"{COUNT} requests, median and p95 of {REPEAT} requests per page")
        print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for row in results:
            print(f"{row['page']:32} {row['ms']:10.1f} {row['p95']:8.1f} {row['queries']:8d}")
        if missed:
            print("\nTargets missed:\n  " + "\n  ".join(missed))
        else:
            print("\nAll targets met.")
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
