"""Milliseconds of Python per public page, rendered cold in this process, and where they go.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python scripts/profile_page.py [--profile] [URL ...]

Seeds `<name of DATABASE_URL>_bench_pages` as `make bench` does (scripts/bench.py, kept
between runs), then times `django.test.Client().get(url)` with production settings, DEBUG
off and the page cache off: the median CPU time of this process (Python, not the
database's) and wall time of BENCH_REPEAT requests (default 30) after two to warm it,
next to /robots.txt (the middleware around a view that reads nothing).
`--profile` prints cProfile's top functions for each page (cumulative time, or the
order PROFILE_SORT names, e.g. `tottime`; PROFILE_LINES of them, default 35);
`--gc-freeze` moves what the warm-up left to the permanent generation first
(`gc.freeze()`), so full collections no longer walk Django's own objects.
"""

import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (scripts/bench.py: its seeding and environment)

PAGES = [
    "/en/",
    "/en/events/",
    "/zh-hans/events/",
    "/ar/events/",
    "/en/events/?when=past&page=10",
    "/en/events/bench-event-2500/",
    "/en/events/feed.ics",
]
STATIC_ROOT = ROOT / "var" / "profile-staticfiles"
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def median_ms(call, repeat: int = REPEAT) -> tuple[float, float, float]:
    """Median milliseconds of CPU in this process and of wall-clock time per call, and the
    least CPU time (the steadiest figure on a machine shared with other work)."""
    call()
    call()
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return statistics.median(cpu), statistics.median(wall), min(cpu)


def show(label: str, call) -> None:
    cpu, wall, least = median_ms(call)
    print(
        f"{label:40} {cpu:8.2f} ms CPU {wall:8.2f} ms wall {least:8.2f} ms CPU at least",
        flush=True,
    )


def _uncached(client, page):
    from django.core.cache import caches

    caches["local"].clear()
    return client.get(page)


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    profile = "--profile" in sys.argv
    os.environ.update(
        bench.bench_environment(
            bench.bench_database_url(os.environ["DATABASE_URL"]),
            os.environ.get("REDIS_URL", ""),
            str(STATIC_ROOT),
        )
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    bench.seed()
    if not (STATIC_ROOT / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    settings.PAGE_CACHE_SECONDS = 0
    # The test client's own signal receivers add work gunicorn never does.
    from django.test import signals

    signals.template_rendered.receivers = []

    client = Client(HTTP_HOST="127.0.0.1")
    if "--gc-freeze" in sys.argv:
        for page in args or PAGES:
            client.get(page)
        gc.freeze()
    # The floor: the whole middleware stack around a view that reads nothing.
    show("/robots.txt (floor)", lambda: client.get("/robots.txt"))
    for page in args or PAGES:
        response = client.get(page)
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code}")
        show(page, lambda page=page: client.get(page))
        if page.split("?")[0].endswith(".ics"):
            # Kept pages are cheap; this is the cost when nothing is kept (choices included).
            show(f"{page} (nothing kept)", lambda page=page: _uncached(client, page))
        if profile:
            # CPU time of this process: what a worker spends, not what it waits for.
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(10):
                client.get(page)
            profiler.disable()
            order = os.environ.get("PROFILE_SORT", "cumulative")
            pstats.Stats(profiler).sort_stats(order).print_stats(
                int(os.environ.get("PROFILE_LINES", "35"))
            )


if __name__ == "__main__":
    main()
