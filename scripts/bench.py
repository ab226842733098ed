"""What visitors feel: the public pages under gunicorn and wrk, next to a bare Django hello.

`make bench` runs it. It seeds its own database (`<name of DATABASE_URL>_bench_pages`,
kept between runs) with the demo content and ten years of partners, venues and events,
named and described in seven languages (scripts/bench_content.py), and builds their
search index; then, twice (warm: the page cache on; cold: DJANGO_PAGE_CACHE_SECONDS=0):

- serves the portal with gunicorn (production settings, 2 sync workers) and the bare
  Django hello of scripts/bench_hello.py the same way;
- drives each page with `wrk -t2 -c32 --latency` for BENCH_DURATION seconds (10), and
  the hello at the start and the end of the mode (their mean is the 1.0 of the ratios);
- reads the largest worker's memory (VmRSS) when the mode is done.

SQL queries per page are counted in this process (django.test.Client, production settings,
page cache off). The third mode, search, drives searches in several languages and
scripts (SEARCH_PAGES) one by one and mixed, and holds their 95th percentile of latency
and their SQL, counted at full scale and with a twentieth of the index. Then
scripts/bench_queue.py (when present) and scripts/bench_reminders.py run as they are. It
prints one table per mode and exits 1 when a target is missed.

While working on one page, BENCH_MODES=cold (or warm, or search) runs one mode only and
BENCH_PAGES="/en/ /en/events/" only those pages (search pages among them go to the
search mode); either skips the queue and the reminders and says the run was partial
(`make bench` runs everything).
"""

import hashlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from urllib.parse import unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# bench_content.py, beside this file, when it is loaded by path (tests, profile_page.py).
sys.path.insert(0, str(ROOT / "scripts"))

DURATION_SECONDS = int(os.environ.get("BENCH_DURATION", "10"))
WORKERS = 2
WRK_THREADS = 2
WRK_CONNECTIONS = 32
# wrk's default (2 s) drops slower requests from the latency figures; a cold page under
# 32 connections may take longer and must still count.
WRK_TIMEOUT = "30s"

# --- Targets (issue 14), ratios to the bare Django hello of the same run --------------
WARM_MIN_RATIO = 0.45
WARM_MAX_P99_MS = 100.0
COLD_MIN_RATIO = 0.05
# Documents that list many rows for programs (the calendar feed, sitemaps) get less.
COLD_MIN_RATIO_DOCUMENT = 0.02
MAX_QUERIES = 8
MAX_WORKER_RSS_MB = 150.0
# Search (issue 16, item 6): what a visitor waits for, one connection per worker (no
# queue in front of the workers: at 32 connections a p95 is the queue's length divided by
# the throughput, which the 32-connection mix reports beside it).
SEARCH_MAX_P95_MS = 50.0
SEARCH_MAX_QUERIES = 3

# --- Pages ------------------------------------------------------------------------------
PAGES = [
    "/en/",
    "/zh-hans/",
    "/en/events/",
    "/zh-hans/events/",
    "/ar/events/",
    "/en/events/?when=past&page=10",
    "/en/events/bench-event-2500/",
    "/en/sister-cities/",
    "/en/sister-cities/bench-partner-050/",
    "/en/venues/?kind=museum&step_free=on&language=en",
    "/en/venues/bench-venue-0500/",
    "/en/routes/bench-route/",
    "/ja/services/",
    "/en/events/feed.ics",
    "/sitemap.xml",
    "/sitemap-events.xml?p=2",
]


def search_url(language: str, query: str, **params) -> str:
    """The address of a search in `language`."""
    return f"/{language}/search/?{urlencode({'q': query, **params})}"


# What visitors type, in several languages and scripts; what each finds in the bench's
# texts (scripts/bench_content.py) is in its comment.
SEARCH_TYPO = search_url("en", "calligrapy")
SEARCH_PAGES = [
    search_url("en", "Lyon"),  # a Latin name: 4 partner cities, 200 events
    search_url("ru", "Лион"),  # the same name in Cyrillic
    search_url("zh-hans", "书法工作坊"),  # Chinese: four pairs of characters, 417 events
    search_url("ja", "茶道"),  # Japanese: one pair, 417 events
    search_url("ar", "متحف"),  # Arabic, "museum": 100 venues and a few more
    SEARCH_TYPO,  # nothing found: "did you mean" and the suggestion's results
    search_url("fr", "musée", type="venue"),  # a type filter
    search_url("es", "taller", page=2),  # "workshop", page 2 of 833 results
]
# The small scale of the search's SQL count: one bench entry of the index in this many.
SEARCH_SMALL_SCALE = 20

