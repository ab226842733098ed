"""The listing, a venue page and a route page read the database a fixed number of times,
whatever the number of venues, of their categories, facilities and languages, or of stops."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.venues.models import (
    Facility,
    ResourceCategory,
    Route,
    RouteStop,
    ServiceLanguage,
    Venue,
    VenueImage,
)
from tests.events.factories import make_event

from .factories import RouteFactory, VenueFactory, VenueImageFactory
from .kept_pages import captured_sql, select_from, selected_columns

# What pages keep (choices, fragments, the feed) is kept for one Beijing day: counts are
# taken far from midnight, where a warm-up and its count never fall on two days.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]


def queries(client, url, *, kept=True) -> int:
    """Queries of a request for `url`: with the renderings the page keeps (the usual
    case), or with none kept, as after an edit (`kept=False`)."""
    client.get(url)  # warm the caches (image sizes, renditions) first
    if not kept:
        caches["local"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_venues(count: int, start: int = 0) -> list[Venue]:
    """`count` published venues with categories, facilities and languages, in bulk."""
    kinds = [kind for kind, _label in Venue.Kind.choices]
    venues = Venue.objects.bulk_create(
        Venue(
            slug=f"bulk-{number:04d}",
            name_zh_hans=f"场馆{number:04d}",
            name_en=f"Venue {number:04d}",
            kind=kinds[number % len(kinds)],
            address_en=f"{number} Some Street",
            # A grid of places across Xicheng; every fifth venue has none.
            latitude=None if number % 5 == 4 else Decimal("39.88") + Decimal(number % 40) / 1000,
            longitude=None if number % 5 == 4 else Decimal("116.34") + Decimal(number // 40) / 1000,
            status=PublishingStatus.DRAFT if number % 7 == 6 else PublishingStatus.PUBLISHED,
            open_to_delegations=number % 2 == 0,
        )
        for number in range(start, start + count)
    )
    categories = list(ResourceCategory.objects.all())
    facilities = list(Facility.objects.all())
    languages = list(ServiceLanguage.objects.all())
    for field, rows in (
        ("categories", categories),
        ("facilities", facilities),
        ("languages", languages),
    ):
        through = getattr(Venue, field).through
        target = f"{rows[0]._meta.model_name}_id"
        through.objects.bulk_create(
            through(venue_id=venue.pk, **{target: row.pk})
            for index, venue in enumerate(venues)
            # One to three rows each, varying from venue to venue.
            for row in itertools.islice(
                itertools.cycle(rows), index % len(rows), index % len(rows) + 1 + index % 3
            )
        )
    return venues


def add_stops(route: Route, venues: list[Venue], count: int):
    RouteStop.objects.bulk_create(
        RouteStop(route=route, venue=venue, position=count - index, note_en=f"Stop {index}")
        for index, venue in enumerate(venues[:count])
    )


@pytest.fixture
def picture_file():
    owner = VenueFactory(slug="owner-of-the-picture")
    return VenueImageFactory(venue=owner).image.name


def add_pictures(venue: Venue, picture_file: str, count: int):
    # Rows that share one checked picture file: the rows are what a page could multiply.
    VenueImage.objects.bulk_create(
        VenueImage(
            venue=venue, image=picture_file, alt_zh_hans="图片", alt_en="Picture", position=i
        )
        for i in range(count)
    )


def add_events(venue: Venue, count: int):
    today = timezone.localdate()
    for i in range(count):
        make_event(venue=venue, title=f"Event {i}", day=today + timedelta(days=i))


def test_listing_queries_do_not_grow_with_venues(client):
    VenueFactory(  # so that every filtered listing below has something to show
        kind="museum",
        categories=["business"],
        facilities=["step-free"],
        languages=["en"],
        open_to_delegations=True,
    )
    add_venues(9)
    RouteFactory()
    urls = [
        "/en/venues/",
        "/zh-hans/venues/",
        "/en/venues/?kind=museum&step_free=on&language=en",
        "/en/venues/?category=business&delegations=on",
        "/en/venues/?kind=bogus&page=abc",
    ]
    small = {url: queries(client, url) for url in urls}
    small_unkept = {url: queries(client, url, kept=False) for url in urls}
    add_venues(990, start=10)
    RouteFactory()
    assert Venue.objects.count() == 1000
    for url in urls:
        assert queries(client, url) == small[url], url
        assert queries(client, url, kept=False) == small_unkept[url], url
    assert queries(client, "/en/venues/?page=30") == small["/en/venues/"]
    assert queries(client, "/ar/venues/?page=2") == small["/en/venues/"]
    assert queries(client, "/ar/venues/?page=2", kept=False) == small_unkept["/en/venues/"]
    # Kept: nothing to read. Afresh: when the next venue or route is published, the
    # count, the page's keys, the routes, the venues, their three lookups and the
    # filters' two lookups.
    assert max(small.values()) == 0
    assert max(small_unkept.values()) <= 10


@pytest.mark.parametrize(
    ("lang", "languages"),
    [("en", {"en", "zh_hans"}), ("ja", {"ja", "en", "zh_hans"}), ("zh-hans", {"zh_hans", "en"})],
)
def test_listing_reads_only_the_columns_of_a_card(client, lang, languages):
    VenueFactory(categories=["business"], facilities=["step-free"], languages=["en"])
    RouteFactory()
    sql = [q for q in captured_sql(client, f"/{lang}/venues/") if "UNION" not in q]
    names = {f"name_{suffix}" for suffix in languages}
    # The count, the page's keys, then the cards of the page only.
    _count, keys, cards = select_from(sql, "venues_venue")
    assert selected_columns(keys, "venues_venue") == {"id"}
    card_columns = {"id", "slug", "kind", "open_to_delegations", "hero_image"}
    assert selected_columns(cards, "venues_venue") == card_columns | names
    for table in ("venues_resourcecategory", "venues_facility", "venues_servicelanguage"):
        for query in select_from(sql, table):
            assert selected_columns(query, table) == {"id", "code"} | names, table
    (routes,) = select_from(sql, "venues_route")
    titles = {f"{field}_{suffix}" for field in ("title", "theme") for suffix in languages}
    assert selected_columns(routes, "venues_route") == {"id", "slug"} | titles


def test_filter_choices_are_built_once_per_language_and_content_version(client):
    VenueFactory(categories=["business"])
    categories = ' FROM "venues_resourcecategory" ORDER BY'

    def choice_queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return sum(categories in query["sql"] for query in captured)

    assert choice_queries("/en/venues/") == 1
    assert choice_queries("/en/venues/?kind=museum") == 0
    assert choice_queries("/en/venues/?page=2") == 0
    assert choice_queries("/ja/venues/") == 1  # labelled in Japanese
    business = ResourceCategory.objects.get(code="business")
    business.name_en = "Trade"
    business.save()
    assert choice_queries("/en/venues/") == 1
    assert '<option value="business">Trade</option>' in client.get("/en/venues/").content.decode()
    assert choice_queries("/en/venues/") == 0


def test_venue_page_queries_do_not_grow_with_venues_or_rows(client, picture_file):
    venue = VenueFactory(
        slug="capital-museum",
        categories=["culture-tourism"],
        facilities=["step-free"],
        languages=["en"],
    )
    add_pictures(venue, picture_file, 2)
    add_events(venue, 2)
    add_venues(10)
    route = RouteFactory()
    RouteStop.objects.create(route=route, venue=venue)
    url = "/en/venues/capital-museum/"
    small = queries(client, url)
    small_unkept = queries(client, url, kept=False)
    add_venues(990, start=10)
    # More rows of every kind on the venue itself.
    venue.categories.set(ResourceCategory.objects.all())
    venue.facilities.set(Facility.objects.all())
    venue.languages.set(ServiceLanguage.objects.all())
    add_pictures(venue, picture_file, 8)
    add_events(venue, 10)
    for _ in range(5):
        RouteStop.objects.create(route=RouteFactory(), venue=venue)
    html = client.get(url).content.decode()
    assert html.count("<picture>") == 10
    assert html.count('href="/en/events/event-') == 12
    assert html.count('href="/en/routes/') == 6
    assert queries(client, url) == small
    assert queries(client, "/ja/venues/capital-museum/") == small
    assert queries(client, url, kept=False) == small_unkept
    assert queries(client, "/ja/venues/capital-museum/", kept=False) == small_unkept
    # Kept: the venue (its events' links are kept too, until one ends). Rendered afresh:
    # its lookups, gallery, the venues nearby for the map (however many venues there
    # are), its routes and events besides, and when the kept links next change (the next
    # publication and the next end of an event).
    assert small <= 1
    assert small_unkept <= 11


def test_venue_page_reads_only_the_columns_it_shows(client, picture_file):
    venue = VenueFactory(slug="capital-museum", categories=["education"])
    add_pictures(venue, picture_file, 1)
    add_venues(3)
    sql = captured_sql(client, "/ja/venues/capital-museum/")
    languages = ("ja", "en", "zh_hans")
    # Not the one that finds the next scheduled publication (a UNION of every model's).
    venue_query, nearby = [q for q in select_from(sql, "venues_venue") if " UNION " not in q]
    columns = selected_columns(venue_query, "venues_venue")
    assert {"name_ja", "name_en", "name_zh_hans", "body_ja", "phone"} <= columns
    assert not {"created_at", "updated_at", "name_fr", "body_ar", "name"} & columns
    assert len(columns) == 1 + 14 + 9 * len(languages)  # id, plain fields, translated ones

    def translated(*fields):
        return {f"{field}_{code}" for field in fields for code in languages}

    assert selected_columns(nearby, "venues_venue") == {
        "id",
        "slug",
        "kind",
        "latitude",
        "longitude",
        *translated("name", "address"),
    }
    (gallery,) = select_from(sql, "venues_venueimage")
    assert selected_columns(gallery, "venues_venueimage") == {
        "id",
        "venue_id",
        "image",
        *translated("alt", "caption"),
    }


def test_route_page_queries_do_not_grow_with_venues_or_stops(client):
    route = RouteFactory(slug="museum-route")
    venues = add_venues(10)
    add_stops(route, venues, 5)
    url = "/en/routes/museum-route/"
    small = queries(client, url)
    small_unkept = queries(client, url, kept=False)
    html = client.get(url).content.decode()
    assert html.count('class="local-map__marker"') >= 3
    RouteStop.objects.filter(route=route).delete()
    venues += add_venues(990, start=10)
    add_stops(route, venues, 30)
    html = client.get(url).content.decode()
    assert html.count('<h3><a href="/en/venues/') == sum(
        1 for venue in venues[:30] if venue.status == PublishingStatus.PUBLISHED
    )
    assert queries(client, url) == small
    assert queries(client, "/fr/routes/museum-route/") == small
    assert queries(client, url, kept=False) == small_unkept
    # Kept: the route. Afresh: the next publication and the stops besides.
    assert small == 1
    assert small_unkept <= 3
    stops = select_from(captured_sql(client, url), "venues_routestop")
    assert not {"name_fr", "summary_en", "body_en"} & selected_columns(stops[0], "venues_venue")


def test_admin_changelist_queries_do_not_grow_with_venues(admin_client):
    add_venues(10)
    small = queries(admin_client, "/admin/venues/venue/")
    add_venues(190, start=10)
    assert queries(admin_client, "/admin/venues/venue/") == small
