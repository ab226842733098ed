"""Suggestions ("did you mean"): a word as the names write it, from the page's language if one is
close enough (apps/search/backends.py, PostgreSQL and the plain engine)."""

import pytest

from apps.search.indexing import search_index_pending
from apps.search.services import search_run
from tests.venues.factories import VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum(venue_lookups):
    venue = VenueFactory(
        name_en="Quenderby Museum",
        name_fr="Musée Quenderby",
        name_es="Museo Quenderby",
        name_zh_hans="昆德比博物馆",
    )
    search_index_pending()
    return venue


@pytest.mark.parametrize(
    ("language", "suggestion"),
    [
        # "musei" is as like "musee" as "museo": each page gets its own language's word.
        ("fr", "Musée quendrby"),
        ("es", "Museo quendrby"),
        # No English word is close enough: the closest of another language.
        ("en", "Musée quendrby"),
    ],
)
def test_a_suggestion_is_written_as_the_name_is_in_the_page_s_language(
    museum, language, suggestion
):
    results = search_run("musei quendrby", language=language)
    assert results.suggestion == suggestion.replace("quendrby", "Quenderby")
    assert results.corrected
    assert [hit.slug for hit in results.found.hits] == [museum.slug]


def test_words_typed_right_are_kept_as_typed(museum):
    assert search_run("MUSÉE Quendrby", language="fr").suggestion == "MUSÉE Quenderby"