MODES = {"warm": None, "cold": "0", "search": None}  # DJANGO_PAGE_CACHE_SECONDS
SELECTED_MODES = os.environ.get("BENCH_MODES", "").replace(",", " ").split() or list(MODES)
if os.environ.get("BENCH_PAGES"):
    _chosen = os.environ["BENCH_PAGES"].split()
    PAGES = [page for page in _chosen if "/search/" not in page]
    SEARCH_PAGES = [page for page in _chosen if "/search/" in page]
PARTIAL = bool(os.environ.get("BENCH_MODES") or os.environ.get("BENCH_PAGES"))
if set(SELECTED_MODES) - set(MODES):
    sys.exit(f"BENCH_MODES: one of {', '.join(MODES)}, not {os.environ['BENCH_MODES']!r}")

# The scale of ten years of content (docs/design.md "Scale it must hold").
BENCH_PARTNERS = 100
BENCH_VENUES = 1000
BENCH_ROUTE_STOPS = 12
BENCH_EVENTS = 5000
SITE_URL = "https://portal.example.org"
MEDIA_ROOT = ROOT / "var" / "bench-media"
# What the kept database was last indexed from (seed_search_index).
STAMP_FOLDER = ROOT / "var" / "bench-stamps"


# --- Reading wrk ------------------------------------------------------------------------
@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured."""

    requests_per_second: float
    p99_ms: float
    requests: int
    # Responses with a status of 400 or more (wrk counts 3xx as success).
    bad_responses: int = 0
    socket_errors: int = 0
    # Printed by WRK_SCRIPT only (--latency stops at 50, 75, 90 and 99).
    p95_ms: float | None = None


_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration_ms(text: str) -> float:
    """wrk's '812.00us', '12.34ms', '1.02s' or '2.00m' in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * _TIME_UNITS_MS[match[2]]


