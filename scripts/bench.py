"""Speed and memory of the public pages, on PostgreSQL + Redis (`make bench`).

Creates its own database (test_<name>, kept between runs), loads the demo content,
then requests every public page many times through Django's full request stack and
compares the 95th-percentile time, the SQL queries per page and the peak memory with
the targets below. Exits non-zero when a target is missed.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

REQUESTS_PER_PAGE = int(os.environ.get("BENCH_REQUESTS", "200"))
TARGET_P95_MS = 60.0
TARGET_MAX_QUERIES = 3
TARGET_PEAK_RSS_MB = 250.0
PAGES = [
    f"/{code}/{page}"
    for code, _name in settings.LANGUAGES
    for page in ("", "sister-cities/", "events/", "services/", "venues/")
] + ["/healthz", "/sitemap.xml", "/sitemap-portal.xml", "/robots.txt"]


def main():
    setup_test_environment()
    settings.DEBUG = False
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    failures = []
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for page in PAGES:
        client.get(page)  # warm caches and templates
        timings = []
        settings.DEBUG = True  # record queries for one request
        reset_queries()
        client.get(page)
        queries = len(connection.queries)
        settings.DEBUG = False
        for _ in range(REQUESTS_PER_PAGE):
            started = time.perf_counter()
            response = client.get(page)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                failures.append(f"{page} answered {response.status_code}")
                break
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        print(f"{page:32} {p50:8.1f} {p95:8.1f} {queries:8d}")
        if p95 > TARGET_P95_MS:
            failures.append(f"{page}: p95 {p95:.1f} ms > {TARGET_P95_MS} ms")
        if queries > TARGET_MAX_QUERIES:
            failures.append(f"{page}: {queries} queries > {TARGET_MAX_QUERIES}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB (target {TARGET_PEAK_RSS_MB:.0f} MB)")
    if peak_mb > TARGET_PEAK_RSS_MB:
        failures.append(f"peak memory {peak_mb:.0f} MB > {TARGET_PEAK_RSS_MB:.0f} MB")
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("\nAll targets met.")


if __name__ == "__main__":
    main()
