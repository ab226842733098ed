"""An event's page keeps all but its registration box (apps/events/pages.py): the box is
written on every request, the rest until an edit or a publication."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.models import PublishingStatus
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .factories import EventFactory, EventSeriesFactory, confirmed_registrations

# Kept renderings are per Beijing day: far from its midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]


def _page(client, event, lang="en") -> str:
    response = client.get(f"/{lang}/events/{event.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def festival():
    series = EventSeriesFactory(slug="festival")
    EventFactory(series=series, in_days=-365, title_en="Last year's festival")
    return EventFactory(
        slug="festival-now",
        title_en="Festival",
        series=series,
        venue=VenueFactory(name_en="Capital Museum"),
        partner_cities=[SisterCityFactory(name_en="Nakano City")],
        languages=["zh", "en"],
        takes_registrations=True,
        capacity=40,
    )


def test_a_kept_page_reads_the_event_and_its_places_only(client, festival):
    first = _page(client, festival)
    for text in ("Capital Museum", "Nakano City", "Last year&#x27;s festival", "40 places left"):
        assert text in first
    with CaptureQueriesContext(connection) as captured:
        assert _page(client, festival) == first
    # The event's row and the count of its places; not its venue, series, partners,
    # languages or editions.
    assert len(captured) == 2


def test_places_left_are_written_afresh_on_a_kept_page(client, festival):
    assert "40 places left" in _page(client, festival)
    confirmed_registrations(festival, 3)  # registrations are not content: no edit, no new version
    assert "37 places left" in _page(client, festival)


def test_registration_closing_shows_on_a_kept_page(client, festival, _clock):
    festival.registration_closes_at = timezone.now() + timedelta(hours=1)
    festival.save()
    assert "Register</a>" in _page(client, festival)
    _clock.move_to(timezone.now() + timedelta(hours=2))
    html = _page(client, festival)
    assert "Register</a>" not in html and "Registration has closed." in html


def test_an_edit_shows_on_the_kept_page_at_once(client, festival):
    assert "Capital Museum" in _page(client, festival)
    festival.venue.name_en = "National Museum"
    festival.venue.save()
    assert "National Museum" in _page(client, festival)


def test_a_draft_is_previewed_by_staff_and_hidden_from_visitors(client, admin_client, festival):
    festival.status = PublishingStatus.DRAFT
    festival.save()
    preview = admin_client.get(f"/en/events/{festival.slug}/")
    assert preview.status_code == 200 and "Capital Museum" in preview.content.decode()
    assert client.get(f"/en/events/{festival.slug}/").status_code == 404