def parse_wrk(output: str) -> WrkResult:
    """The figures of `wrk --latency` output."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99(?:\.0+)?%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    if not (rate and p99 and total):
        raise ValueError(f"wrk printed no figures (was --latency given?):\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    p95 = re.search(r"^p95 (\d+)us$", output, re.MULTILINE)
    return WrkResult(
        requests_per_second=float(rate[1]),
        p99_ms=parse_duration_ms(p99[1]),
        requests=int(total[1]),
        bad_responses=int(bad[1]) if bad else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        p95_ms=int(p95[1]) / 1000 if p95 else None,
    )


# wrk's Lua: the paths one after another, and the 95th percentile at the end.
WRK_SCRIPT = """\
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("p95 %%dus\\n", latency:percentile(95)))
end
"""


def wrk_script(paths: list[str], folder: Path) -> Path:
    """A wrk script asking for `paths` in turn (ASCII: they are URL-encoded)."""
    script = folder / f"paths-{len(list(folder.glob('paths-*.lua')))}.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    return script


# --- Targets ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """What one page must reach in one mode."""

    min_ratio: float
    max_p99_ms: float | None = None
    max_queries: int = MAX_QUERIES

    def __str__(self) -> str:
        p99 = f", p99<{self.max_p99_ms:.0f}" if self.max_p99_ms is not None else ""
        return f">={self.min_ratio:g}x{p99}, <={self.max_queries} SQL"

    def misses(self, *, ratio: float, result: WrkResult, queries: int) -> list[str]:
        """Each way the measurement falls short, in words; empty when it meets the target."""
        missed = []
        if ratio < self.min_ratio:
            missed.append(f"{ratio:.3f}x of the hello < {self.min_ratio:g}x")
        if self.max_p99_ms is not None and result.p99_ms >= self.max_p99_ms:
            missed.append(f"p99 {result.p99_ms:.1f} ms >= {self.max_p99_ms:.0f} ms")
        if queries > self.max_queries:
            missed.append(f"{queries} SQL queries > {self.max_queries}")
        if result.bad_responses:
            missed.append(f"{result.bad_responses} responses with an error status")
        if result.socket_errors:
            missed.append(f"{result.socket_errors} socket errors or timeouts")
        return missed


def is_document(page: str) -> bool:
    """The calendar feed and the sitemaps: read by programs, many rows each."""
    path = page.split("?")[0]
    return path.endswith(".ics") or path.startswith("/sitemap")


def target_for(page: str, mode: str) -> Target:
    if mode == "warm":
        return Target(WARM_MIN_RATIO, WARM_MAX_P99_MS)
    return Target(COLD_MIN_RATIO_DOCUMENT if is_document(page) else COLD_MIN_RATIO)


@dataclass(frozen=True)
class Row:
    page: str
    result: WrkResult
    ratio: float
    queries: int
    target: Target
    missed: list[str]


def evaluate(page: str, mode: str, result: WrkResult, hello_rate: float, queries: int) -> Row:
    target = target_for(page, mode)
    ratio = result.requests_per_second / hello_rate if hello_rate else 0.0
    missed = target.misses(ratio=ratio, result=result, queries=queries)
    return Row(page, result, ratio, queries, target, missed)


def table(mode: str, rows: list[Row], hello: tuple[WrkResult, WrkResult], rss_mb: float) -> str:
    """The printed table of one mode."""
    before, after = hello
    mean = (before.requests_per_second + after.requests_per_second) / 2
    width = max(len(row.page) for row in rows)
    lines = [
        f"{mode}: hello {before.requests_per_second:.0f} req/s at the start, "
        f"{after.requests_per_second:.0f} at the end, mean {mean:.0f} = 1.0",
        f"{'page':{width}}  {'req/s':>7}  {'ratio':>6}  {'p99 ms':>7}  {'SQL':>3}  "
        f"{'target':24}  result",
    ]
    for row in rows:
        lines.append(
            f"{row.page:{width}}  {row.result.requests_per_second:7.0f}  {row.ratio:6.3f}  "
            f"{row.result.p99_ms:7.1f}  {row.queries:3d}  {row.target!s:24}  "
            f"{'MISS' if row.missed else 'OK'}"
        )
    memory = "MISS" if rss_mb >= MAX_WORKER_RSS_MB else "OK"
    lines.append(
        f"largest web worker after the run: {rss_mb:.0f} MB RSS "
        f"(target <{MAX_WORKER_RSS_MB:.0f} MB)  {memory}"
    )
    return "\n".join(lines)


# --- Seeding ----------------------------------------------------------------------------
def seed_events() -> bool:
    """Ten years of events around today, up to BENCH_EVENTS (kept between runs); True when
    it wrote any."""
    import zoneinfo
    from datetime import timedelta

    from bench_content import event_fields
    from django.utils import timezone

    from apps.events.models import Event
    from apps.sister_cities.models import SisterCity
    from apps.venues.models import Venue

    if Event.objects.filter(slug__startswith="bench-event-").count() >= BENCH_EVENTS:
        return False
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    start = timezone.now().astimezone(zone).replace(hour=19, minute=0, second=0, microsecond=0)
    venues = list(Venue.objects.filter(slug__startswith="bench-venue-")[:50])
    categories = [choice for choice, _label in Event.Category.choices]
    events = Event.objects.bulk_create(
        Event(
            slug=f"bench-event-{n:04d}",
            **event_fields(n),
            category=categories[n % len(categories)],
            starts_at=start + timedelta(days=n - BENCH_EVENTS // 2, hours=n % 5),
            ends_at=start + timedelta(days=n - BENCH_EVENTS // 2, hours=n % 5 + 2),
            venue=venues[n % len(venues)] if venues else None,
            status="published",
        )
        for n in range(BENCH_EVENTS)
    )
    cities = list(SisterCity.objects.all()[:20])
    Event.partner_cities.through.objects.bulk_create(
        Event.partner_cities.through(event=event, sistercity=cities[i % len(cities)])
        for i, event in enumerate(events)
        if cities and i % 3 == 0
    )
    return True


def seed_venues() -> bool:
    """Published venues with lookups and a route, up to BENCH_VENUES (kept between runs);
    True when it wrote any."""
    from decimal import Decimal

    from bench_content import route_fields, venue_fields

    from apps.venues.models import (
        Facility,
        ResourceCategory,
        Route,
        RouteStop,
        ServiceLanguage,
        Venue,
    )

    if Venue.objects.filter(slug__startswith="bench-venue-").count() >= BENCH_VENUES:
        return False
    kinds = [choice for choice, _label in Venue.Kind.choices]
    venues = Venue.objects.bulk_create(
        Venue(
            slug=f"bench-venue-{n:04d}",
            **venue_fields(n, kind=kinds[n % len(kinds)]),
            kind=kinds[n % len(kinds)],
            latitude=Decimal("39.90") + Decimal(n % 50) / 1000,
            longitude=Decimal("116.35") + Decimal(n % 40) / 1000,
            opening_hours_en="09:00-17:00",
            open_to_delegations=n % 2 == 0,
            status="published",
        )
        for n in range(BENCH_VENUES)
    )
    categories = list(ResourceCategory.objects.all())
    facilities = list(Facility.objects.all())
    languages = list(ServiceLanguage.objects.all())
    Venue.categories.through.objects.bulk_create(
        Venue.categories.through(venue=v, resourcecategory=categories[i % len(categories)])
        for i, v in enumerate(venues)
    )
    Venue.facilities.through.objects.bulk_create(
        Venue.facilities.through(venue=v, facility=f)
        for i, v in enumerate(venues)
        for f in facilities[: 1 + i % 3]
    )
    Venue.languages.through.objects.bulk_create(
        Venue.languages.through(venue=v, servicelanguage=lang)
        for i, v in enumerate(venues)
        for lang in languages[: 1 + i % 4]
    )
    route = Route.objects.create(slug="bench-route", **route_fields(), status="published")
    RouteStop.objects.bulk_create(
        RouteStop(route=route, venue=venues[n * 37], position=n) for n in range(BENCH_ROUTE_STOPS)
    )
    return True


def seed_partners() -> bool:
    """Published partners with agreements, up to BENCH_PARTNERS (kept between runs); True
    when it wrote any."""
    from datetime import date
    from decimal import Decimal

    from bench_content import partner_fields

    from apps.sister_cities.models import Agreement, SisterCity

    countries = ["JP", "BY", "FR", "BR", "KE", "AU", "US", "RU", "EG", "AR"]
    existing = set(SisterCity.objects.values_list("slug", flat=True))
    new = []
    for n in range(BENCH_PARTNERS):
        slug = f"bench-partner-{n:03d}"
        if slug in existing:
            continue
        new.append(
            SisterCity(
                slug=slug,
                country=countries[n % len(countries)],
                kind="sister",
                established_on=date(1980 + n % 40, 1 + n % 12, 1 + n % 28),
                latitude=Decimal(-50 + n),
                longitude=Decimal(-170 + 3 * n),
                status="published",
                body_en="## History\n\nSome **text**.",
                **partner_fields(n, year=1980 + n % 40),
            )
        )
    SisterCity.objects.bulk_create(new)
    for city in new:
        city.refresh_from_db()
    Agreement.objects.bulk_create(
        Agreement(
            city=city,
            kind="agreement",
            title_zh_hans=f"协议 {i}",
            title_en=f"Agreement {i}",
            signed_on=date(2000 + i, 1, 1),
        )
        for city in SisterCity.objects.filter(slug__in=[c.slug for c in new])
        for i in range(3)
    )
    return bool(new)


def seed_translations() -> bool:
    """The seven languages of bench_content.py on rows seeded before they were added (a
    database kept from an earlier run had names in two or three languages); True when
    it wrote any."""
    from bench_content import event_fields, partner_fields, route_fields, venue_fields

    from apps.events.models import Event
    from apps.sister_cities.models import SisterCity
    from apps.venues.models import Route, Venue

    def number(row) -> int:
        return int(row.slug.rsplit("-", 1)[1])

    wanted = [
        (Event, "bench-event-", lambda row: event_fields(number(row))),
        (Venue, "bench-venue-", lambda row: venue_fields(number(row), kind=row.kind)),
        (
            SisterCity,
            "bench-partner-",
            lambda row: partner_fields(number(row), year=row.established_on.year),
        ),
        (Route, "bench-route", lambda row: route_fields()),
    ]
    wrote = False
    for model, prefix, fields_of in wanted:
        stale = []
        for row in model.objects.filter(slug__startswith=prefix).order_by("pk"):
            fields = fields_of(row)
            if any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                stale.append(row)
        if stale:
            model.objects.bulk_update(stale, list(fields), batch_size=500)
            print(f"{len(stale)} {model._meta.db_table} rows given seven languages", flush=True)
            wrote = True
    return wrote


def search_index_stamp() -> str:
    """What the index was built from: the code that writes it and the bench's texts."""
    sources = [
        *sorted((ROOT / "apps" / "search").glob("*.py")),
        *sorted((ROOT / "apps").glob("*/search.py")),
        ROOT / "apps" / "core" / "search.py",
        ROOT / "scripts" / "bench_content.py",
    ]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def seed_search_index(*, rebuild: bool) -> None:
    """The search index of everything seeded, as `manage.py rebuild_search_index` builds
    it, then vacuumed and analysed as autovacuum would after so many writes.

    Rebuilt (about 3 minutes at this scale) when the rows were written now, when the code
    that writes the index or the bench's texts changed (`search_index_stamp()`, kept in
    var/ per database), or when the index holds another number of entries than at its
    last build; otherwise only what load_demo_content queued is indexed."""
    from django.db import connection

    from apps.search.indexing import search_index_pending, search_rebuild
    from apps.search.models import SearchEntry

    stamp_file = STAMP_FOLDER / f"search-index-{connection.settings_dict['NAME']}"
    stamp = search_index_stamp()
    entries = SearchEntry.objects.count()
    kept = stamp_file.read_text().split() if stamp_file.exists() else []
    if not rebuild and kept == [stamp, str(entries)]:
        search_index_pending()
        print(f"search index kept from the last run: {entries} entries", flush=True)
        return
    started = time.monotonic()
    counts = search_rebuild()
    search_index_pending()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("VACUUM ANALYZE search_searchword")  # "did you mean"'s words
    figures = ", ".join(f"{number} {kind}" for kind, number in counts.items())
    print(f"search index built in {time.monotonic() - started:.0f} s: {figures}", flush=True)
    STAMP_FOLDER.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(f"{stamp} {SearchEntry.objects.count()}\n")


