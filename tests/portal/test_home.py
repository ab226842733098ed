"""The home page ties the portal together: events soon, a partner, services, venues, figures."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.content import content_version_bump
from apps.portal.services import home_content
from tests.events.factories import EventFactory
from tests.service_packages.factories import package
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import RouteFactory, VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00Z")]


def _portal(count: int):
    for n in range(count):
        SisterCityFactory(slug=f"partner-{count}-{n}", name_en=f"Partner {count}-{n}")
        VenueFactory(open_to_delegations=True)
        EventFactory(in_days=7 + n, languages=["en"])
        package(title_en=f"Package {count}-{n}")
    RouteFactory()


def _queries(client, url="/en/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _queries_after_an_edit(client) -> int:
    content_version_bump()
    return _queries(client)


def test_home_page_query_count_is_constant_as_content_grows(client):
    _portal(1)
    _queries(client)  # a process's first request also reads the content version
    few = _queries_after_an_edit(client)
    kept = _queries(client)
    _portal(4)
    assert _queries_after_an_edit(client) == few
    assert _queries(client) == kept
    # Afresh (once per edit): when the next scheduled publication is and when the next
    # event ends (the kept parts' keys), the events, the home page's text, the featured
    # partner (two), the packages, the route, the venues and their count.
    assert few <= 10
    # Kept (the same content and day, no event ending or starting): nothing.
    assert kept == 0


def test_an_edit_shows_on_the_home_page_at_once(client):
    _portal(1)
    package(title_en="Going Abroad")
    assert "Going Abroad" in client.get("/en/").content.decode()
    from apps.service_packages.models import ServicePackage

    ServicePackage.objects.filter(title_en="Going Abroad").get().delete()
    assert "Going Abroad" not in client.get("/en/").content.decode()


def test_home_events_read_only_the_columns_of_a_card(client):
    _portal(2)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ja/").status_code == 200
    (sql,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "events_')]
    read = set(re.findall(r'"events_event"\."(\w+)"', sql.split(" FROM ")[0]))
    assert {"title_ja", "title_en", "title_zh_hans", "starts_at", "time_zone"} <= read
    assert not {"title_fr", "summary_ja", "body_ja", "join_url", "series_id"} & read
    assert len(read) <= 25


def test_home_figures_are_counted_from_the_directory(client):
    SisterCityFactory(slug="nakano", name_en="Nakano City", country="JP")
    SisterCityFactory(slug="minsk", name_en="Lenin District, Minsk", country="BY")
    html = client.get("/en/").content.decode()
    directory = client.get("/en/sister-cities/").content.decode()
    assert "<strong>2</strong> <span>partner cities</span>" in html
    assert "<strong>2</strong> <span>countries</span>" in html
    # Asia and Europe: the directory says the same.
    assert "<strong>2</strong> <span>continents</span>" in html
    assert "2 partners in 2 countries on 2 continents" in directory
    assert "Counted from the partners and venues listed on this site." in html


def test_home_shows_the_weeks_ahead_once_and_the_featured_partner_with_its_anniversary(client):
    EventFactory(title_en="Ballet Gala", in_days=10)
    EventFactory(title_en="Far away forum", in_days=120)
    # Ties since 1986-12-08: the 40th anniversary falls six days after the clock.
    SisterCityFactory(slug="nakano", name_en="Nakano City", established_on=date(1986, 12, 8))
    html = client.get("/en/").content.decode()
    assert html.count("On in the next 6 weeks") == 1
    assert "Upcoming events" not in html
    assert "Ballet Gala" in html and "Far away forum" not in html
    assert "Featured partner city" in html
    assert "40 years of ties on" in html and "Nakano City" in html


def test_home_without_events_soon_shows_what_comes_next(client):
    EventFactory(title_en="Far away forum", in_days=120)
    html = client.get("/en/").content.decode()
    assert "Coming up" in html and "Far away forum" in html


def test_home_links_services_and_venues(client):
    package(title_en="Going Abroad")
    VenueFactory(name_en="Haiqing Yuan", open_to_delegations=True)
    RouteFactory(title_en="Museum route")
    html = client.get("/en/").content.decode()
    for text in ("Going Abroad", "Haiqing Yuan", "Museum route", "Thematic route"):
        assert text in html


def test_home_content_is_a_service_read(db):
    content = home_content(today=date(2026, 12, 2))
    assert content.event_cards == "" and content.partner is None
    assert content.totals == {"partners": 0, "countries": 0, "continents": 0}


@pytest.mark.parametrize("code", ["ar", "ja", "ru"])
def test_home_renders_in_every_script(client, code):
    _portal(1)
    assert client.get(f"/{code}/").status_code == 200


def test_a_package_scheduled_for_later_appears_on_the_home_page_on_time(client, _clock):
    """What is published changes when a scheduled row goes live, with no edit: the kept
    parts of the home page are keyed by the next publication."""
    _portal(1)
    package(title_en="Going Abroad", publish_at=timezone.now() + timedelta(minutes=5))
    assert "Going Abroad" not in client.get("/en/").content.decode()
    assert "Going Abroad" not in client.get("/en/").content.decode()  # kept
    _clock.move_to(timezone.now() + timedelta(minutes=6))
    assert "Going Abroad" in client.get("/en/").content.decode()


def test_an_event_comes_within_the_weeks_ahead_on_time(client, _clock):
    EventFactory(title_en="Ballet Gala", in_days=50)
    html = client.get("/en/").content.decode()
    assert "Coming up" in html and "Ballet Gala" in html
    _clock.move_to(timezone.now() + timedelta(days=9))  # 41 days ahead: within six weeks
    html = client.get("/en/").content.decode()
    assert "On in the next 6 weeks" in html and "Ballet Gala" in html


def test_the_featured_anniversary_turns_with_the_beijing_day(client, _clock):
    # Ties since 1986-12-02: the 40th anniversary is today in Beijing (04:00Z is noon).
    SisterCityFactory(slug="nakano", name_en="Nakano City", established_on=date(1986, 12, 2))
    assert "40 years of ties on" in client.get("/en/").content.decode()
    _clock.move_to("2026-12-02T16:01:00Z")  # the next day in Beijing: the 45th is years off
    html = client.get("/en/").content.decode()
    assert "Nakano City" in html and "years of ties on" not in html
