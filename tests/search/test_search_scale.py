"""A search page makes the same few statements with 15 matching events or 60 (issue 16,
item 6: at most 3, constant as data grows; `make bench` times them at 5,000 events)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.search.indexing import search_index_pending
from tests.events.factories import EventFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL search engine's statements"
    ),
]

MAX_QUERIES = 3
TYPO = ("en", "calligrapy", {})
SEARCHES = [
    ("en", "calligraphy", {}),
    ("ru", "каллиграфии", {}),
    ("zh-hans", "书法工作坊", {}),
    ("ar", "ورشة الخط", {}),
    TYPO,  # nothing found: "did you mean" and the suggestion's results
    ("fr", "calligraphie", {"type": "event"}),
    ("es", "caligrafía", {"page": "2"}),
]


def add_events(first: int, last: int) -> None:
    """Published events `first` to `last - 1`, each a calligraphy workshop in four
    languages (every one of them matches every search), then indexed."""
    for n in range(first, last):
        EventFactory(
            title_en=f"Calligraphy workshop {n}",
            title_zh_hans=f"书法工作坊 {n}",
            title_ru=f"Мастер-класс каллиграфии {n}",
            title_ar=f"ورشة الخط {n}",
            title_fr=f"Atelier de calligraphie {n}",
            title_es=f"Taller de caligrafía {n}",
            summary_en="Brushes and ink are provided.",
        )
    search_index_pending()


def statements(client) -> dict[str, int]:
    """The SQL of each search page's second request (the first reads the content version
    once), after checking that it found something and, for the typo, corrected it."""
    counts = {}
    for language, query, params in SEARCHES:
        url = f"/{language}/search/"
        client.get(url, {"q": query, **params})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": query, **params})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'class="search-result"' in html, query
        if (language, query, params) == TYPO:
            assert 'class="search-suggestion"' in html
        counts[query] = len(captured)
    return counts


def test_a_search_page_makes_the_same_statements_at_any_scale(client):
    add_events(0, 15)
    small = statements(client)
    add_events(15, 60)
    large = statements(client)
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large
    assert large["calligrapy"] == 3  # the typo takes the longest path, and it is counted