# --- The database and the environment -------------------------------------------------
def bench_environment(database_url: str, redis_url: str, static_root: str) -> dict:
    """Production settings, as docs/deploy.md's EnvironmentFile gives them, on plain HTTP."""
    return {
        "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": SITE_URL,
        # wrk speaks plain HTTP to gunicorn, as nginx does in production.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": static_root,
        "MEDIA_ROOT": str(MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(MEDIA_ROOT.with_name("bench-private-media")),
        "DJANGO_LOG_LEVEL": "WARNING",
        # wrk is one address asking thousands of times a minute; the limit is still
        # counted in Redis on every search, as for visitors.
        "DJANGO_SEARCH_RATE_LIMIT": str(10**9),
    }


def bench_database_url(url: str) -> str:
    """DATABASE_URL with `_bench_pages` added to its database's name."""
    parts = urlsplit(url)
    return parts._replace(path=f"/{parts.path.lstrip('/') or 'xicheng'}_bench_pages").geturl()


def create_database() -> None:
    """The database of the settings, unless it exists (it is kept between runs)."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def seed() -> None:
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    create_database()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # Each step runs (no short cut of `or`): a database kept from an earlier run may
    # lack only the later ones.
    wrote = [seed_partners(), seed_venues(), seed_events(), seed_translations()]
    # Fresh bulk inserts have no planner statistics yet; autovacuum would gather them
    # on a real server, the benchmark does it at once.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seed_search_index(rebuild=any(wrote))
    print(f"database ready in {time.monotonic() - started:.0f} s", flush=True)


def count_queries(pages: list[str]) -> dict[str, int]:
    """SQL queries of each page's second anonymous request (the first warms this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        response = client.get(page)
        if response.status_code != 200:
            raise SystemExit(f"{page} answered {response.status_code} in this process")
        with CaptureQueriesContext(connection) as queries:
            client.get(page)
        counts[page] = len(queries)
    connection.close()
    return counts


# --- Servers ----------------------------------------------------------------------------
def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A gunicorn master in its own process group, and where it listens."""

    name: str
    process: subprocess.Popen
    port: int
    log: Path
    # A cheap page that answers 200: asked to know the server is up, and idle.
    probe: str

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}{page}"


def start_gunicorn(name: str, app: str, *, probe: str, env: dict, chdir: Path, log: Path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--chdir={chdir}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--timeout=60",
        f"--error-logfile={log}",
    ]
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(name, process, port, log, probe)
    try:
        wait_until_ready(server)
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Server) -> None:
    """The whole process group: the master and its workers."""
    with suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(10)


def fetch(server: Server, page: str) -> tuple[int, bytes]:
    """One anonymous GET, without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    with closing(connection):
        connection.request("GET", page)
        response = connection.getresponse()
        return response.status, response.read()


def wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + 60
    while True:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} did not start:\n{tail(server.log)}")
        with suppress(OSError):
            if fetch(server, server.probe)[0] == 200:
                return
        if time.monotonic() > deadline:
            raise SystemExit(f"{server.name} did not answer {server.probe}:\n{tail(server.log)}")
        time.sleep(0.2)


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:] if log.exists() else ""


