"""A thematic route's page: stops in order, the numbered map and its path, hidden stops,
totals, previews, structured data and sharing."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone, translation

from apps.venues.models import Venue

from .factories import RouteFactory, RouteStopFactory, VenueFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]

# Places in Xicheng, roughly, north to south.
PLACES = {
    "prince-gong": ("恭王府", "Prince Gong's Mansion", "39.93660", "116.38600"),
    "baitasi": ("白塔寺", "White Stupa Temple", "39.92400", "116.36000"),
    "capital-museum": ("首都博物馆", "Capital Museum", "39.90580", "116.34150"),
    "niujie": ("牛街礼拜寺", "Niujie Mosque", "39.88470", "116.36280"),
    "tianqiao": ("天桥艺术中心", "Tianqiao Theatre", "39.88500", "116.39600"),
}


def venue(slug, **values):
    zh, en, lat, lon = PLACES[slug]
    defaults = {
        "slug": slug,
        "name_zh_hans": zh,
        "name_en": en,
        "latitude": Decimal(lat),
        "longitude": Decimal(lon),
    }
    return VenueFactory(**{**defaults, **values})


@pytest.fixture
def museum_route():
    """Four stops, created out of order: the positions give the order."""
    route = RouteFactory(
        slug="museum-route",
        title_zh_hans="博物馆之路",
        title_en="The museum route",
        theme_en="Museums and temples",
        summary_en="A day among the museums of Xicheng.",
    )
    RouteStopFactory(route=route, venue=venue("niujie"), position=30, suggested_minutes=45)
    RouteStopFactory(route=route, venue=venue("prince-gong"), position=10, suggested_minutes=90)
    RouteStopFactory(route=route, venue=venue("capital-museum"), position=25, suggested_minutes=120)
    RouteStopFactory(
        route=route,
        venue=venue("baitasi"),
        position=20,
        suggested_minutes=30,
        note_en="Climb to the terrace.",
    )
    return route


ORDER = ["prince-gong", "baitasi", "capital-museum", "niujie"]


def page(client, route, lang="en", status=200) -> str:
    slug = getattr(route, "slug", route)
    response = client.get(f"/{lang}/routes/{slug}/")
    assert response.status_code == status
    return response.content.decode()


def listed_stops(html: str) -> list[str]:
    match = re.search(r'<ol class="route-stops">(.*?)</ol>', html, re.DOTALL)
    if match is None:
        return []
    return re.findall(r'<h3><a href="/[\w-]+/venues/([\w-]+)/"', match.group(1))


def map_svg(html: str) -> str | None:
    match = re.search(r"<svg class=\"local-map__svg\".*?</svg>", html, re.DOTALL)
    return match.group(0) if match else None


def markers(svg: str) -> list[tuple[str, int, float, float]]:
    """(venue slug, number, x, y) of each numbered marker, in the order drawn."""
    return [
        (slug, int(number), float(x), float(y))
        for slug, x, y, tx, ty, number in re.findall(
            r'<a class="local-map__marker" href="/[\w-]+/venues/([\w-]+)/">\s*'
            r"<title>[^<]*</title>\s*"
            r'<circle cx="([\d.]+)" cy="([\d.]+)" r="11"/>\s*'
            r'<text class="local-map__number" x="([\d.]+)" y="([\d.]+)"[^>]*>(\d+)</text>',
            svg,
        )
    ]


def path_points(svg: str) -> list[tuple[float, float]]:
    paths = re.findall(r'<path class="local-map__path" d="([^"]*)"', svg)
    if not paths:
        return []
    assert len(paths) == 1
    d = paths[0]
    assert re.fullmatch(r"M [\d.]+ [\d.]+( L [\d.]+ [\d.]+)+", d), d
    numbers = [float(n) for n in re.findall(r"[\d.]+", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# Stops


def test_stops_are_listed_in_the_order_of_their_positions(client, museum_route):
    html = page(client, museum_route)
    assert listed_stops(html) == ORDER
    assert "Climb to the terrace." in html
    assert "90 minutes" in html and "45 minutes" in html


def test_totals(client, museum_route):
    html = page(client, museum_route)
    assert '<p class="totals">4 stops · about 285 minutes at the venues</p>' in html


def test_equal_positions_keep_the_order_of_creation(client):
    route = RouteFactory()
    first = RouteStopFactory(route=route, venue=venue("tianqiao"), position=1)
    second = RouteStopFactory(route=route, venue=venue("baitasi"), position=1)
    assert first.pk < second.pk
    assert listed_stops(page(client, route)) == ["tianqiao", "baitasi"]


# The map and its path


def test_map_numbers_the_stops_in_order(client, museum_route):
    svg = map_svg(page(client, museum_route))
    assert svg is not None
    drawn = markers(svg)
    assert [(slug, number) for slug, number, _x, _y in drawn] == [
        (slug, number) for number, slug in enumerate(ORDER, start=1)
    ]
    for number, (slug, _n, _x, _y) in enumerate(drawn, start=1):
        assert f"<title>{number}. {PLACES[slug][1]}</title>".replace("'", "&#x27;") in svg


def test_path_joins_the_markers_in_stop_order(client, museum_route):
    svg = map_svg(page(client, museum_route))
    drawn = markers(svg)
    points = path_points(svg)
    # One segment per consecutive pair of stops: as many points as markers, in order.
    assert len(points) == len(drawn) == 4
    assert points == [(x, y) for _slug, _n, x, y in drawn]
    # The geometry is the places': Prince Gong's Mansion is the northernmost stop, the
    # Capital Museum the westernmost.
    by_slug = {slug: (x, y) for slug, _n, x, y in drawn}
    assert min(by_slug.values(), key=lambda p: p[1]) == by_slug["prince-gong"]
    assert min(by_slug.values(), key=lambda p: p[0]) == by_slug["capital-museum"]
    for x, y in points:
        assert 0 <= x <= 720 and 0 <= y <= 480


def test_unpublished_venue_is_left_out_without_breaking_the_order(client, museum_route):
    hidden = museum_route.stops.get(venue__slug="baitasi").venue
    hidden.status = "draft"
    hidden.save()
    html = page(client, museum_route)
    assert listed_stops(html) == ["prince-gong", "capital-museum", "niujie"]
    assert "White Stupa Temple" not in html and "/venues/baitasi/" not in html
    assert "Climb to the terrace." not in html
    svg = map_svg(html)
    drawn = markers(svg)
    assert [(slug, number) for slug, number, _x, _y in drawn] == [
        ("prince-gong", 1),
        ("capital-museum", 2),
        ("niujie", 3),
    ]
    assert path_points(svg) == [(x, y) for _slug, _n, x, y in drawn]
    assert '<p class="totals">3 stops · about 255 minutes at the venues</p>' in html
    itinerary = json_ld(html)["itinerary"]
    assert [item["position"] for item in itinerary["itemListElement"]] == [1, 2, 3]
    assert itinerary["numberOfItems"] == 3


@pytest.mark.parametrize("state", ["archived", "scheduled"])
def test_archived_or_future_venue_is_left_out_too(client, museum_route, state):
    if state == "archived":
        Venue.objects.filter(slug="prince-gong").update(status="archived")
    else:
        tomorrow = timezone.now() + timedelta(days=1)
        Venue.objects.filter(slug="prince-gong").update(publish_at=tomorrow)
    html = page(client, museum_route)
    assert listed_stops(html) == ["baitasi", "capital-museum", "niujie"]
    assert [n for _s, n, _x, _y in markers(map_svg(html))] == [1, 2, 3]


def test_staff_who_may_view_venues_see_every_stop(client, content_editor, museum_route):
    hidden = museum_route.stops.get(venue__slug="baitasi").venue
    hidden.status = "draft"
    hidden.save()
    client.force_login(content_editor)
    html = page(client, museum_route)
    assert listed_stops(html) == ORDER
    assert [n for _s, n, _x, _y in markers(map_svg(html))] == [1, 2, 3, 4]


def test_staff_without_permission_see_what_visitors_see(client, service_desk_officer, museum_route):
    Venue.objects.filter(slug="baitasi").update(status="draft")
    client.force_login(service_desk_officer)
    assert listed_stops(page(client, museum_route)) == ["prince-gong", "capital-museum", "niujie"]


def test_stop_without_coordinates_is_listed_but_not_on_the_map(client, museum_route):
    Venue.objects.filter(slug="baitasi").update(latitude=None, longitude=None)
    html = page(client, museum_route)
    assert listed_stops(html) == ORDER
    svg = map_svg(html)
    drawn = markers(svg)
    # Numbers on the map are the numbers of the list, so the second stop's is missing.
    assert [(slug, number) for slug, number, _x, _y in drawn] == [
        ("prince-gong", 1),
        ("capital-museum", 3),
        ("niujie", 4),
    ]
    assert path_points(svg) == [(x, y) for _slug, _n, x, y in drawn]


def test_route_of_one_stop_has_a_marker_and_no_path(client):
    route = RouteFactory()
    RouteStopFactory(route=route, venue=venue("tianqiao"))
    svg = map_svg(page(client, route))
    assert len(markers(svg)) == 1
    assert "local-map__path" not in svg


def test_route_without_visible_stops(client):
    route = RouteFactory()
    RouteStopFactory(route=route, venue=venue("tianqiao", draft=True))
    html = page(client, route)
    assert map_svg(html) is None
    assert "This route has no stops to show yet." in html
    assert '<p class="totals">0 stops · about 0 minutes at the venues</p>' in html


# Not found and previews


@pytest.mark.parametrize("code", ["fr", "ar", "zh-hans"])
def test_unknown_route_is_a_translated_404(client, code):
    response = client.get(f"/{code}/routes/no-such-route/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        assert translation.gettext("Page not found") in html


@pytest.mark.parametrize("state", [{"draft": True}, {"scheduled": True}])
def test_unpublished_route_is_hidden_from_visitors(client, state):
    route = RouteFactory(**state)
    RouteStopFactory(route=route, venue=venue("tianqiao"))
    page(client, route, status=404)
    assert f"/routes/{route.slug}/" not in client.get("/en/venues/").content.decode()


def test_content_editor_previews_a_draft_route(client, content_editor):
    route = RouteFactory(draft=True, title_en="Draft route")
    RouteStopFactory(route=route, venue=venue("tianqiao"))
    client.force_login(content_editor)
    html = page(client, route)
    assert '<p class="preview-banner" role="status">Preview: this route is not published.' in html
    assert '<meta name="robots" content="noindex">' in html


def test_draft_route_is_hidden_from_staff_without_permission(client, service_desk_officer):
    route = RouteFactory(draft=True)
    client.force_login(service_desk_officer)
    page(client, route, status=404)


# Structured data


def test_json_ld_is_a_tourist_trip_with_an_ordered_itinerary(client, museum_route):
    data = json_ld(page(client, museum_route, "zh-hans"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "TouristTrip"
    assert data["name"] == "博物馆之路"
    assert data["url"] == f"{settings.SITE_URL}/zh-hans/routes/museum-route/"
    itinerary = data["itinerary"]
    assert itinerary["@type"] == "ItemList"
    assert itinerary["numberOfItems"] == 4
    elements = itinerary["itemListElement"]
    assert [element["position"] for element in elements] == [1, 2, 3, 4]
    assert [element["item"]["name"] for element in elements] == [PLACES[s][0] for s in ORDER]
    assert [element["item"]["url"] for element in elements] == [
        f"{settings.SITE_URL}/zh-hans/venues/{slug}/" for slug in ORDER
    ]
    assert elements[0]["item"]["@type"] == "Museum"


def test_json_ld_leaves_out_empty_texts(client):
    route = RouteFactory(summary_zh_hans="", summary_en="", theme_en="")
    RouteStopFactory(route=route, venue=venue("tianqiao"))
    data = json_ld(page(client, route))
    assert "description" not in data
    assert "touristType" not in data
    assert data["itinerary"]["numberOfItems"] == 1
    assert "" not in data.values()


def test_json_ld_describes_the_route_in_the_page_language(client, museum_route):
    data = json_ld(page(client, museum_route))
    assert data["description"] == "A day among the museums of Xicheng."
    assert data["touristType"] == "Museums and temples"


def test_json_ld_cannot_be_broken_out_of(client):
    evil = "</script><script>alert(1)</script>"
    route = RouteFactory(title_en=f"Route {evil}")
    RouteStopFactory(route=route, venue=venue("tianqiao", name_en=f"Stop {evil}"))
    html = page(client, route)
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == f"Route {evil}"
    assert data["itinerary"]["itemListElement"][0]["item"]["name"] == f"Stop {evil}"


# Sharing and languages


def test_open_graph_tags(client, museum_route):
    html = page(client, museum_route)
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:title" content="The museum route">' in html
    assert '<meta property="og:description" content="A day among the museums of Xicheng.">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}/en/routes/museum-route/">' in html
    assert html.count('property="og:type"') == 1


def test_hreflang_alternates_for_every_language(client, museum_route):
    html = page(client, museum_route, "ja")
    for code in CODES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="{settings.SITE_URL}/{code}/routes/museum-route/">'
        ) in html
    assert 'hreflang="x-default"' in html


@pytest.mark.parametrize("code", CODES)
def test_route_page_in_every_language(client, museum_route, code):
    html = page(client, museum_route, code)
    assert f'<html lang="{code}"' in html
    assert listed_stops(html) == ORDER
    assert [n for _s, n, _x, _y in markers(map_svg(html))] == [1, 2, 3, 4]
    expected = "博物馆之路" if code == "zh-hans" else "The museum route"
    assert f">{expected}</h1>" in html
