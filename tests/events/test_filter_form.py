"""The listing's filter form keeps its choices and their <select>s per language and
content version: what it writes is what FastSelect writes every time."""

import pytest
from django.core.cache import caches
from django.http import QueryDict
from django.utils import translation

from apps.core.forms import FastSelect
from apps.events.forms import EventFilterForm, KeptChoices
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory
from tests.venues.kept_pages import assert_kept_is_plain

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def choices():
    SisterCityFactory(slug="nakano", name_en="Nakano & Co <City>", name_fr="Nakano (FR)")
    SisterCityFactory(slug="minsk", name_en='Minsk "Lenin"')
    EventFactory(venue=VenueFactory(slug="capital-museum", name_en="Capital Museum"))


def plain(form: EventFilterForm, name: str) -> str:
    """The field as FastSelect writes it from the same choices, keeping nothing."""
    field = form.fields[name]
    kept = field.widget
    field.widget = FastSelect(choices=list(field.choices))
    try:
        return form[name].as_widget()
    finally:
        field.widget = kept


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans"])
@pytest.mark.parametrize(
    "query",
    ["", "partner=nakano&venue=capital-museum&category=forum&when=past&mode=online", "partner=x"],
)
def test_kept_selects_are_what_fast_select_writes(choices, language, query):
    with translation.override(language):
        for _ in range(2):  # written, then read back
            form = EventFilterForm(QueryDict(query))
            for name in ("when", "category", "partner", "venue", "mode"):
                assert isinstance(form.fields[name].choices, KeptChoices)
                assert str(form[name]) == plain(form, name), name


def test_only_selects_with_nothing_chosen_are_kept(choices):
    str(EventFilterForm(QueryDict(""))["partner"])
    local = caches["local"]
    before = len(local._cache)
    for value in ("nakano", "minsk", *(f"made-up-{number}" for number in range(20))):
        str(EventFilterForm(QueryDict(f"partner={value}"))["partner"])
    str(EventFilterForm(QueryDict("partner="))["partner"])
    assert len(local._cache) == before


@pytest.mark.parametrize(
    "url",
    ["/en/events/", "/fr/events/?partner=nakano&when=past", "/ar/events/", "/en/events/feed.ics"],
)
def test_pages_with_kept_parts_are_the_pages_written_afresh(client, settings, choices, url):
    assert_kept_is_plain(client, settings, url)