def check_page(server: Server, page: str) -> None:
    """The page answers 200 to an anonymous GET (wrk would count a redirect as success)."""
    status, body = fetch(server, page)
    if status != 200:
        raise SystemExit(
            f"{server.name} answered {status} to {page}:\n"
            f"{body[:2000].decode(errors='replace')}\n{tail(server.log)}"
        )


def drain(server: Server) -> None:
    """Wait until the requests wrk left queued at its end are served: they would slow the
    next measurement. A new connection queues behind them."""
    fetch(server, server.probe)


def wrk(
    server: Server,
    page: str,
    *,
    seconds: int = DURATION_SECONDS,
    connections=WRK_CONNECTIONS,
    script: Path | None = None,
) -> WrkResult:
    """One wrk run against a page (or the paths of a wrk_script()), after which the server
    is idle again."""
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        "--latency",
        *([f"--script={script}"] if script else []),
        server.url(page),
    ]
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        command, capture_output=True, text=True, check=True
    ).stdout
    drain(server)
    return parse_wrk(output)


def measure(server: Server, page: str) -> WrkResult:
    """A page's figures after a second of light load, so that both workers have loaded its
    code and templates and, when the page cache is on, keep the page."""
    check_page(server, page)
    wrk(server, page, seconds=1, connections=2 * WORKERS)
    result = wrk(server, page)
    print(
        f"  {page}: {result.requests_per_second:.0f} req/s, p99 {result.p99_ms:.1f} ms",
        flush=True,
    )
    return result


