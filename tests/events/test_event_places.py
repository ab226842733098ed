"""The event page says how many places are left, and when an event is full."""

import pytest

from tests.events.factories import EventFactory, confirmed_registrations

pytestmark = pytest.mark.django_db


def _register_call(client, event, lang="en") -> str:
    html = client.get(f"/{lang}/events/{event.slug}/").content.decode()
    start = html.index('<div class="register-call">')
    return html[start : html.index("</div>", start)]


def test_places_left_and_the_call_to_register(client):
    event = EventFactory(takes_registrations=True, capacity=40)
    confirmed_registrations(event, 3)
    call = _register_call(client, event)
    assert "37 places left" in call
    assert f'<a class="button" href="/en/events/{event.slug}/register/">Register</a>' in call


def test_few_places_left_stand_out(client):
    event = EventFactory(takes_registrations=True, capacity=2)
    confirmed_registrations(event, 1)
    call = _register_call(client, event)
    assert '<p class="places places--few">1 place left</p>' in call


def test_a_full_event_offers_the_waitlist(client):
    event = EventFactory(takes_registrations=True, capacity=2)
    confirmed_registrations(event, 2)
    call = _register_call(client, event)
    assert "Full – join the waitlist" in call
    assert ">Join the waitlist</a>" in call
    assert "places left" not in call


def test_without_a_limit_no_count_is_shown(client):
    event = EventFactory(takes_registrations=True, capacity=None)
    call = _register_call(client, event)
    assert "left" not in call and ">Register</a>" in call


@pytest.mark.parametrize("lang", ["ru", "ar", "ja"])
def test_places_left_is_a_translated_plural(client, lang):
    event = EventFactory(takes_registrations=True, capacity=40)
    confirmed_registrations(event, 18)
    call = _register_call(client, event, lang)
    assert "22" in call and "places left" not in call
