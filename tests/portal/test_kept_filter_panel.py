"""A listing's filter panel is kept per process under its form's choices (language,
content version) and the address (core_tags `filter_panel`): a kept panel must be the one
written afresh, each address's own, and show a change to its choices at once."""

import pytest

from apps.core.templatetags.core_tags import kept_chrome_clear
from apps.venues.models import ResourceCategory
from tests.events.factories import EventFactory
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

ADDRESSES = [
    "/en/events/",
    "/ja/events/?category=forum&mode=online&page=2",
    "/ar/events/?when=past&month=2026-13",
    "/en/venues/",
    "/ru/venues/?kind=museum&step_free=on&language=en",
    "/fr/venues/?kind=nonsense",
    "/en/sister-cities/",
    "/zh-hans/sister-cities/?continent=EU&kind=sister",
]


def _panel(html: str) -> str:
    start = html.index('<details class="filter-panel"')
    end = html.index("</form>", start)
    chips = html.find('<ul class="chips"', end)
    return html[start : html.index("</ul>", chips) if chips != -1 else end]


@pytest.fixture
def listings():
    EventFactory(category="forum", in_days=5)
    VenueFactory(categories=["education"], facilities=["step-free"], languages=["en"])
    SisterCityFactory()


@pytest.mark.usefixtures("listings")
@pytest.mark.parametrize("url", ADDRESSES)
def test_a_kept_panel_is_the_one_written_afresh(client, url):
    afresh = client.get(url).content.decode()
    kept = client.get(url).content.decode()
    assert kept == afresh
    kept_chrome_clear()
    assert client.get(url).content.decode() == afresh


@pytest.mark.usefixtures("listings")
def test_each_address_keeps_its_own_panel(client):
    panels = {url: _panel(client.get(url).content.decode()) for url in ADDRESSES}
    assert len(set(panels.values())) == len(ADDRESSES)
    for url, panel in panels.items():
        assert _panel(client.get(url).content.decode()) == panel


@pytest.mark.usefixtures("listings")
def test_a_renamed_choice_shows_at_once_in_a_kept_panel(client):
    assert ">Education<" in _panel(client.get("/en/venues/").content.decode())
    category = ResourceCategory.objects.get(code="education")
    category.name_en = "Learning"
    category.save()
    panel = _panel(client.get("/en/venues/").content.decode())
    assert ">Learning<" in panel and ">Education<" not in panel