def worker_rss_mb(master_pid: int) -> float:
    """The largest VmRSS among the master's children (its workers), in MB."""
    largest = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            largest = max(largest, int(fields["VmRSS"].split()[0]))
    return largest / 1024


# --- Search -----------------------------------------------------------------------------
RESULT_MARK = b'class="search-result"'
CORRECTED_MARK = b'class="search-suggestion"'


def search_page_problem(page: str, status: int, body: bytes) -> str:
    """Why a search page would measure the wrong thing (an error, nothing found: a
    search that finds nothing costs less), or "" when it is fine."""
    if status != 200:
        return f"{page} answered {status}"
    if RESULT_MARK not in body:
        return f"{page} found nothing: the bench's texts or the index are not what it expects"
    if page == SEARCH_TYPO and CORRECTED_MARK not in body:
        return f"{page} was not corrected (no 'did you mean')"
    return ""


@dataclass(frozen=True)
class SearchCost:
    """One search page in this process, one request at a time (no concurrency)."""

    queries: int
    # Medians of SEARCH_COST_REPEAT requests: the whole request, and its SQL.
    ms: float
    sql_ms: float


SEARCH_COST_REPEAT = 5


def search_cost(client, page: str) -> SearchCost:
    """What a search page costs: the SQL of its second request (as count_queries) and
    the medians of SEARCH_COST_REPEAT more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(page)
    problem = search_page_problem(page, response.status_code, response.content)
    if problem:
        raise SystemExit(f"{problem} in this process")
    samples = []
    for _ in range(1 + SEARCH_COST_REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(page)
            ms = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
        samples.append((len(captured), ms, sql_ms))
    return SearchCost(
        queries=samples[0][0],
        ms=median(sample[1] for sample in samples[1:]),
        sql_ms=median(sample[2] for sample in samples[1:]),
    )


def search_costs(pages: list[str]) -> dict[str, tuple[SearchCost, SearchCost]]:
    """Each search page's cost with one bench entry in SEARCH_SMALL_SCALE left in the
    index (in a transaction rolled back), and at full scale."""
    from django.db import connection, transaction
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                # Spread by a hash of the slug: the entries' ids follow the rows' numbers,
                # which bench_content.py cycles through names and themes.
                "DELETE FROM search_searchentry WHERE slug LIKE 'bench-%%' "
                "AND hashtext(slug) %% %s <> 0",
                [SEARCH_SMALL_SCALE],
            )
        small = {page: search_cost(client, page) for page in pages}
        transaction.set_rollback(True)
    costs = {page: (small[page], search_cost(client, page)) for page in pages}
    connection.close()
    return costs


def check_search_page(server: Server, page: str) -> None:
    """The page finds what it should, and says `private`: the page cache (on in this
    mode) passes it by, the second time too."""
    for _ in range(2):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        with closing(connection):
            connection.request("GET", page)
            response = connection.getresponse()
            body = response.read()
        problem = search_page_problem(page, response.status, body)
        if problem:
            raise SystemExit(f"{server.name}: {problem}\n{tail(server.log)}")
    cache_control = response.getheader("Cache-Control", "")
    kept = response.getheader("X-Page-Cache", "")
    if "private" not in cache_control or kept != "bypass":
        raise SystemExit(
            f"{server.name}: {page} may be kept by the page cache "
            f"(Cache-Control: {cache_control!r}, X-Page-Cache: {kept!r})"
        )


MIX = f"the mix, {WRK_CONNECTIONS} connections"
MIX_LIGHT = f"the mix, {WORKERS} connections"


@dataclass(frozen=True)
class SearchRow:
    label: str
    connections: int
    result: WrkResult
    ratio: float
    # In this process, with 1/SEARCH_SMALL_SCALE of the index and whole; None for a mix.
    costs: tuple[SearchCost, SearchCost] | None
    missed: list[str]
    # Whether the p95 target applies (one connection per worker, not the queued mix).
    judged: bool = True


def evaluate_search(label, result, hello_rate, costs, *, connections=WORKERS):
    ratio = result.requests_per_second / hello_rate if hello_rate else 0.0
    judged = connections == WORKERS
    missed = []
    if judged and result.p95_ms >= SEARCH_MAX_P95_MS:
        missed.append(f"p95 {result.p95_ms:.1f} ms >= {SEARCH_MAX_P95_MS:.0f} ms")
    if costs:
        small, full = costs
        if full.queries > SEARCH_MAX_QUERIES:
            missed.append(f"{full.queries} SQL queries > {SEARCH_MAX_QUERIES}")
        if small.queries != full.queries:
            missed.append(
                f"SQL grows with data: {small.queries} with 1/{SEARCH_SMALL_SCALE} "
                f"of the index, {full.queries} with all of it"
            )
    if result.bad_responses:
        missed.append(f"{result.bad_responses} responses with an error status")
    if result.socket_errors:
        missed.append(f"{result.socket_errors} socket errors or timeouts")
    return SearchRow(label, connections, result, ratio, costs, missed, judged)


def _columns(text: str) -> int:
    """Terminal columns of `text`: Chinese and Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _padded(text: str, width: int) -> str:
    return text + " " * (width - _columns(text))


