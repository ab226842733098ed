"""Nothing in the answer to a register post tells whether an address is registered: not
the page (tests/events/test_registration_pages.py), nor its headers or cookies."""

import pytest
from django.test import Client
from django.utils import translation

from apps.events.registrations import registration_create

from .factories import EventFactory, registration_form_data

pytestmark = pytest.mark.django_db

# Differ from one response to the next whatever was registered.
VOLATILE = {"date", "x-request-id", "content-length"}


def _headers(response):
    return {k.lower(): v for k, v in response.items() if k.lower() not in VOLATILE}


@pytest.mark.parametrize(
    "first_post", [True, False], ids=["fresh browser", "browser with a session"]
)
def test_headers_and_cookies_are_the_same_for_a_registered_and_a_new_address(first_post):
    event = EventFactory(takes_registrations=True, capacity=5)
    registration_create(
        event_id=event.pk,
        name="Alena Kavalenka",
        email="alena@example.org",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    )
    with translation.override("en"):
        url = event.get_register_url()
    answers = []
    for email in ("alena@example.org", "bob@example.org"):
        browser = Client()
        if not first_post:
            browser.post(url, registration_form_data(email=f"warm-{email}"))
        response = browser.post(url, registration_form_data(email=email, name="Someone"))
        assert response.status_code == 200
        answers.append(response)
    registered, new = answers
    assert _headers(registered) == _headers(new)
    assert sorted(registered.cookies) == sorted(new.cookies)
    for name in registered.cookies:
        ours, theirs = registered.cookies[name], new.cookies[name]
        assert (ours["max-age"], ours["path"]) == (theirs["max-age"], theirs["path"])
