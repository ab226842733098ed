"""Nothing in the answer to a register post tells whether an address is registered: not
the page (tests/events/test_registration_pages.py), nor its headers or cookies."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.events.registrations import registration_create
from apps.events.tokens import registration_manage_url

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


# --- Nothing with personal data or a private link is stored ---------------------------------


def test_every_answer_behind_the_private_link_is_no_store_redirects_too(client):
    event = EventFactory(takes_registrations=True, capacity=5, address_confirmation="always")
    registration = registration_create(
        event_id=event.pk,
        name="Alena Kavalenka",
        email="alena@example.org",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration
    with translation.override("en"):
        page = registration_manage_url(registration)
        token = page.rstrip("/").rsplit("/", 1)[1]
        one_click = reverse("events:registration_cancel", kwargs={"token": token})
        ics = reverse("events:registration_ics", kwargs={"token": token})
    answers = {
        "page": client.get(page),
        "calendar": client.get(ics),
        "one-click GET": client.get(one_click),
        "confirm": client.post(page, {"action": "confirm"}),
        "cancel": client.post(page, {"action": "cancel"}),
        "unknown action": client.post(page, {"action": "dance"}),
        "one-click POST": client.post(one_click),
        "bad link": client.get(page.replace(token, token[:-3] + "abc")),
    }
    statuses = {name: response.status_code for name, response in answers.items()}
    assert statuses == {
        "page": 200,
        "calendar": 200,
        "one-click GET": 302,
        "confirm": 302,
        "cancel": 302,
        "unknown action": 400,
        "one-click POST": 302,
        "bad link": 404,
    }
    for name, response in answers.items():
        assert "no-store" in response["Cache-Control"], name
        assert response["X-Robots-Tag"] == "noindex", name


def test_the_page_cache_never_keeps_a_registration_page(settings):
    """Asked twice by browsers without cookies (what the page cache would serve again)."""
    settings.PAGE_CACHE_SECONDS = 30
    event = EventFactory(takes_registrations=True, capacity=5, address_confirmation="always")
    registration = registration_create(
        event_id=event.pk,
        name="Alena Kavalenka",
        email="alena@example.org",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration
    with translation.override("en"):
        page = registration_manage_url(registration)
        token = page.rstrip("/").rsplit("/", 1)[1]
        urls = [
            page,
            reverse("events:registration_ics", kwargs={"token": token}),
            event.get_register_url(),
        ]
    for url in urls:
        for _twice in range(2):
            response = Client().get(url)
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == "bypass", url
    assert Client().get(event.get_absolute_url())["X-Page-Cache"] in {"miss", "hit"}