def search_table(rows: list[SearchRow], hello: tuple[WrkResult, WrkResult], rss_mb) -> str:
    """The printed table of the search mode."""
    before, after = hello
    mean = (before.requests_per_second + after.requests_per_second) / 2
    width = max(_columns(unquote(row.label)) for row in rows)
    lines = [
        f"search: hello {before.requests_per_second:.0f} req/s at the start, "
        f"{after.requests_per_second:.0f} at the end, mean {mean:.0f} = 1.0; "
        f"target p95 < {SEARCH_MAX_P95_MS:.0f} ms with {WORKERS} connections (one per worker), "
        f"<= {SEARCH_MAX_QUERIES} SQL the same with 1/{SEARCH_SMALL_SCALE} of the index",
        f"{'page':{width}}  {'conn':>4}  {'req/s':>6}  {'ratio':>6}  {'p95 ms':>7}  "
        f"{'p99 ms':>7}  {'SQL':>5}  {'alone ms (SQL) 1/20→all':>23}  result",
    ]
    for row in rows:
        if row.costs:
            small, full = row.costs
            sql = f"{small.queries}→{full.queries}"
            alone = f"{small.ms:5.1f} ({small.sql_ms:4.1f})→{full.ms:5.1f} ({full.sql_ms:4.1f})"
        else:
            sql = alone = ""
        verdict = "MISS" if row.missed else ("OK" if row.judged else "no target")
        lines.append(
            f"{_padded(unquote(row.label), width)}  {row.connections:4d}  "
            f"{row.result.requests_per_second:6.0f}  {row.ratio:6.3f}  "
            f"{row.result.p95_ms:7.1f}  {row.result.p99_ms:7.1f}  {sql:>5}  {alone:>23}  "
            f"{verdict}"
        )
    lines.append(f"largest web worker after the run: {rss_mb:.0f} MB RSS")
    return "\n".join(lines)


def run_search(*, hello, env, folder, costs) -> tuple[str, list[str]]:
    """The search mode: each search, then all of them in turn, with one connection per
    worker (the time of a search without a queue, judged); the mix again under
    WRK_CONNECTIONS (throughput, reported)."""
    env = {**env}
    env.pop("DJANGO_PAGE_CACHE_SECONDS", None)  # the page cache on, as in production
    portal = start_gunicorn(
        "portal (search)",
        "xicheng_portal.wsgi:application",
        probe="/healthz",
        env=env,
        chdir=ROOT,
        log=folder / "portal-search.log",
    )
    try:
        load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
        print(
            f"search: {len(SEARCH_PAGES)} search pages and their mix, {DURATION_SECONDS} s each; "
            f"{os.cpu_count()} CPUs, load average {load} at the start",
            flush=True,
        )
        for page in SEARCH_PAGES:
            check_search_page(portal, page)
        before = measure(hello, "/")
        results = {}
        runs = [(page, [page], WORKERS) for page in SEARCH_PAGES]
        runs += [(MIX_LIGHT, SEARCH_PAGES, WORKERS), (MIX, SEARCH_PAGES, WRK_CONNECTIONS)]
        for label, paths, connections in runs:
            script = wrk_script(paths, folder)
            wrk(portal, "/", seconds=1, connections=2 * WORKERS, script=script)
            result = wrk(portal, "/", connections=connections, script=script)
            print(
                f"  {unquote(label)}: {result.requests_per_second:.0f} req/s, "
                f"p95 {result.p95_ms:.1f} ms, p99 {result.p99_ms:.1f} ms",
                flush=True,
            )
            results[label] = (result, connections)
        after = measure(hello, "/")
        rss_mb = worker_rss_mb(portal.process.pid)
    finally:
        stop(portal)
    hello_rate = (before.requests_per_second + after.requests_per_second) / 2
    rows = [
        evaluate_search(label, result, hello_rate, costs.get(label), connections=connections)
        for label, (result, connections) in results.items()
    ]
    missed = [f"search {unquote(row.label)}: {'; '.join(row.missed)}" for row in rows if row.missed]
    return search_table(rows, (before, after), rss_mb), missed


