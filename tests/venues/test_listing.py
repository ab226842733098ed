"""The venue listing: filters alone and combined, their state, paging, unknown values."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from apps.venues.services import VENUES_PER_PAGE

from .factories import RouteFactory, VenueFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def listing(client, query="", lang="en") -> str:
    response = client.get(f"/{lang}/venues/{query}")
    assert response.status_code == 200
    return response.content.decode()


def listed_slugs(html: str) -> list[str]:
    """Slugs of the venues listed, in their order on the page."""
    match = re.search(r'<ul class="card-grid venue-list">(.*?)</ul>', html, re.DOTALL)
    if match is None:
        return []
    return re.findall(r'<h3 class="card__title"><a href="/[\w-]+/venues/([\w-]+)/"', match.group(1))


def pagination(html: str) -> dict[str, str]:
    """The pagination links by rel (prev/next), their addresses unescaped."""
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.DOTALL)
    if nav is None:
        return {}
    return {
        rel: href.replace("&amp;", "&")
        for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)"', nav.group(0))
    }


@pytest.fixture
def venues():
    """Venues that differ in one filter at a time."""
    return {
        # The "done when" venue: a step-free museum with visits in English.
        "capital-museum": VenueFactory(
            slug="capital-museum",
            name_en="Capital Museum",
            kind="museum",
            categories=["culture-tourism"],
            facilities=["step-free", "wifi"],
            languages=["zh", "en"],
            open_to_delegations=True,
        ),
        "xu-beihong": VenueFactory(
            slug="xu-beihong",
            name_en="Xu Beihong Memorial",
            kind="museum",
            categories=["culture-tourism", "education"],
            facilities=["wifi"],
            languages=["zh", "en"],
        ),
        "lu-xun": VenueFactory(
            slug="lu-xun",
            name_en="Lu Xun Museum",
            kind="museum",
            facilities=["step-free"],
            languages=["zh", "ja"],
        ),
        "tianqiao": VenueFactory(
            slug="tianqiao",
            name_en="Tianqiao Theatre",
            kind="theatre",
            categories=["culture-tourism"],
            facilities=["step-free"],
            languages=["zh", "en"],
            open_to_delegations=True,
        ),
        "financial-street": VenueFactory(
            slug="financial-street",
            name_en="Financial Street Forum",
            kind="conference",
            categories=["business"],
            facilities=["interpretation-booths"],
            languages=["en", "fr"],
            open_to_delegations=True,
        ),
    }


ALL = {"capital-museum", "xu-beihong", "lu-xun", "tianqiao", "financial-street"}


# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("?kind=museum", {"capital-museum", "xu-beihong", "lu-xun"}),
        ("?kind=conference", {"financial-street"}),
        ("?kind=school", set()),
        ("?category=culture-tourism", {"capital-museum", "xu-beihong", "tianqiao"}),
        ("?category=education", {"xu-beihong"}),
        ("?language=en", {"capital-museum", "xu-beihong", "tianqiao", "financial-street"}),
        ("?language=ja", {"lu-xun"}),
        ("?language=ar", set()),
        ("?step_free=on", {"capital-museum", "lu-xun", "tianqiao"}),
        ("?delegations=on", {"capital-museum", "tianqiao", "financial-street"}),
    ],
)
def test_each_filter_alone(client, venues, query, expected):
    assert set(listed_slugs(listing(client, query))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=museum&step_free=on&language=en", {"capital-museum"}),
        ("?kind=museum&step_free=on", {"capital-museum", "lu-xun"}),
        ("?kind=museum&language=en", {"capital-museum", "xu-beihong"}),
        ("?category=culture-tourism&delegations=on", {"capital-museum", "tianqiao"}),
        ("?category=culture-tourism&language=en&step_free=on", {"capital-museum", "tianqiao"}),
        ("?language=fr&delegations=on&category=business", {"financial-street"}),
        ("?kind=theatre&language=ja", set()),
        ("?kind=&category=&language=", ALL),
    ],
)
def test_filters_combine(client, venues, query, expected):
    assert set(listed_slugs(listing(client, query))) == expected


def test_a_visitor_finds_a_step_free_museum_with_visits_in_english(client, venues):
    html = listing(client, "?kind=museum&step_free=on&language=en")
    assert listed_slugs(html) == ["capital-museum"]
    assert "1 venue</h2>" in html
    card = re.search(r'<li class="card venue-card">.*?</li>', html, re.DOTALL).group(0)
    assert '<a href="/en/venues/capital-museum/" lang="en">Capital Museum</a>' in card
    assert "Visits in: Chinese, English" in card
    assert '<span class="badge">Step-free access</span>' in card


def test_a_venue_in_several_categories_is_listed_once(client, venues):
    html = listing(client, "?category=culture-tourism&language=zh")
    assert sorted(listed_slugs(html)) == ["capital-museum", "tianqiao", "xu-beihong"]
    assert "3 venues</h2>" in html


def test_filters_keep_their_state_in_the_form(client, venues):
    html = listing(
        client, "?kind=museum&category=culture-tourism&language=en&step_free=on&delegations=on"
    )
    assert '<option value="museum" selected>' in html
    assert '<option value="culture-tourism" selected>' in html
    assert '<option value="en" selected>' in html
    assert '<input type="checkbox" name="step_free" id="id_step_free" checked>' in html
    assert '<input type="checkbox" name="delegations" id="id_delegations" checked>' in html
    assert '<option value="theatre" selected>' not in html
    assert 'method="get"' in html
    assert '<a href="/en/venues/">Clear filters</a>' in html


def test_unfiltered_form_selects_nothing_and_offers_no_clearing(client, venues):
    html = listing(client)
    assert re.findall(r'<option value="(\w*)" selected>', html) == ["", "", ""]
    assert '<input type="checkbox" name="step_free" id="id_step_free">' in html
    assert "Clear filters" not in html


def test_filter_options_come_from_the_lookups_in_the_visitors_language(client, venues):
    html = listing(client, lang="fr")
    assert '<option value="culture-tourism">Culture et tourisme</option>' in html
    assert '<option value="en">Anglais</option>' in html
    html = listing(client, lang="zh-hans")
    assert '<option value="business">商务</option>' in html


# Unknown values


@pytest.mark.parametrize(
    "query",
    [
        "?kind=bogus",
        "?category=nope",
        "?language=xx",
        "?page=999",
        "?page=abc",
        "?page=-1",
        "?step_free=maybe",
        "?delegations=" + "x" * 3000,
        "?kind=%3Cscript%3Ealert(1)%3C/script%3E",
        "?kind=museum&kind=bogus",
    ],
)
def test_unknown_values_never_break_the_listing(client, venues, query):
    html = listing(client, query)
    assert listed_slugs(html)
    assert "<script>alert(1)" not in html


def test_a_nul_byte_is_refused_before_the_listing(client, venues):
    # apps/core/middleware.py answers 400 before any view or cache sees the address.
    assert client.get("/en/venues/?category=culture-tourism%00").status_code == 400


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "?kind=bogus&language=en",
            {"capital-museum", "xu-beihong", "tianqiao", "financial-street"},
        ),
        ("?kind=museum&category=nope", {"capital-museum", "xu-beihong", "lu-xun"}),
        ("?language=xx&step_free=on", {"capital-museum", "lu-xun", "tianqiao"}),
        ("?kind=museum&step_free=on&language=en&page=abc", {"capital-museum"}),
        ("?kind=museum&step_free=on&language=en&page=999", {"capital-museum"}),
        ("?category=nope&kind=theatre&delegations=on", {"tianqiao"}),
    ],
)
def test_valid_filters_apply_beside_unknown_values(client, venues, query, expected):
    assert set(listed_slugs(listing(client, query))) == expected


def test_unknown_value_is_not_shown_as_selected(client, venues):
    html = listing(client, "?kind=bogus&language=en")
    assert '<option value="en" selected>' in html
    kind = re.search(r'<select name="kind".*?</select>', html, re.DOTALL).group(0)
    assert "selected" not in kind


def test_step_free_with_another_value_still_renders_consistently(client, venues):
    html = listing(client, "?step_free=maybe&kind=museum")
    checked = '<input type="checkbox" name="step_free" id="id_step_free" checked>' in html
    # Whatever a browser-less value means, the form shows the filter that was applied.
    expected = (
        {"capital-museum", "lu-xun"} if checked else {"capital-museum", "xu-beihong", "lu-xun"}
    )
    assert set(listed_slugs(html)) == expected


# Publishing


def test_drafts_archives_and_future_venues_are_not_listed(client, venues):
    VenueFactory(slug="draft", draft=True, kind="museum")
    VenueFactory(slug="old", archived=True, kind="museum")
    VenueFactory(slug="later", kind="museum", publish_at=timezone.now() + timedelta(days=2))
    VenueFactory(slug="due", kind="museum", publish_at=timezone.now() - timedelta(hours=1))
    html = listing(client)
    assert set(listed_slugs(html)) == ALL | {"due"}
    assert "6 venues</h2>" in html
    for slug in ("draft", "old", "later"):
        assert f"/venues/{slug}/" not in html
    assert set(listed_slugs(listing(client, "?kind=museum"))) == {
        "capital-museum",
        "xu-beihong",
        "lu-xun",
        "due",
    }


def test_only_published_routes_are_offered(client, venues):
    RouteFactory(slug="museum-route", title_en="The museum route")
    RouteFactory(slug="secret-route", title_en="Secret route", draft=True)
    html = listing(client)
    assert '<a href="/en/routes/museum-route/" lang="en">The museum route</a>' in html
    assert "secret-route" not in html


def test_venue_without_coordinates_is_listed(client):
    VenueFactory(slug="placed")
    VenueFactory(slug="nowhere", off_map=True)
    assert set(listed_slugs(listing(client))) == {"placed", "nowhere"}


def test_empty_listing(client):
    html = listing(client, "?kind=museum")
    assert "0 venues</h2>" in html
    assert "No venue matches these filters." in html


# Order and languages


def test_sorted_by_pinyin_in_chinese_and_alphabetically_in_english(client):
    VenueFactory(slug="prince-gong", name_zh_hans="恭王府", name_en="Prince Gong's Mansion")
    VenueFactory(slug="baitasi", name_zh_hans="白塔寺", name_en="White Stupa Temple")
    VenueFactory(slug="zhongshuge", name_zh_hans="中书阁", name_en="Zhongshu Pavilion")
    VenueFactory(slug="niujie", name_zh_hans="牛街礼拜寺", name_en="Niujie Mosque")
    assert listed_slugs(listing(client, lang="zh-hans")) == [
        "baitasi",
        "prince-gong",
        "niujie",
        "zhongshuge",
    ]
    assert listed_slugs(listing(client)) == ["niujie", "prince-gong", "baitasi", "zhongshuge"]


def test_japanese_listing_falls_back_to_english_names(client):
    VenueFactory(
        slug="baitasi", name_zh_hans="白塔寺", name_en="White Stupa Temple", name_ja="白塔寺"
    )
    VenueFactory(slug="niujie", name_zh_hans="牛街礼拜寺", name_en="Niujie Mosque")
    html = listing(client, lang="ja")
    assert listed_slugs(html) == ["niujie", "baitasi"]
    assert '<a href="/ja/venues/niujie/" lang="en">Niujie Mosque</a>' in html
    assert '<a href="/ja/venues/baitasi/" lang="ja">白塔寺</a>' in html


@pytest.mark.parametrize("code", CODES)
def test_listing_in_every_language(client, venues, code):
    html = listing(client, lang=code)
    assert f'<html lang="{code}"' in html
    assert len(listed_slugs(html)) == 5


def test_names_are_escaped(client):
    VenueFactory(name_en='<img src=x onerror="alert(1)">')
    html = listing(client)
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


# Pages


def test_pages_of_24(client):
    for number in range(30):
        VenueFactory(slug=f"venue-{number:02d}", name_en=f"Venue {number:02d}")
    first = listing(client)
    assert VENUES_PER_PAGE == 24
    assert listed_slugs(first) == [f"venue-{n:02d}" for n in range(24)]
    assert "30 venues</h2>" in first
    assert "Page 1 of 2" in first
    assert pagination(first) == {"next": "?page=2"}
    second = listing(client, "?page=2")
    assert listed_slugs(second) == [f"venue-{n:02d}" for n in range(24, 30)]
    assert pagination(second) == {"prev": "?page=1"}
    # Out of range or not a number: the last or the first page, never an error.
    assert listed_slugs(listing(client, "?page=999")) == listed_slugs(second)
    assert listed_slugs(listing(client, "?page=abc")) == listed_slugs(first)


def test_pagination_links_keep_the_filters(client):
    for number in range(30):
        VenueFactory(slug=f"museum-{number:02d}", name_en=f"Museum {number:02d}", kind="museum")
    VenueFactory(slug="theatre", kind="theatre")
    first = listing(client, "?kind=museum")
    assert "30 venues</h2>" in first
    assert pagination(first) == {"next": "?kind=museum&page=2"}
    second = listing(client, "?kind=museum&page=2")
    assert len(listed_slugs(second)) == 6
    assert "theatre" not in listed_slugs(second)
    assert pagination(second) == {"prev": "?kind=museum&page=1"}
    assert '<option value="museum" selected>' in second


def test_pagination_links_keep_every_filter(client):
    for number in range(26):
        VenueFactory(
            slug=f"museum-{number:02d}",
            kind="museum",
            facilities=["step-free"],
            languages=["en"],
        )
    html = listing(client, "?kind=museum&step_free=on&language=en")
    next_url = pagination(html)["next"]
    assert next_url.startswith("?")
    params = dict(pair.split("=") for pair in next_url[1:].split("&"))
    assert params == {"kind": "museum", "step_free": "on", "language": "en", "page": "2"}
    assert len(listed_slugs(listing(client, next_url))) == 2


def test_kept_card_rendering_follows_every_change(client):
    from apps.venues.models import Facility, ResourceCategory

    venue = VenueFactory(name_en="Old name", categories=["education"])
    assert "Old name" in client.get("/en/venues/").content.decode()

    venue.name_en = "New name"
    venue.save()
    html = client.get("/en/venues/").content.decode()
    assert "New name" in html and "Old name" not in html

    # Renaming a category changes no venue row, yet the cards show the new name.
    category = ResourceCategory.objects.get(code="education")
    category.name_en = "Learning"
    category.save()
    assert "Learning" in client.get("/en/venues/").content.decode()

    venue.facilities.add(Facility.objects.get(code="step-free"))
    assert "Step-free access" in client.get("/en/venues/").content.decode()
