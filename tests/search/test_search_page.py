"""The search page: what a visitor sees, what it costs, and junk that must not break it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.usefixtures("indexed_demo")

# The SQL a search page may cost: its results, "did you mean", the suggestion's results.
MAX_QUERIES = 3


def search(client, query, language="en", **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/search/", {"q": query, **params})
    response.queries = [q["sql"] for q in queries]
    return response


@pytest.mark.django_db
def test_a_name_in_another_language_finds_the_partner_shown_in_the_page_language(client):
    for query in ("Nakano", "中野", "Накано", "ناكانو"):
        response = search(client, query)
        html = response.content.decode()
        assert response.status_code == 200
        first = html.index('class="search-result"')
        assert "Nakano City, Tokyo" in html[first : first + 800], query


@pytest.mark.django_db
def test_search_pages_are_not_indexed_nor_kept_by_shared_caches(client):
    response = search(client, "ballet")
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 2000,
        "!!! ??? ...",
        "'); DROP TABLE search_searchentry; --",
        "a & b | !c <-> d:*",
        '"unbalanced',
        "\u200f\u202eناكانو\u202c",
        "((((",
        "\\",
    ],
)
def test_junk_gives_a_normal_page(client, query):
    response = search(client, query, language="ar")
    assert response.status_code == 200
    assert len(response.queries) <= MAX_QUERIES


@pytest.mark.django_db
def test_a_nul_byte_gets_the_portal_s_translated_bad_request_page(client):
    # Refused for every page before any view (apps/core/middleware.BadInputMiddleware).
    response = search(client, "nakano\x00", language="fr")
    assert response.status_code == 400
    assert 'lang="fr"' in response.content.decode()
    assert not response.queries


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Nakano", "Nakanno", "签证邀请函", "the ballet thing", "museum"])
def test_a_search_page_costs_at_most_three_statements(client, query):
    search(client, "warm")  # the content version and the session are read once
    response = search(client, query)
    assert response.status_code == 200
    assert len(response.queries) <= MAX_QUERIES, response.queries


@pytest.mark.django_db
def test_a_typo_is_corrected_and_the_original_offered(client):
    html = search(client, "Nakanno").content.decode()
    assert "Showing results for <strong><bdi>Nakano</bdi></strong>" in html
    assert "Nakano City, Tokyo" in html
    assert "exact=1" in html
    exact = search(client, "Nakanno", exact="1").content.decode()
    assert "Nothing was found" in exact


@pytest.mark.django_db
def test_type_filter_and_bad_parameters(client):
    html = search(client, "museum", type="venue").content.decode()
    assert 'aria-current="page">Venues' in html
    for params in ({"type": "nonsense"}, {"page": "-1"}, {"page": "x"}, {"page": "99999"}):
        assert search(client, "museum", **params).status_code == 200


@pytest.mark.django_db
def test_browsers_and_search_engines_are_told_where_the_search_is(client, settings):
    home = client.get("/ru/").content.decode()
    assert '"@type": "SearchAction"' in home
    assert f"{settings.SITE_URL}/ru/search/?q={{search_term_string}}" in home
    assert 'rel="search" type="application/opensearchdescription+xml"' in home
    assert 'href="/ru/search/opensearch.xml"' in home
    description = client.get("/ru/search/opensearch.xml")
    assert description["Content-Type"].startswith("application/opensearchdescription+xml")
    body = description.content.decode()
    assert f'template="{settings.SITE_URL}/ru/search/?q={{searchTerms}}"' in body
    assert "<Language>ru</Language>" in body


@pytest.mark.django_db
def test_the_header_of_every_page_has_a_search_box(client):
    for path in ("/ar/", "/ja/events/", "/zh-hans/venues/"):
        html = client.get(path).content.decode()
        language = path.split("/")[1]
        assert f'action="/{language}/search/"' in html, path
        assert 'role="search"' in html and 'name="q"' in html, path


@pytest.mark.django_db
def test_many_searches_from_one_address_get_a_translated_slow_down_page(client, settings):
    settings.SEARCH_RATE_LIMIT = 3
    statuses = [search(client, "museum", language="fr").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = search(client, "museum", language="fr")
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    assert 'lang="fr"' in limited.content.decode()
    # Another address is not slowed down.
    other = client.get("/fr/search/", {"q": "museum"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200