# --- The run ----------------------------------------------------------------------------
def run_mode(mode, *, hello, env, folder, queries) -> tuple[str, list[str]]:
    """One mode: its printed table and the targets it missed."""
    env = dict(env)
    env.pop("DJANGO_PAGE_CACHE_SECONDS", None)
    if MODES[mode] is not None:
        env["DJANGO_PAGE_CACHE_SECONDS"] = MODES[mode]
    portal = start_gunicorn(
        f"portal ({mode})",
        "xicheng_portal.wsgi:application",
        probe="/healthz",
        env=env,
        chdir=ROOT,
        log=folder / f"portal-{mode}.log",
    )
    try:
        load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
        print(
            f"{mode}: {len(PAGES)} pages, {DURATION_SECONDS} s each; {os.cpu_count()} CPUs, "
            f"load average {load} at the start",
            flush=True,
        )
        before = measure(hello, "/")
        results = {page: measure(portal, page) for page in PAGES}
        after = measure(hello, "/")
        rss_mb = worker_rss_mb(portal.process.pid)
    finally:
        stop(portal)
    hello_rate = (before.requests_per_second + after.requests_per_second) / 2
    rows = [
        evaluate(page, mode, result, hello_rate, queries[page]) for page, result in results.items()
    ]
    missed = [f"{mode} {row.page}: {'; '.join(row.missed)}" for row in rows if row.missed]
    if rss_mb >= MAX_WORKER_RSS_MB:
        missed.append(f"{mode}: a web worker uses {rss_mb:.0f} MB >= {MAX_WORKER_RSS_MB:.0f} MB")
    return table(mode, rows, (before, after), rss_mb), missed


def run_script(name: str, env: dict) -> int | None:
    """Another benchmark of scripts/, its output as it comes; None when it does not exist."""
    script = ROOT / "scripts" / name
    if not script.exists():
        print(f"\n{name}: not present, not run", flush=True)
        return None
    print(f"\n--- {name}", flush=True)
    return subprocess.run([sys.executable, str(script)], env=env, cwd=ROOT).returncode  # noqa: S603


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)  # `finally` stops the servers on a kill too
    caller_env = dict(os.environ)  # what the other benchmarks get, untouched
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xicheng")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    failures = []
    with tempfile.TemporaryDirectory(prefix="xicheng-bench-") as tmp:
        folder = Path(tmp)
        env = bench_environment(bench_database_url(database_url), redis_url, str(folder / "static"))
        os.environ.update(env)
        # Queries are counted with the page cache off, as the cold run serves.
        os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"

        import django
        from django.core.management import call_command

        django.setup()
        seed()
        call_command("collectstatic", interactive=False, verbosity=0)
        modes = []
        for mode in SELECTED_MODES:
            if SEARCH_PAGES if mode == "search" else PAGES:
                modes.append(mode)
            else:
                print(f"{mode}: no page of BENCH_PAGES for it, not run", flush=True)
        queries = count_queries(PAGES) if {"warm", "cold"} & set(modes) else {}
        costs = search_costs(SEARCH_PAGES) if "search" in modes else {}

        server_env = {**caller_env, **env}
        hello_env = {k: v for k, v in caller_env.items() if k != "DJANGO_SETTINGS_MODULE"}
        hello = start_gunicorn(
            "hello",
            "bench_hello:application",
            probe="/",
            env=hello_env,
            chdir=ROOT / "scripts",
            log=folder / "hello.log",
        )
        tables = []
        try:
            for mode in modes:
                if mode == "search":
                    printed, missed = run_search(
                        hello=hello, env=server_env, folder=folder, costs=costs
                    )
                else:
                    printed, missed = run_mode(
                        mode, hello=hello, env=server_env, folder=folder, queries=queries
                    )
                print(f"\n{printed}\n", flush=True)
                tables.append(printed)
                failures += missed
        finally:
            stop(hello)

    for name in () if PARTIAL else ("bench_queue.py", "bench_reminders.py"):
        status = run_script(name, caller_env)
        if status:
            failures.append(f"{name} exited with {status}")

    print("\n" + "\n\n".join(tables))
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(
        "\nAll targets met." + (" (A partial run: BENCH_MODES or BENCH_PAGES.)" if PARTIAL else "")
    )


if __name__ == "__main__":
    main()
