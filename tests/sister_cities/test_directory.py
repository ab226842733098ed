"""The partner directory: totals, filters, order by name, coming anniversaries, the map."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from apps.sister_cities import geo

from .factories import SisterCityFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def directory(client, query="", lang="en") -> str:
    response = client.get(f"/{lang}/sister-cities/{query}")
    assert response.status_code == 200
    return response.content.decode()


def listed_slugs(html: str) -> list[str]:
    """Slugs of the partners in the text list, in their order on the page."""
    match = re.search(r'<ul class="card-grid city-list">(.*?)</ul>', html, re.DOTALL)
    if match is None:
        return []
    return re.findall(
        r'<h3 class="card__title"><a href="/[\w-]+/sister-cities/([\w-]+)/"', match.group(1)
    )


def map_svg(html: str) -> str:
    match = re.search(r"<svg class=\"world-map__svg\"[^>]*>.*?</svg>", html, re.DOTALL)
    assert match, "no map on the page"
    return match.group(0)


def years_ago(years: int, *, plus_days: int = 0) -> date:
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28)) + timedelta(days=plus_days)


@pytest.fixture
def partners():
    """Partners in Asia and Europe, of each kind."""
    return {
        "nakano": SisterCityFactory(
            slug="nakano", name_zh_hans="中野", name_en="Nakano", country="JP", kind="sister"
        ),
        "minsk": SisterCityFactory(
            slug="minsk", name_zh_hans="明斯克", name_en="Minsk", country="BY", kind="sister"
        ),
        "antwerp": SisterCityFactory(
            slug="antwerp",
            name_zh_hans="安特卫普",
            name_en="Antwerp",
            country="BE",
            kind="friendship",
        ),
        "seoul": SisterCityFactory(
            slug="seoul", name_zh_hans="首尔", name_en="Seoul", country="KR", kind="friendship"
        ),
    }


# Totals


def test_totals_sentence_counts_partners_countries_and_continents(client, partners):
    html = directory(client)
    assert "4 partners in 4 countries on 2 continents" in html


def test_totals_count_only_published_partners(client, partners):
    SisterCityFactory(country="US", draft=True)
    SisterCityFactory(country="BR", archived=True)
    SisterCityFactory(country="AU", publish_at=timezone.now() + timedelta(days=2))
    SisterCityFactory(country="JP")
    html = directory(client)
    assert "5 partners in 4 countries on 2 continents" in html


def test_totals_use_singulars(client):
    SisterCityFactory(country="JP")
    assert "1 partner in 1 country on 1 continent" in directory(client)


def test_an_empty_directory_still_renders(client):
    html = directory(client)
    assert "0 partners in 0 countries on 0 continents" in html
    assert "No partner matches these filters." in html


def test_drafts_are_not_listed(client, partners):
    SisterCityFactory(slug="secret", draft=True)
    SisterCityFactory(slug="old", archived=True)
    SisterCityFactory(slug="later", publish_at=timezone.now() + timedelta(days=2))
    html = directory(client)
    assert set(listed_slugs(html)) == set(partners)
    assert "/secret/" not in html and "/old/" not in html and "/later/" not in html


@pytest.mark.parametrize("code", CODES)
def test_directory_in_every_language(client, partners, code):
    html = directory(client, lang=code)
    assert f'<html lang="{code}"' in html
    assert len(listed_slugs(html)) == 4


# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?continent=EU", {"minsk", "antwerp"}),
        ("?continent=AS", {"nakano", "seoul"}),
        ("?country=BY", {"minsk"}),
        ("?kind=friendship", {"antwerp", "seoul"}),
        ("?continent=EU&kind=friendship", {"antwerp"}),
        ("?continent=AS&kind=sister", {"nakano"}),
        ("?continent=AS&country=BY", set()),
        ("?continent=&country=&kind=", {"nakano", "minsk", "antwerp", "seoul"}),
    ],
)
def test_filters_combine(client, partners, query, expected):
    html = directory(client, query)
    assert set(listed_slugs(html)) == expected


def test_filters_keep_their_state_in_the_form(client, partners):
    html = directory(client, "?continent=EU&kind=friendship")
    assert '<option value="EU" selected>' in html
    assert '<option value="friendship" selected>' in html
    assert '<option value="AS" selected>' not in html
    assert 'method="get"' in html  # so the state is in the address
    assert "1 partner matches" in html
    assert 'href="/en/sister-cities/">Clear filters</a>' in html


def test_filters_offer_only_what_published_partners_have(client, partners):
    SisterCityFactory(country="US", draft=True)
    html = directory(client)
    assert '<option value="BY">' in html and '<option value="EU">' in html
    assert '<option value="US">' not in html
    assert '<option value="NA">' not in html


def test_country_filter_names_are_in_the_visitors_language(client, partners):
    html = directory(client, lang="fr")
    assert '<option value="BE">Belgique</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?continent=XX",
        "?country=ZZ",
        "?kind=bogus",
        "?country=%3Cscript%3Ealert(1)%3C/script%3E",
        "?continent=EU&continent=XX",
        "?continent=" + "A" * 5000,
    ],
)
def test_unknown_filter_values_are_ignored(client, partners, query):
    html = directory(client, query)
    assert set(listed_slugs(html)) == set(partners)
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?continent=XX&kind=friendship", {"antwerp", "seoul"}),
        ("?continent=EU&kind=bogus", {"minsk", "antwerp"}),
        ("?country=%3Cscript%3E&continent=AS", {"nakano", "seoul"}),
        ("?country=FR&kind=sister", {"nakano", "minsk"}),  # no partner in France
    ],
)
def test_valid_filters_apply_beside_unknown_ones(client, partners, query, expected):
    assert set(listed_slugs(directory(client, query))) == expected


# Order by name


def test_sorted_by_pinyin_in_chinese(client, partners):
    # 安 ān, 明 míng, 首 shǒu, 中 zhōng; in code points 中 would come first.
    html = directory(client, lang="zh-hans")
    assert listed_slugs(html) == ["antwerp", "minsk", "seoul", "nakano"]


def test_sorted_by_english_name_in_english(client, partners):
    assert listed_slugs(directory(client)) == ["antwerp", "minsk", "nakano", "seoul"]


def test_sorted_by_fallback_name_without_a_translation(client):
    SisterCityFactory(slug="zagreb", name_zh_hans="萨格勒布", name_en="Zagreb", name_ja="ザグレブ")
    SisterCityFactory(slug="antwerp", name_zh_hans="安特卫普", name_en="Antwerp")
    SisterCityFactory(slug="only-chinese", name_zh_hans="明斯克", name_en="")
    html = directory(client, lang="ja")
    # Antwerp has no Japanese name: it sorts (and shows) by its English one.
    assert listed_slugs(html) == ["antwerp", "zagreb", "only-chinese"]
    assert '<a href="/ja/sister-cities/antwerp/" lang="en">Antwerp</a>' in html
    assert '<a href="/ja/sister-cities/only-chinese/" lang="zh-hans">明斯克</a>' in html


# Coming anniversaries


def test_coming_round_anniversaries_within_a_year(client):
    SisterCityFactory(name_en="Soon", established_on=years_ago(10, plus_days=30))
    SisterCityFactory(name_en="Today", established_on=years_ago(15))
    SisterCityFactory(name_en="Far", established_on=years_ago(6))
    SisterCityFactory(name_en="Hidden", established_on=years_ago(20, plus_days=5), draft=True)
    html = directory(client)
    assert "Coming anniversaries" in html
    assert "10 years of ties with Soon" in html
    assert "years of ties with Far" not in html
    assert "years of ties with Hidden" not in html
    if timezone.localdate().day <= 28:
        assert "15 years of ties with Today" in html  # an anniversary today still counts


def test_no_anniversary_section_when_none_is_near(client):
    SisterCityFactory(established_on=years_ago(6))
    assert "Coming anniversaries" not in directory(client)


def test_anniversaries_list_in_the_visitors_language(client):
    SisterCityFactory(
        name_zh_hans="中野", name_en="Nakano", established_on=years_ago(35, plus_days=10)
    )
    assert "中野" in re.search(
        r'<section class="anniversaries".*?</section>', directory(client, lang="zh-hans"), re.DOTALL
    ).group(0)


# The map


def test_map_is_an_svg_with_the_projection_viewbox(client, partners):
    svg = map_svg(directory(client))
    assert f'viewBox="0 0 {geo.MAP_WIDTH} {geo.MAP_HEIGHT}"' in svg


def test_each_partner_with_coordinates_has_a_marker_at_its_position(client):
    SisterCityFactory(
        slug="nakano",
        name_en="Nakano",
        latitude=Decimal("35.70735"),
        longitude=Decimal("139.66380"),
    )
    SisterCityFactory(
        slug="buenos-aires",
        name_en="Buenos Aires",
        country="AR",
        latitude=Decimal("-34.60370"),
        longitude=Decimal("-58.38160"),
    )
    svg = map_svg(directory(client))
    markers = re.findall(
        r'<a href="(/en/sister-cities/[\w-]+/)"[^>]*>\s*<title>([^<]+)</title>\s*'
        r'<circle cx="([\d.]+)" cy="([\d.]+)"',
        svg,
    )
    assert len(markers) == 2
    by_url = {url: (title, float(cx), float(cy)) for url, title, cx, cy in markers}
    assert by_url["/en/sister-cities/nakano/"] == (
        "Nakano",
        *geo.project(Decimal("35.70735"), Decimal("139.66380")),
    )
    assert by_url["/en/sister-cities/buenos-aires/"] == (
        "Buenos Aires",
        *geo.project(Decimal("-34.60370"), Decimal("-58.38160")),
    )


def test_partner_without_coordinates_is_listed_but_not_on_the_map(client):
    SisterCityFactory(slug="nakano")
    SisterCityFactory(slug="nowhere", name_en="Nowhere", off_map=True)
    html = directory(client)
    assert set(listed_slugs(html)) == {"nakano", "nowhere"}
    svg = map_svg(html)
    assert "/nowhere/" not in svg and "Nowhere" not in svg
    assert svg.count("<circle") == 1
    assert "not on the map" in html


def test_map_markers_follow_the_filters(client, partners):
    svg = map_svg(directory(client, "?continent=EU"))
    assert svg.count("<circle") == 2
    assert "/minsk/" in svg and "/nakano/" not in svg


def test_map_draws_the_world_from_static_and_no_other_host(client, partners):
    html = directory(client)
    assert 'href="/static/img/world.svg"' in map_svg(html)
    urls = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert urls
    for url in urls:
        assert url.startswith(("/", "#", settings.SITE_URL)), url


def test_directory_names_are_escaped(client):
    SisterCityFactory(name_en='<img src=x onerror="alert(1)">')
    html = directory(client)
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_directory_rendering_kept_per_process_never_goes_stale(client):
    from tests.sister_cities.factories import SisterCityFactory

    city = SisterCityFactory(name_en="Before")
    assert "Before" in client.get("/en/sister-cities/").content.decode()
    city.name_en = "After"
    city.save()
    html = client.get("/en/sister-cities/").content.decode()
    assert "After" in html and "Before" not in html
    # Unpublishing takes a partner off the list and the map at once.
    city.status = "draft"
    city.save()
    html = client.get("/en/sister-cities/").content.decode()
    assert "After" not in html
