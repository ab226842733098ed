"""A venue's page: facts, text and fallbacks, map, gallery, previews, events held there,
structured data and sharing."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from apps.venues.maps import REFERENCE_FEATURES, mercator_pixel
from tests.events.factories import make_event
from tests.sister_cities.factories import jpeg_bytes

from .factories import RouteFactory, RouteStopFactory, VenueFactory, VenueImageFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def capital_museum():
    return VenueFactory(
        slug="capital-museum",
        name_zh_hans="首都博物馆",
        name_en="Capital Museum",
        name_ja="首都博物館",
        kind="museum",
        address_zh_hans="北京市西城区复兴门外大街16号",
        address_en="16 Fuxingmenwai Street, Xicheng District",
        latitude=Decimal("39.90580"),
        longitude=Decimal("116.34150"),
        capacity=1200,
        categories=["culture-tourism", "education"],
        facilities=["step-free", "accessible-toilet", "coach-parking"],
        languages=["zh", "en", "ja"],
        open_to_delegations=True,
        booking_lead_days=7,
        opening_hours_zh_hans="周二至周日 9:00–17:00",
        opening_hours_en="Tuesday to Sunday, 9:00–17:00\nClosed on Mondays",
        accessibility_en="Ramps at the north entrance; lifts to every floor.",
        visit_information_en="Guided tours for groups of up to 40.",
        summary_zh_hans="北京的城市历史博物馆。",
        summary_en="The museum of the history of Beijing.",
        phone="+86 10 6337 0491",
        website="https://www.capitalmuseum.org.cn/",
    )


def page(client, venue_or_slug, lang="en", status=200) -> str:
    slug = getattr(venue_or_slug, "slug", venue_or_slug)
    response = client.get(f"/{lang}/venues/{slug}/")
    assert response.status_code == status
    return response.content.decode()


def facts(html: str) -> str:
    return re.search(r'<aside class="facts".*?</aside>', html, re.DOTALL).group(0)


def section(html: str, title_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{title_id}">.*?</section>', html, re.DOTALL)
    assert match, f"no {title_id} section"
    return match.group(0)


def map_svg(html: str) -> str | None:
    match = re.search(r"<svg class=\"local-map__svg\".*?</svg>", html, re.DOTALL)
    return match.group(0) if match else None


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# Facts and text


def test_facts_panel(client, capital_museum):
    html = facts(page(client, capital_museum))
    assert (
        '<dt>Address</dt><dd lang="en" dir="auto">16 Fuxingmenwai Street, Xicheng District</dd>'
        in html
    )
    assert "<dt>Capacity</dt><dd>1200 people</dd>" in html
    assert "<dt>Visit-pool categories</dt><dd>Culture and tourism, Education</dd>" in html
    facilities = re.search(r"<dt>Facilities</dt><dd>(.*?)</dd>", html).group(1)
    assert re.findall(r"<li>(.*?)</li>", facilities) == [
        "Step-free access",
        "Accessible toilet",
        "Coach parking",
    ]
    assert "<dt>Visits and services in</dt><dd>Chinese, English, Japanese</dd>" in html
    assert (
        "<dt>Delegation visits</dt><dd>Open to delegation visits · book 7 days ahead</dd>" in html
    )
    assert '<a href="tel:+86 10 6337 0491" dir="ltr">' in html
    assert 'href="https://www.capitalmuseum.org.cn/" rel="noopener noreferrer"' in html


def test_facts_in_the_page_language(client, capital_museum):
    html = facts(page(client, capital_museum, "zh-hans"))
    assert "<li>无障碍通行</li>" in html
    assert "中文, 英语, 日语" in html
    assert "文化旅游, 教育" in html


def test_facts_of_a_venue_closed_to_delegations(client):
    venue = VenueFactory(open_to_delegations=False, booking_lead_days=5, capacity=None)
    html = facts(page(client, venue))
    assert "<dt>Delegation visits</dt><dd>Not offered</dd>" in html
    assert "Capacity" not in html
    assert "Facilities" not in html
    assert "day ahead" not in html and "days ahead" not in html


def test_one_day_to_book_is_singular(client):
    venue = VenueFactory(open_to_delegations=True, booking_lead_days=1, capacity=1)
    html = facts(page(client, venue))
    assert "book 1 day ahead</dd>" in html
    assert "<dd>1 person</dd>" in html


def test_opening_hours_accessibility_and_visit_information(client, capital_museum):
    html = page(client, capital_museum)
    hours = section(html, "hours-title")
    assert '<h2 id="hours-title">Opening hours</h2>' in hours
    assert '<p lang="en">Tuesday to Sunday, 9:00–17:00<br>Closed on Mondays</p>' in hours
    assert "fallback-notice" not in hours
    access = section(html, "access-title")
    assert "Ramps at the north entrance; lifts to every floor." in access
    visit = section(html, "visit-title")
    assert "Guided tours for groups of up to 40." in visit
    assert '<p class="lead" lang="en">The museum of the history of Beijing.</p>' in html


def test_missing_french_opening_hours_fall_back_with_a_notice(client, capital_museum):
    html = page(client, capital_museum, "fr")
    hours = section(html, "hours-title")
    assert 'class="fallback-notice"' in hours
    # The notice says, in a French sentence, which language the text is shown in.
    assert "il est affiché en anglais" in hours
    assert '<p lang="en">Tuesday to Sunday, 9:00–17:00<br>Closed on Mondays</p>' in hours


def test_french_opening_hours_need_no_notice(client, capital_museum):
    capital_museum.opening_hours_fr = "Du mardi au dimanche, 9 h – 17 h"
    capital_museum.save()
    hours = section(page(client, capital_museum, "fr"), "hours-title")
    assert "fallback-notice" not in hours
    assert '<p lang="fr">Du mardi au dimanche, 9 h – 17 h</p>' in hours


def test_chinese_only_text_falls_back_to_chinese(client):
    venue = VenueFactory(name_zh_hans="湖广会馆", name_en="", opening_hours_zh_hans="每天 9:00")
    html = page(client, venue, "ar")
    assert '<h1 lang="zh-hans">湖广会馆</h1>' in html
    assert '<p lang="zh-hans">每天 9:00</p>' in section(html, "hours-title")


def test_sections_without_text_are_left_out(client):
    html = page(client, VenueFactory())
    for title in (
        "hours-title",
        "access-title",
        "visit-title",
        "gallery-title",
        "routes-title",
        "events-title",
    ):
        assert f'aria-labelledby="{title}"' not in html


def test_body_is_sanitised_markdown(client):
    venue = VenueFactory(
        body_en="A **courtyard**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))"
    )
    html = page(client, venue)
    assert "<strong>courtyard</strong>" in html
    assert "<script>alert(1)" not in html
    assert "javascript:" not in html


@pytest.mark.parametrize("code", CODES)
def test_venue_page_in_every_language(client, capital_museum, code):
    html = page(client, capital_museum, code)
    assert f'<html lang="{code}"' in html
    shown = code if code in ("zh-hans", "en", "ja") else "en"
    with translation.override(code):
        assert f'<h1 lang="{shown}">{capital_museum.name}</h1>' in html


# The map


def test_map_marks_the_venue(client, capital_museum):
    svg = map_svg(page(client, capital_museum))
    assert svg is not None
    markers = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(markers) == 1
    assert "<title>Capital Museum</title>" in svg
    x, y = (float(value) for value in markers[0])
    assert 0 < x < 720 and 0 < y < 480
    assert 'class="local-map__path"' not in svg
    # The venue is named beside its marker.
    assert ">Capital Museum</text>" in svg


def test_map_shows_the_venue_within_xicheng_and_its_neighbours(client):
    venue = VenueFactory(latitude=Decimal("39.93660"), longitude=Decimal("116.38600"))
    html = page(client, venue)
    svg = map_svg(html)
    assert 'class="local-map__district local-map__district--home"' in svg
    for name in ("Xicheng", "Dongcheng", "Haidian"):
        assert f">{name}</text>" in svg, name
    # The whole of Xicheng is in view: the map is drawn at district scale.
    zoom = 12
    x, y = mercator_pixel(venue.latitude, venue.longitude, zoom)
    ((marker_x, marker_y),) = (
        (float(a), float(b)) for a, b in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    )
    left, top = x - marker_x, y - marker_y
    shichahai = next(f for f in REFERENCE_FEATURES if str(f.label) == "Shichahai")
    expected = " ".join(
        f"{px - left:.1f},{py - top:.1f}"
        for px, py in (mercator_pixel(lat, lon, zoom) for lat, lon in shichahai.outline)
    )
    points = re.findall(r'<polygon class="local-map__ref-area" points="([^"]+)"', svg)
    assert any(
        all(
            abs(float(a) - float(b)) <= 0.11
            for pa, pb in zip(drawn.split(), expected.split(), strict=True)
            for a, b in zip(pa.split(","), pb.split(","), strict=True)
        )
        for drawn in points
        if len(drawn.split()) == len(expected.split())
    ), (points, expected)


def test_map_shows_published_venues_nearby_and_lists_them(client):
    venue = VenueFactory(slug="here", latitude=Decimal("39.93660"), longitude=Decimal("116.38600"))
    VenueFactory(
        slug="close",
        name_en="Close by",
        latitude=Decimal("39.93000"),
        longitude=Decimal("116.38000"),
    )
    VenueFactory(
        slug="farther",
        name_en="Farther",
        latitude=Decimal("39.90000"),
        longitude=Decimal("116.36000"),
    )
    VenueFactory(
        slug="hidden",
        name_en="Hidden",
        draft=True,
        latitude=Decimal("39.9300"),
        longitude=Decimal("116.3800"),
    )
    VenueFactory(slug="nowhere", name_en="Nowhere", off_map=True)
    html = page(client, venue)
    svg = map_svg(html)
    nearby = re.findall(
        r'<a class="local-map__marker local-map__marker--nearby" href="/en/venues/([\w-]+)/">', svg
    )
    assert nearby == ["close", "farther"]
    listing = re.search(r'<div class="local-map__nearby">.*?</div>', html, re.DOTALL).group(0)
    assert re.findall(r'href="/en/venues/([\w-]+)/"', listing) == ["close", "farther"]
    assert "0.9 km" in listing
    assert "Hidden" not in html and "Nowhere" not in listing


def test_venue_without_coordinates_has_no_map_but_shows_its_address(client):
    venue = VenueFactory(slug="nowhere", off_map=True, address_en="1 Somewhere Lane")
    html = page(client, venue)
    assert map_svg(html) is None
    assert "<circle" not in html
    assert "1 Somewhere Lane" in section(html, "map-title")
    assert "No location is recorded" not in html
    assert 'href="/en/venues/nowhere/"' in client.get("/en/venues/").content.decode()


def test_venue_without_coordinates_or_address_says_so(client):
    venue = VenueFactory(off_map=True, address_zh_hans="", address_en="")
    html = page(client, venue)
    assert map_svg(html) is None
    assert "No location is recorded for this venue yet." in html


def test_map_numbers_are_not_localised(client, capital_museum):
    # French and Arabic write decimal commas; SVG needs points.
    for code in ("fr", "ar", "ru"):
        svg = map_svg(page(client, capital_museum, code))
        assert re.search(r'<circle cx="\d+\.\d" cy="\d+\.\d"', svg), code
        assert 'viewBox="0 0 720 480"' in svg


# Gallery


def test_gallery_shows_pictures_in_order_with_alt_and_caption(client, capital_museum):
    VenueImageFactory(venue=capital_museum, alt_en="The bronze hall", position=2)
    VenueImageFactory(
        venue=capital_museum, alt_en="The main entrance", caption_en="North gate", position=1
    )
    gallery = section(page(client, capital_museum), "gallery-title")
    assert gallery.count("<picture>") == 2
    assert re.findall(r'alt="([^"]+)"', gallery) == ["The main entrance", "The bronze hall"]
    assert '<figcaption lang="en">North gate</figcaption>' in gallery
    assert 'width="800" height="600"' in gallery
    assert ".webp" in gallery


def test_gallery_pictures_are_stored_re_encoded(capital_museum):
    picture = VenueImageFactory(venue=capital_museum)
    assert picture.image.name.startswith("venues/gallery/")
    with picture.image.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"


def test_main_picture_is_shared_and_described(client):
    venue = VenueFactory.build(
        slug="with-picture",
        hero_image=SimpleUploadedFile("hero.jpg", jpeg_bytes(1600, 900), content_type="image/jpeg"),
        hero_image_alt_en="The front courtyard",
    )
    venue.full_clean()
    venue.save()
    html = page(client, venue)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    # Stored names carry a random part: venues/hero_<10 letters and digits>.jpg
    renditions = re.escape(settings.SITE_URL) + r"/media/renditions/venues/hero_\w{10}/"
    assert re.match(renditions, og_image)
    assert json_ld(html)["image"] == og_image
    hero = re.search(r"<picture>.*?</picture>", html, re.DOTALL).group(0)
    assert 'alt="The front courtyard"' in hero
    assert og_image.removeprefix(settings.SITE_URL) in hero


def test_no_picture_no_og_image(client, capital_museum):
    html = page(client, capital_museum)
    assert "og:image" not in html
    assert "image" not in json_ld(html)


# Not found and previews


@pytest.mark.parametrize("code", ["fr", "ar", "zh-hans"])
def test_unknown_venue_is_a_translated_404(client, code):
    response = client.get(f"/{code}/venues/no-such-venue/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        assert translation.gettext("Page not found") in html


@pytest.mark.parametrize(
    "state",
    [{"draft": True}, {"archived": True}, {"scheduled": True}],
)
def test_unpublished_venue_is_hidden_from_visitors(client, state):
    venue = VenueFactory(**state)
    page(client, venue, status=404)
    page(client, venue, "zh-hans", status=404)


def test_unpublished_venue_is_hidden_from_staff_without_permission(client, service_desk_officer):
    venue = VenueFactory(draft=True)
    client.force_login(service_desk_officer)
    page(client, venue, status=404)


def test_content_editor_previews_a_draft(client, content_editor):
    venue = VenueFactory(draft=True, name_en="Draft venue")
    client.force_login(content_editor)
    html = page(client, venue)
    assert '<p class="preview-banner" role="status">Preview: this venue is not published.' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<h1 lang="en">Draft venue</h1>' in html


def test_no_preview_banner_on_a_published_venue(client, content_editor, capital_museum):
    client.force_login(content_editor)
    html = page(client, capital_museum)
    assert "preview-banner" not in html
    assert 'content="noindex"' not in html


def test_sample_data_is_labelled(client):
    venue = VenueFactory(is_sample=True, sample_note_en="The capacity is invented.")
    html = page(client, venue)
    assert 'class="sample-badge"' in html
    assert "The capacity is invented." in html


# Routes through the venue


def test_published_routes_that_stop_here_are_linked_once(client, capital_museum):
    route = RouteFactory(slug="museum-route", title_zh_hans="博物馆之路", title_en="Museum route")
    RouteStopFactory(route=route, venue=capital_museum, position=1)
    RouteStopFactory(route=route, venue=capital_museum, position=5)
    RouteStopFactory(route=RouteFactory(slug="draft-route", draft=True), venue=capital_museum)
    RouteStopFactory(route=RouteFactory(slug="elsewhere"))
    routes = section(page(client, capital_museum), "routes-title")
    assert re.findall(r'<a href="/en/routes/([\w-]+)/"', routes) == ["museum-route"]
    assert '<a href="/en/routes/museum-route/" lang="en">Museum route</a>' in routes
    routes = section(page(client, capital_museum, "zh-hans"), "routes-title")
    assert '<a href="/zh-hans/routes/museum-route/" lang="zh-hans">博物馆之路</a>' in routes


def test_no_routes_section_when_no_published_route_stops_here(client, capital_museum):
    RouteStopFactory(route=RouteFactory(draft=True), venue=capital_museum)
    assert 'aria-labelledby="routes-title"' not in page(client, capital_museum)


# Events held here


# Noon in Beijing: "Opening today" (10:00 to 23:59) is under way. In the last minute of
# the Beijing day it is over and rightly gone, which is not what this test is about.
@pytest.mark.clock("2026-12-02T04:00Z")
def test_upcoming_events_at_the_venue(client, capital_museum):
    today = timezone.localdate()
    other = VenueFactory()
    make_event(venue=capital_museum, title="Silk Road exhibition", day=today + timedelta(30))
    make_event(venue=capital_museum, title="Opening today", day=today)
    make_event(venue=capital_museum, title="Last year's fair", day=today - timedelta(1))
    make_event(venue=other, title="Elsewhere", day=today)
    events = section(page(client, capital_museum), "events-title")
    titles = re.findall(r'<a href="/en/events/[\w-]+/">([^<]+)</a>', events)
    assert titles == ["Opening today", "Silk Road exhibition"]
    assert f'<time datetime="{today:%Y-%m-%d}">' in events


def test_no_events_section_without_upcoming_events(client, capital_museum):
    make_event(
        venue=capital_museum,
        title="Past",
        day=timezone.localdate() - timedelta(days=1),
    )
    assert 'aria-labelledby="events-title"' not in page(client, capital_museum)


def test_without_event_providers_the_page_has_no_event_sections(
    client, capital_museum, no_extension_providers
):
    today = timezone.localdate()
    make_event(venue=capital_museum, title="Silk Road exhibition", day=today + timedelta(30))
    make_event(venue=capital_museum, title="Last year's fair", day=today - timedelta(365))
    html = page(client, capital_museum)
    assert 'aria-labelledby="events-title"' not in html
    assert 'aria-labelledby="past-events-title"' not in html


# Structured data


def test_json_ld_of_a_museum(client, capital_museum):
    data = json_ld(page(client, capital_museum, "ja"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Museum"
    assert data["name"] == "首都博物館"
    assert data["url"] == f"{settings.SITE_URL}/ja/venues/capital-museum/"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 39.9058, "longitude": 116.3415}
    assert data["availableLanguage"] == ["zh", "en", "ja"]
    assert data["maximumAttendeeCapacity"] == 1200
    assert data["address"]["addressCountry"] == "CN"
    assert data["amenityFeature"][0]["value"] is True
    assert data["sameAs"] == "https://www.capitalmuseum.org.cn/"
    assert json_ld(page(client, capital_museum))["name"] == "Capital Museum"


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("theatre", "PerformingArtsTheater"),
        ("courtyard", "TouristAttraction"),
        ("other", "TouristAttraction"),
    ],
)
def test_json_ld_type_follows_the_kind(client, kind, schema_type):
    assert json_ld(page(client, VenueFactory(kind=kind)))["@type"] == schema_type


def test_json_ld_without_coordinates_languages_or_step_free_access(client):
    data = json_ld(page(client, VenueFactory(off_map=True, facilities=["wifi"])))
    assert "geo" not in data
    assert "availableLanguage" not in data
    assert "amenityFeature" not in data


def test_json_ld_cannot_be_broken_out_of(client):
    evil = "</script><script>alert(1)</script>"
    venue = VenueFactory(name_en=f"Evil {evil}", summary_en=f"<!-- {evil}")
    html = page(client, venue)
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == f"Evil {evil}"
    assert data["description"] == f"<!-- {evil}"


# Sharing and languages


def test_open_graph_tags(client, capital_museum):
    html = page(client, capital_museum)
    assert '<meta property="og:type" content="place">' in html
    assert '<meta property="og:title" content="Capital Museum">' in html
    assert (
        '<meta property="og:description" content="The museum of the history of Beijing.">' in html
    )
    assert (
        f'<meta property="og:url" content="{settings.SITE_URL}/en/venues/capital-museum/">' in html
    )
    assert '<meta property="place:location:latitude" content="39.90580">' in html
    assert '<meta property="place:location:longitude" content="116.34150">' in html
    assert html.count('property="og:type"') == 1


def test_open_graph_without_coordinates_has_no_location(client):
    html = page(client, VenueFactory(off_map=True))
    assert "place:location" not in html


def test_open_graph_title_in_the_page_language(client, capital_museum):
    html = page(client, capital_museum, "zh-hans")
    assert '<meta property="og:title" content="首都博物馆">' in html
    assert '<meta property="og:locale" content="zh-hans">' in html


def test_hreflang_alternates_for_every_language(client, capital_museum):
    html = page(client, capital_museum, "fr")
    for code in CODES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="{settings.SITE_URL}/{code}/venues/capital-museum/">'
        ) in html
    assert html.count('rel="alternate" hreflang=') == len(CODES) + 1
    assert 'hreflang="x-default"' in html


def test_page_references_no_other_host_than_the_venues_site(client, capital_museum):
    html = page(client, capital_museum)
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert url.startswith(("/", "#", "tel:", settings.SITE_URL)) or url == (
            "https://www.capitalmuseum.org.cn/"
        ), url
