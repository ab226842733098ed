"""schema.org Event in an event's page: status, attendance mode, place, languages,
organiser, offer, escaping."""

import json
import re
from decimal import Decimal

import pytest

from apps.events.models import Event
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL, SITE_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"


def json_ld(client, event, lang="en") -> dict:
    response = client.get(f"/{lang}/events/{event.slug}/")
    assert response.status_code == 200
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def museum():
    return VenueFactory(
        slug="capital-museum",
        name_en="Capital Museum",
        address_en="16 Fuxingmenwai Street, Xicheng District",
        latitude=Decimal("39.90580"),
        longitude=Decimal("116.34150"),
    )


def test_event(client, museum):
    event = EventFactory(
        slug="youth-exchange",
        title_en="Youth exchange",
        summary_en="Pupils of both cities meet.",
        organiser_en="Xicheng Foreign Affairs Office",
        time_zone="Europe/Berlin",
        local_start="2026-03-30 10:00",
        venue=museum,
        languages=["zh", "ja"],
    )
    data = json_ld(client, event)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Youth exchange"
    assert data["description"] == "Pupils of both cities meet."
    assert data["url"] == f"{SITE_URL}/en/events/youth-exchange/"
    assert data["startDate"] == "2026-03-30T10:00:00+02:00"
    assert data["endDate"] == "2026-03-30T12:00:00+02:00"
    assert data["eventStatus"] == f"{SCHEMA}EventScheduled"
    assert data["eventAttendanceMode"] == f"{SCHEMA}OfflineEventAttendanceMode"
    assert data["inLanguage"] == ["zh", "ja"]
    assert data["organizer"] == {"@type": "Organization", "name": "Xicheng Foreign Affairs Office"}
    assert data["offers"]["@type"] == "Offer"
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "CNY"
    assert data["offers"]["url"] == data["url"]
    assert data["location"] == {
        "@type": "Place",
        "name": "Capital Museum",
        "url": f"{SITE_URL}/en/venues/capital-museum/",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "16 Fuxingmenwai Street, Xicheng District",
            "addressLocality": "Beijing",
            "addressCountry": "CN",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 39.9058, "longitude": 116.3415},
    }


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        (Event.Status.SCHEDULED, "EventScheduled"),
        (Event.Status.POSTPONED, "EventPostponed"),
        (Event.Status.CANCELLED, "EventCancelled"),
        (Event.Status.MOVED_ONLINE, "EventMovedOnline"),
        (Event.Status.RESCHEDULED, "EventRescheduled"),
    ],
)
def test_event_status(client, status, schema_status):
    data = json_ld(client, EventFactory(event_status=status))
    assert data["eventStatus"] == SCHEMA + schema_status


def test_online_event_has_a_virtual_location_without_the_join_link(client):
    event = EventFactory(slug="webinar", online=True, join_url=JOIN_URL)
    data = json_ld(client, event)
    assert data["eventAttendanceMode"] == f"{SCHEMA}OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"{SITE_URL}/en/events/webinar/",
    }
    assert JOIN_URL not in json.dumps(data)


def test_online_and_at_a_venue_is_mixed(client, museum):
    data = json_ld(client, EventFactory(online=True, venue=museum, join_url=JOIN_URL))
    assert data["eventAttendanceMode"] == f"{SCHEMA}MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["VirtualLocation", "Place"]
    assert data["location"][1]["name"] == "Capital Museum"
    assert "meet.example.org" not in json.dumps(data)


def test_moved_online_has_a_virtual_location(client):
    data = json_ld(client, EventFactory(event_status=Event.Status.MOVED_ONLINE))
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == f"{SCHEMA}OnlineEventAttendanceMode"


def test_other_location_is_a_place_by_name(client):
    data = json_ld(client, EventFactory(location_en="Courtyard of the Cultural Centre"))
    assert data["location"] == {"@type": "Place", "name": "Courtyard of the Cultural Centre"}
    assert data["eventAttendanceMode"] == f"{SCHEMA}OfflineEventAttendanceMode"


def test_venue_without_coordinates_or_address(client):
    venue = VenueFactory(name_en="Hall", address_en="", address_zh_hans="", off_map=True)
    data = json_ld(client, EventFactory(venue=venue))
    assert set(data["location"]) == {"@type", "name", "url"}


def test_an_unpublished_venue_is_not_the_location(client):
    venue = VenueFactory(name_en="Secret Hall", draft=True)
    data = json_ld(client, EventFactory(venue=venue))
    assert "location" not in data
    assert "Secret Hall" not in json.dumps(data)


def test_all_day_dates(client):
    event = EventFactory(all_day=True, local_start="2026-06-01 00:00", hours=47)
    data = json_ld(client, event)
    assert (data["startDate"], data["endDate"]) == ("2026-06-01", "2026-06-02")


def test_in_language_defaults_to_the_page_language(client):
    event = EventFactory()
    assert json_ld(client, event)["inLanguage"] == ["en"]
    assert json_ld(client, event, "zh-hans")["inLanguage"] == ["zh-hans"]


def test_text_in_the_page_language(client):
    event = EventFactory(slug="youth", title_fr="Échange de jeunes", summary_fr="Des élèves.")
    data = json_ld(client, event, "fr")
    assert data["name"] == "Échange de jeunes"
    assert data["description"] == "Des élèves."
    assert data["url"] == f"{SITE_URL}/fr/events/youth/"


def test_no_organiser_no_description_when_empty(client):
    data = json_ld(client, EventFactory())
    assert "organizer" not in data
    assert "description" not in data
    assert "image" not in data


def test_json_ld_cannot_be_broken_out_of(client):
    evil = "</script><script>alert(1)</script>"
    event = EventFactory(title_en=f"Evil {evil}", summary_en=f"<!-- {evil}", organiser_en=evil)
    response = client.get(f"/en/events/{event.slug}/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(client, event)
    assert data["name"] == f"Evil {evil}"
    assert data["description"] == f"<!-- {evil}"
    assert data["organizer"]["name"] == evil


def test_moved_online_with_a_venue_still_set_is_online_only(client, museum):
    data = json_ld(client, EventFactory(event_status=Event.Status.MOVED_ONLINE, venue=museum))
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == f"{SCHEMA}OnlineEventAttendanceMode"
