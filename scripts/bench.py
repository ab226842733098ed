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

REQUESTS_PER_PAGE = int(os.environ.get("BENCH_REQUESTS", "100"))
TARGET_P95_MS = 60.0
# A listing sorts and counts up to 1,000 rows by a collated translated name on every
# request; it gets a little more room than a single page.
TARGET_P95_MS_LISTING = 80.0
# Sitemaps list every page in every language with all alternates; crawlers fetch them
# rarely, so they get a looser target than pages people read.
TARGET_P95_MS_SITEMAP = 600.0
TARGET_MAX_QUERIES = 8
TARGET_PEAK_RSS_MB = 250.0
# The scale of ten years of content (docs: DESIGN "Scale it must hold").
BENCH_PARTNERS = 100
BENCH_VENUES = 1000
BENCH_ROUTE_STOPS = 12
BENCH_EVENTS = 5000
PAGES = [
    f"/{code}/{page}"
    for code, _name in settings.LANGUAGES
    for page in (
        "",
        "sister-cities/",
        "sister-cities/?continent=EU&kind=sister",
        "sister-cities/bench-partner-050/",
        "events/",
        "services/",
        "venues/",
        "venues/?kind=museum&step_free=on&language=en",
        "venues/?page=20",
        "venues/bench-venue-0500/",
        "routes/bench-route/",
        "events/?category=forum",
        "events/?when=past&page=10",
        "events/bench-event-2500/",
        "events/feed.ics?category=forum",
    )
] + [
    "/healthz",
    "/sitemap.xml",
    "/sitemap-portal.xml",
    "/sitemap-sister-cities.xml",
    "/sitemap-events.xml?p=20",
    "/robots.txt",
]


def seed_events():
    """Ten years of events around today, up to BENCH_EVENTS (kept between runs)."""
    import zoneinfo
    from datetime import timedelta

    from django.utils import timezone

    from apps.events.models import Event
    from apps.sister_cities.models import SisterCity
    from apps.venues.models import Venue

    if Event.objects.filter(slug__startswith="bench-event-").count() >= BENCH_EVENTS:
        return
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    start = timezone.now().astimezone(zone).replace(hour=19, minute=0, second=0, microsecond=0)
    venues = list(Venue.objects.filter(slug__startswith="bench-venue-")[:50])
    categories = [choice for choice, _label in Event.Category.choices]
    events = Event.objects.bulk_create(
        Event(
            slug=f"bench-event-{n:04d}",
            title_zh_hans=f"活动 {n:04d}",
            title_en=f"Event {n:04d}",
            category=categories[n % len(categories)],
            starts_at=start + timedelta(days=n - BENCH_EVENTS // 2, hours=n % 5),
            ends_at=start + timedelta(days=n - BENCH_EVENTS // 2, hours=n % 5 + 2),
            venue=venues[n % len(venues)] if venues else None,
            summary_en="An event used to measure the pages.",
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


def seed_venues():
    """Published venues with lookups and a route, up to BENCH_VENUES (kept between runs)."""
    from decimal import Decimal

    from apps.venues.models import (
        Facility,
        ResourceCategory,
        Route,
        RouteStop,
        ServiceLanguage,
        Venue,
    )

    if Venue.objects.filter(slug__startswith="bench-venue-").count() >= BENCH_VENUES:
        return
    kinds = [choice for choice, _label in Venue.Kind.choices]
    venues = Venue.objects.bulk_create(
        Venue(
            slug=f"bench-venue-{n:04d}",
            name_zh_hans=f"场馆 {n:04d}",
            name_en=f"Venue {n:04d}",
            kind=kinds[n % len(kinds)],
            latitude=Decimal("39.90") + Decimal(n % 50) / 1000,
            longitude=Decimal("116.35") + Decimal(n % 40) / 1000,
            summary_en="A venue used to measure the pages.",
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
    route = Route.objects.create(
        slug="bench-route", title_zh_hans="路线", title_en="Route", status="published"
    )
    RouteStop.objects.bulk_create(
        RouteStop(route=route, venue=venues[n * 37], position=n) for n in range(BENCH_ROUTE_STOPS)
    )


def seed_partners():
    """Published partners with agreements, up to BENCH_PARTNERS (kept between runs)."""
    from datetime import date
    from decimal import Decimal

    from apps.sister_cities.models import Agreement, SisterCity

    countries = ["JP", "BY", "FR", "BR", "KE", "AU", "US", "RU", "EG", "AR"]
    existing = set(SisterCity.objects.values_list("slug", flat=True))
    new = []
    for n in range(BENCH_PARTNERS):
        slug = f"bench-partner-{n:03d}"
        if slug in existing:
            continue
        names = {f"name_{lang}": f"Partner {n:03d} {lang}" for lang in ("zh_hans", "en", "ja")}
        new.append(
            SisterCity(
                slug=slug,
                country=countries[n % len(countries)],
                kind="sister",
                established_on=date(1980 + n % 40, 1 + n % 12, 1 + n % 28),
                latitude=Decimal(-50 + n),
                longitude=Decimal(-170 + 3 * n),
                status="published",
                summary_en="A partner city used to measure the pages.",
                body_en="## History\n\nSome **text**.",
                **names,
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


def main():
    # No setup_test_environment(): its instrumented template rendering would be measured.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seed_partners()
    seed_venues()
    seed_events()
    # Fresh bulk inserts have no planner statistics yet; autovacuum would gather them
    # on a real server, the benchmark does it at once.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    failures = []
    print(f"{'page':48} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
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
        print(f"{page:48} {p50:8.1f} {p95:8.1f} {queries:8d}")
        if page.startswith("/sitemap") or ".ics" in page:
            target = TARGET_P95_MS_SITEMAP
        elif page.split("?")[0].endswith(("/venues/", "/sister-cities/", "/events/")):
            target = TARGET_P95_MS_LISTING
        else:
            target = TARGET_P95_MS
        if p95 > target:
            failures.append(f"{page}: p95 {p95:.1f} ms > {target} ms")
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
