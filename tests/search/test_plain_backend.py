"""The plain backend of the embedded demo (SQLite, `make run`), on the same index rows:
the suite runs on PostgreSQL, so it is called directly."""

import pytest
from django.utils import timezone

from apps.search.analysis import query_phrase, query_terms, significant_terms
from apps.search.backends import PlainBackend

pytestmark = [
    pytest.mark.usefixtures("indexed_demo"),
    pytest.mark.django_db,
    pytest.mark.clock("2026-12-02T04:00:00Z"),
]


def top(query, language="en", **options):
    terms = significant_terms(query_terms(query))
    found = PlainBackend().search(
        terms,
        phrase=query_phrase(query),
        language=language,
        kind=options.get("kind", ""),
        offset=0,
        limit=10,
        now=timezone.now(),
    )
    return [f"{hit.kind}:{hit.slug}" for hit in found.hits], found


@pytest.mark.parametrize("query", ["Nakano", "中野", "Накано", "ناكانو"])
def test_a_name_in_any_script_finds_the_partner(query):
    hits, found = top(query)
    assert hits[0] == "partner:nakano"
    assert found.hits[0].language == "en"


def test_chinese_without_spaces_and_a_type_filter():
    assert top("首都博物馆")[0][0] == "venue:capital-museum"
    hits, found = top("museum", kind="venue")
    assert hits and all(hit.startswith("venue:") for hit in hits)
    assert found.counts["venue"] >= len(hits)


def test_a_typo_gets_a_suggestion():
    terms = significant_terms(query_terms("Nakanno"))
    suggestions = PlainBackend().suggest(terms, now=timezone.now(), language="en")
    assert suggestions == {"nakanno": ("nakano", "Nakano")}
