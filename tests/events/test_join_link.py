"""The private join link of an online event appears in no public output."""

from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def online_events():
    """An upcoming online event, a mixed one and a past one, all with a join link."""
    city = SisterCityFactory(slug="nakano")
    venue = VenueFactory(slug="capital-museum")
    return [
        EventFactory(
            slug="webinar",
            online=True,
            join_url=JOIN_URL,
            partner_cities=[city],
            summary_en="Online; the link is sent to participants.",
            title_fr="Webinaire",
            title_ja="ウェビナー",
        ),
        EventFactory(
            slug="mixed",
            online=True,
            join_url=JOIN_URL,
            venue=venue,
            partner_cities=[city],
            in_days=3,
        ),
        EventFactory(
            slug="past-webinar",
            online=True,
            join_url=JOIN_URL,
            venue=venue,
            partner_cities=[city],
            in_days=-30,
        ),
    ]


def assert_private(content: bytes | str):
    text = content.decode() if isinstance(content, bytes) else content
    # Also with iCalendar line folding undone and URLs decoded.
    for each in (text, text.replace("\r\n ", ""), unquote(text), unquote(unquote(text))):
        assert JOIN_URL not in each
        assert "secret-room-42" not in each
        assert "meet.example.org" not in each


def get(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


@pytest.mark.parametrize("code", CODES)
def test_not_in_the_event_pages_or_their_json_ld(client, online_events, code):
    for event in online_events:
        html = get(client, f"/{code}/events/{event.slug}/")
        assert b"application/ld+json" in html
        assert_private(html)


@pytest.mark.parametrize("code", CODES)
def test_not_in_calendar_files(client, online_events, code):
    for event in online_events:
        assert_private(get(client, f"/{code}/events/{event.slug}.ics"))
    assert_private(get(client, f"/{code}/events/feed.ics"))
    assert_private(get(client, f"/{code}/events/feed.ics?when=past"))
    assert_private(get(client, f"/{code}/events/feed.ics?mode=online"))


@pytest.mark.parametrize("code", CODES)
def test_not_in_listings_home_partner_and_venue_pages(client, online_events, code):
    for url in (
        f"/{code}/events/",
        f"/{code}/events/?when=past",
        f"/{code}/events/?mode=online&partner=nakano",
        f"/{code}/",
        f"/{code}/sister-cities/nakano/",
        f"/{code}/venues/capital-museum/",
    ):
        assert_private(get(client, url))


def test_not_in_the_sitemap(client, online_events):
    assert_private(get(client, "/sitemap.xml"))
    assert_private(get(client, "/sitemap-events.xml"))


def test_not_even_in_the_editors_preview(client, content_editor):
    event = EventFactory(draft=True, online=True, join_url=JOIN_URL)
    client.force_login(content_editor)
    html = get(client, f"/en/events/{event.slug}/")
    assert "Preview" in html.decode()
    assert_private(html)
