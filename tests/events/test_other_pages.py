"""Events on the pages of other apps: partner cities, venues, the home page, the sitemap."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from tests.sister_cities.factories import SisterCityFactory
from tests.sitemaps import page_dates, site_date
from tests.venues.factories import VenueFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, title_id: str) -> str:
    match = re.search(rf'<section[^>]* aria-labelledby="{title_id}">.*?</section>', html, re.DOTALL)
    assert match, f"no {title_id} section"
    return match.group(0)


def linked_slugs(html: str) -> list[str]:
    return re.findall(r'<a href="/[\w-]+/events/([\w-]+)/"', html)


# The partner city's exchange activities


def test_partner_page_lists_its_events_upcoming_and_past_newest_first(client):
    nakano = SisterCityFactory(slug="nakano")
    EventFactory(slug="last-year", in_days=-365, partner_cities=[nakano])
    EventFactory(slug="next-month", in_days=30, partner_cities=[nakano])
    EventFactory(slug="last-week", in_days=-7, partner_cities=[nakano, SisterCityFactory()])
    EventFactory(slug="tomorrow", in_days=1, partner_cities=[nakano])
    EventFactory(slug="draft", in_days=2, partner_cities=[nakano], draft=True)
    EventFactory(
        slug="scheduled", partner_cities=[nakano], publish_at=timezone.now() + timedelta(days=1)
    )
    EventFactory(slug="other-city", in_days=3, partner_cities=[SisterCityFactory()])
    timeline = section(get(client, "/en/sister-cities/nakano/"), "timeline-title")
    assert linked_slugs(timeline) == ["next-month", "tomorrow", "last-week", "last-year"]


def test_partner_page_dates_events_by_their_local_day(client):
    nakano = SisterCityFactory(slug="nakano")
    event = EventFactory(partner_cities=[nakano], in_days=10)
    timeline = section(get(client, "/en/sister-cities/nakano/"), "timeline-title")
    assert f'<time datetime="{event.local_start:%Y-%m-%d}">' in timeline


def test_partner_page_titles_in_the_page_language(client):
    nakano = SisterCityFactory(slug="nakano")
    EventFactory(partner_cities=[nakano], title_ja="中野区との交流", title_en="Nakano exchange")
    assert "中野区との交流" in get(client, "/ja/sister-cities/nakano/")
    assert "Nakano exchange" in get(client, "/fr/sister-cities/nakano/")


def test_partner_page_without_events(client):
    SisterCityFactory(slug="nakano")
    timeline = section(get(client, "/en/sister-cities/nakano/"), "timeline-title")
    assert "No exchange activity is listed yet." in timeline


# The venue's events


def test_venue_page_lists_upcoming_soonest_first_and_past_newest_first(client):
    museum = VenueFactory(slug="capital-museum")
    EventFactory(slug="next-month", in_days=30, venue=museum)
    EventFactory(slug="tomorrow", in_days=1, venue=museum)
    EventFactory(slug="last-year", in_days=-365, venue=museum)
    EventFactory(slug="last-week", in_days=-7, venue=museum)
    EventFactory(slug="draft", in_days=2, venue=museum, draft=True)
    EventFactory(slug="elsewhere", in_days=2, venue=VenueFactory())
    html = get(client, "/en/venues/capital-museum/")
    assert linked_slugs(section(html, "events-title")) == ["tomorrow", "next-month"]
    assert linked_slugs(section(html, "past-events-title")) == ["last-week", "last-year"]


def test_venue_page_without_events_has_no_events_sections(client):
    VenueFactory(slug="capital-museum")
    html = get(client, "/en/venues/capital-museum/")
    assert 'aria-labelledby="events-title"' not in html
    assert 'aria-labelledby="past-events-title"' not in html


# The home page


def test_home_page_shows_the_next_four_published_upcoming_events(client):
    for days in (9, 2, 7, 4, 5, 11):
        EventFactory(slug=f"in-{days}-days", in_days=days)
    EventFactory(slug="draft", in_days=1, draft=True)
    EventFactory(slug="scheduled", in_days=1, publish_at=timezone.now() + timedelta(hours=1))
    EventFactory(slug="past", in_days=-1)
    html = get(client, "/en/")
    events = section(html, "events-title")
    assert re.findall(r'<h3 class="card__title"><a href="/en/events/([\w-]+)/"', events) == [
        "in-2-days",
        "in-4-days",
        "in-5-days",
        "in-7-days",
    ]
    assert '<a class="link-arrow" href="/en/events/">All events</a>' in events


def test_home_page_event_under_way_is_shown(client):
    now = timezone.now()
    EventFactory(
        slug="under-way", starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=2)
    )
    assert "/en/events/under-way/" in section(get(client, "/en/"), "events-title")


def test_home_page_without_upcoming_events_says_so_and_offers_the_calendar(client):
    EventFactory(slug="past", in_days=-1)
    EventFactory(slug="draft", in_days=3, draft=True)
    events = section(get(client, "/en/"), "events-title")
    assert "No event is announced yet." in events
    assert 'href="/en/events/feed.ics"' in events
    assert "/en/events/past/" not in events and "/en/events/draft/" not in events


@pytest.mark.parametrize("code", CODES)
def test_home_page_events_in_every_language(client, code):
    EventFactory(slug="youth-exchange", title_fr="Échange de jeunes")
    html = get(client, f"/{code}/")
    assert f'href="/{code}/events/youth-exchange/"' in html


# The sitemap


def test_sitemap_index_lists_the_events_section(client):
    assert "/sitemap-events.xml</loc>" in get(client, "/sitemap.xml")


def test_sitemap_lists_published_events_in_every_language(client):
    current = EventFactory(slug="youth-exchange", in_days=10)
    EventFactory(slug="last-year", in_days=-365)
    EventFactory(slug="draft-event", draft=True)
    EventFactory(slug="archived-event", status="archived")
    EventFactory(slug="future-event", publish_at=timezone.now() + timedelta(days=1))
    xml = get(client, "/sitemap-events.xml")
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    for code in CODES:
        assert f"/{code}/events/" in locations
        for slug in ("youth-exchange", "last-year"):
            path = f"events/{slug}/"
            assert f"/{code}/{path}" in locations
            assert re.search(rf'hreflang="{code}" href="https?://[^/]+/{code}/{path}"', xml)
    assert len(locations) == 3 * len(CODES)
    assert len(set(locations)) == len(locations)
    for hidden in ("draft-event", "archived-event", "future-event"):
        assert hidden not in xml
    assert 'hreflang="x-default"' in xml
    assert page_dates(xml, "events/youth-exchange/") == {site_date(current.updated_at)}
    assert ".ics" not in xml


def test_sitemap_works_without_events(client):
    xml = get(client, "/sitemap-events.xml")
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    assert sorted(locations) == sorted(f"/{code}/events/" for code in CODES)


def test_event_page_does_not_name_an_unpublished_partner(client):
    from tests.sister_cities.factories import SisterCityFactory

    from .factories import EventFactory

    hidden = SisterCityFactory(name_en="Hidden Partner Town", draft=True)
    shown = SisterCityFactory(name_en="Shown Partner Town")
    event = EventFactory(partner_cities=[hidden, shown])
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Shown Partner Town" in html
    assert "Hidden Partner Town" not in html
