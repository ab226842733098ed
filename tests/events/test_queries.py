"""The listing, an event page and the feed read the database a fixed number of times,
whatever the number of events, of their partner cities or of their languages."""

import itertools
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.content import content_version, content_version_bump
from apps.core.models import PublishingStatus
from apps.events.models import Event
from apps.venues.models import ServiceLanguage
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory
from tests.venues.kept_pages import page, selected_columns

from .factories import EventFactory, EventSeriesFactory

# What pages keep (choices, fragments, the feed) is kept for one Beijing day: counts are
# taken far from midnight, where a warm-up and its count never fall on two days.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]
CATEGORIES = [value for value, _label in Event.Category.choices]
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York"]


def queries(client, url) -> int:
    client.get(url)  # warm the caches first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def cold_queries(client, url) -> int:
    """Queries of a request that finds nothing kept: no filter choices, no written feed.

    The content version itself is read at most once a second, not per request.
    """
    content_version()
    caches["local"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def card_query(client, url) -> str:
    """The SQL that reads the events of a listing page's cards (written afresh: a kept
    listing reads none)."""
    client.get(url)
    caches["local"].clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    (sql,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "events_event"') and '"events_event"."slug"' in q["sql"]
    ]
    return sql


@pytest.fixture
def world():
    """Partners, venues and a series the bulk events share."""
    return {
        "cities": [SisterCityFactory(slug="nakano"), *SisterCityFactory.create_batch(4)],
        "venues": [
            VenueFactory(slug="capital-museum"),
            *VenueFactory.create_batch(3),
            VenueFactory(draft=True),
        ],
        "series": EventSeriesFactory(slug="festival"),
    }


def add_events(world, count: int, start: int = 0) -> list[Event]:
    """`count` events from a year ago to a year ahead, in bulk, with partners and languages."""
    now = timezone.now().replace(microsecond=0)
    events = Event.objects.bulk_create(
        Event(
            slug=f"bulk-{number:05d}",
            title_zh_hans=f"活动{number:05d}",
            title_en=f"Event {number:05d}",
            summary_en="An exchange.",
            category=CATEGORIES[number % len(CATEGORIES)],
            starts_at=(starts := now + timedelta(hours=(number * 7919) % 17520 - 8760)),
            ends_at=starts + timedelta(hours=2),
            time_zone=ZONES[number % len(ZONES)],
            venue=world["venues"][number % len(world["venues"])] if number % 4 else None,
            series=world["series"] if number % 50 == 0 else None,
            is_online=number % 3 == 0,
            organiser_en="Xicheng Foreign Affairs Office",
            status=PublishingStatus.DRAFT if number % 9 == 8 else PublishingStatus.PUBLISHED,
        )
        for number in range(start, start + count)
    )
    # bulk_create sends no signals: say that public content changed, as services must.
    content_version_bump()
    languages = list(ServiceLanguage.objects.all())
    for field, rows, target in (
        ("partner_cities", world["cities"], "sistercity_id"),
        ("languages", languages, "servicelanguage_id"),
    ):
        through = getattr(Event, field).through
        through.objects.bulk_create(
            through(event_id=event.pk, **{target: row.pk})
            for index, event in enumerate(events)
            if index % 3  # a subset: two events in three
            # One to three rows each, varying from event to event.
            for row in itertools.islice(
                itertools.cycle(rows), index % len(rows), index % len(rows) + 1 + index % 3
            )
        )
    return events


def seed_events(world) -> str:
    """Events that every filtered address below finds (an empty page reads less); their month."""
    starts = timezone.now().replace(microsecond=0) + timedelta(days=40)
    EventFactory(
        category=Event.Category.FORUM,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=world["venues"][0],
        partner_cities=world["cities"][:2],
        languages=["zh", "en"],
    )
    EventFactory(venue=world["venues"][0], online=True, partner_cities=world["cities"][:1])
    EventFactory(category=Event.Category.FORUM, in_days=-10, partner_cities=world["cities"][:1])
    return f"{timezone.localtime(starts):%Y-%m}"


def test_listing_queries_do_not_grow_with_events(client, world):
    month = seed_events(world)
    add_events(world, 7)
    urls = [
        "/en/events/",
        "/zh-hans/events/",
        "/en/events/?when=past",
        "/en/events/?category=forum&mode=offline",
        f"/en/events/?month={month}&partner=nakano",
        "/en/events/?venue=capital-museum&mode=online",
        "/en/events/?category=nope&month=2026-13&page=999",
    ]
    small = {url: queries(client, url) for url in urls}
    add_events(world, 4990, start=10)
    assert Event.objects.count() == 5000
    for url in urls:
        assert queries(client, url) == small[url], url
    assert queries(client, "/en/events/?page=30") == small["/en/events/"]
    assert queries(client, "/ar/events/?page=2") == small["/en/events/"]
    assert max(small.values()) <= 10
    # The venue choices once took seconds here: DISTINCT over venues joined to every event.
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/events/")
    assert not [q["sql"] for q in captured.captured_queries if "DISTINCT" in q["sql"]]


def test_event_page_queries_do_not_grow_with_events_or_rows(client, world):
    event = EventFactory(
        slug="festival-now",
        series=world["series"],
        venue=world["venues"][0],
        partner_cities=world["cities"][:1],
        languages=["zh"],
    )
    add_events(world, 10)
    url = "/en/events/festival-now/"
    small = queries(client, url)
    add_events(world, 4990, start=10)
    # More rows of every kind on the event itself.
    event.partner_cities.set(world["cities"])
    event.languages.set(ServiceLanguage.objects.all())
    html = client.get(url).content.decode()
    assert len(re.findall(r'href="/en/sister-cities/[\w-]+/"', html)) == len(world["cities"])
    assert html.count("— ") >= 10  # other editions of the series
    assert queries(client, url) == small
    assert queries(client, "/ja/events/festival-now/") == small
    assert queries(client, "/en/events/festival-now.ics") <= 3
    assert small <= 10


def test_feed_queries_do_not_grow_with_events(client, world):
    seed_events(world)
    add_events(world, 7)
    urls = [
        "/en/events/feed.ics",
        "/fr/events/feed.ics?when=past",
        "/en/events/feed.ics?category=forum&partner=nakano",
    ]
    small = {url: cold_queries(client, url) for url in urls}
    add_events(world, 4990, start=10)
    for url in urls:
        assert cold_queries(client, url) == small[url], url
        # Written once per content version: the next request reads no event.
        assert queries(client, url) <= 1
    assert max(small.values()) <= 10


@pytest.mark.parametrize(
    ("language", "chain"), [("en", ["en", "zh_hans"]), ("ja", ["ja", "en", "zh_hans"])]
)
def test_listing_reads_only_the_columns_of_a_card(client, world, language, chain):
    seed_events(world)
    add_events(world, 30)
    sql = card_query(client, f"/{language}/events/")
    event, venue = selected_columns(sql, "events_event"), selected_columns(sql, "venues_venue")
    # Whole rows were 207 columns: every language of event, venue and series.
    assert len(event) + len(venue) <= 30
    assert {f"title_{code}" for code in chain} <= event
    assert not {name for name in event if name.startswith("title_")} - {
        f"title_{code}" for code in chain
    }
    assert {f"name_{code}" for code in chain} | {"status", "publish_at"} <= venue
    for unread in ("summary_en", "body_en", "join_url", "organiser_en", "series_id"):
        assert unread not in event
    assert "events_eventseries" not in sql


def test_the_feed_reads_only_the_columns_of_a_vevent(client, world):
    seed_events(world)
    with CaptureQueriesContext(connection) as captured:
        client.get("/ja/events/feed.ics")
    (sql,) = [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith('SELECT "events_event"')
    ]
    event = selected_columns(sql, "events_event")
    assert {"summary_ja", "summary_en", "summary_zh_hans", "sequence", "updated_at"} <= event
    assert not {"body_en", "summary_fr", "join_url", "image"} & event
    assert {"address_ja", "address_en", "address_zh_hans"} <= selected_columns(sql, "venues_venue")


def test_the_event_page_reads_only_its_languages(client, world):
    EventFactory(
        slug="festival-now", series=world["series"], venue=world["venues"][0], languages=["zh"]
    )
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/ja/events/festival-now/").status_code == 200
    sql = "\n".join(q["sql"] for q in captured.captured_queries)
    assert "title_ja" in sql and "body_zh_hans" in sql
    for other in ("title_ru", "body_fr", "name_es", "summary_ar", "join_url"):
        assert other not in sql, other


def partner_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum("sister_cities_sistercity" in q["sql"] for q in captured.captured_queries)


def test_filter_choices_are_built_once_per_language_and_content_version(client, world):
    seed_events(world)
    assert partner_queries(client, "/en/events/") >= 1
    assert partner_queries(client, "/en/events/?category=forum") == 0
    assert partner_queries(client, "/en/events/feed.ics") == 0
    assert partner_queries(client, "/fr/events/") >= 1  # another language: its own names
    SisterCityFactory(slug="minsk", name_en="Minsk")
    assert partner_queries(client, "/en/events/") >= 1
    assert 'value="minsk"' in client.get("/en/events/").content.decode()
    assert partner_queries(client, "/en/events/?page=2") == 0


def test_a_partner_scheduled_for_later_joins_the_choices_when_it_is_published(client, world):
    seed_events(world)
    SisterCityFactory(slug="later", publish_at=timezone.now() + timedelta(hours=1))
    assert 'value="later"' not in client.get("/en/events/").content.decode()
    assert partner_queries(client, "/en/events/") == 0
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert 'value="later"' in client.get("/en/events/").content.decode()


def test_home_page_queries_do_not_grow_with_events(client, world):
    add_events(world, 10)
    small = queries(client, "/en/")
    add_events(world, 490, start=10)
    assert queries(client, "/en/") == small


def test_admin_changelist_queries_do_not_grow_with_events(admin_client, world):
    add_events(world, 10)
    small = queries(admin_client, "/admin/events/event/")
    add_events(world, 190, start=10)
    assert queries(admin_client, "/admin/events/event/") == small


@pytest.mark.parametrize("language", ["en", "ja", "ar", "zh-hans"])
def test_pages_read_no_column_after_their_query(client, world, language):
    """What `for_cards()`, the event page's columns and prefetches (`apps/events/pages.py`)
    and `for_calendar()` leave out is never read."""
    month = seed_events(world)
    EventFactory(
        slug="festival-now",
        series=world["series"],
        venue=world["venues"][0],
        partner_cities=world["cities"][:2],
        languages=["zh", "en"],
        takes_registrations=True,
        capacity=30,
    )
    EventFactory(series=world["series"], in_days=-400)
    for url in (
        "/events/",
        "/events/?when=past",
        f"/events/?month={month}&partner=nakano",
        "/events/festival-now/",
        "/events/feed.ics",
        "/events/festival-now.ics",
        "/",
    ):
        page(client, f"/{language}{url}")


@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_venue_and_partner_pages_read_only_the_columns_of_an_event_link(client, world, language):
    """A venue's and a partner's page list their events as dated links: each event query
    reads the link's columns in the page's language and its fallbacks, and nothing is
    read after it."""
    EventFactory(
        title_en="Ballet Gala", venue=world["venues"][0], partner_cities=world["cities"][:1]
    )
    EventFactory(venue=world["venues"][0], partner_cities=world["cities"][:1], in_days=-30)
    for url in ("/venues/capital-museum/", "/sister-cities/nakano/"):
        page(client, f"/{language}{url}")
        caches["local"].clear()  # the links as a miss reads them
        with CaptureQueriesContext(connection) as captured:
            html = page(client, f"/{language}{url}")
        assert "Ballet Gala" in html or language != "en"
        # The rows of the links (not when the next event ends: `next_end()`).
        event_queries = [
            q["sql"]
            for q in captured.captured_queries
            if 'FROM "events_event"' in q["sql"] and '"events_event"."slug"' in q["sql"]
        ]
        assert event_queries, url
        for sql in event_queries:
            read = selected_columns(sql, "events_event")
            assert {"id", "slug", "starts_at", "time_zone", "title_en"} <= read
            assert not {"body_en", "summary_en", "join_url", "created_at"} & read
            assert len(read) <= 8


def test_an_event_that_ends_moves_to_the_past_events_of_its_venue_without_an_edit(
    client, world, _clock
):
    """The links are kept until an event ends (or an edit, or a publication)."""
    EventFactory(title_en="Ballet Gala", venue=world["venues"][0], in_days=1, hours=2)
    html = page(client, "/en/venues/capital-museum/")
    upcoming = html[html.index("Upcoming events here") :]
    assert "Ballet Gala" in upcoming and "Past events here" not in html
    with CaptureQueriesContext(connection) as captured:
        page(client, "/en/venues/capital-museum/")
    assert not [q for q in captured.captured_queries if 'FROM "events_event"' in q["sql"]]
    _clock.move_to(timezone.now() + timedelta(days=1, hours=3))
    html = page(client, "/en/venues/capital-museum/")
    assert "Upcoming events here" not in html
    assert "Ballet Gala" in html[html.index("Past events here") :]
