"""Core's extension points: how a higher app adds content to a lower app's pages."""

import pytest
from django.urls import reverse

from apps.core import extensions
from apps.core.extensions import (
    HOME_URL,
    PARTNER_TIMELINE,
    VENUE_PAST_EVENTS,
    VENUE_UPCOMING_EVENTS,
    extension_items,
    extension_providers,
    extension_register,
    extension_value,
)


def test_installed_apps_register_their_providers():
    from apps.events import extensions as events
    from apps.portal.apps import home_url

    assert extension_providers(VENUE_UPCOMING_EVENTS) == (events.venue_upcoming_events,)
    assert extension_providers(VENUE_PAST_EVENTS) == (events.venue_past_events,)
    assert extension_providers(PARTNER_TIMELINE) == (events.partner_timeline,)
    assert extension_providers(HOME_URL) == (home_url,)


def test_items_of_every_provider_in_registration_order(no_extension_providers):
    extension_register(point=PARTNER_TIMELINE, provider=lambda *, city: [f"{city} 1", "x"])
    extension_register(point=PARTNER_TIMELINE, provider=lambda *, city: (f"{city} 2",))
    assert extension_items(PARTNER_TIMELINE, city="Nakano") == ["Nakano 1", "x", "Nakano 2"]
    assert extension_items(VENUE_UPCOMING_EVENTS, venue="v") == []


def test_registering_the_same_provider_twice_adds_it_once(no_extension_providers):
    def provider(*, city):
        return [city]

    extension_register(point=PARTNER_TIMELINE, provider=provider)
    extension_register(point=PARTNER_TIMELINE, provider=provider)
    assert extension_items(PARTNER_TIMELINE, city="Minsk") == ["Minsk"]


def test_an_unknown_point_is_refused(no_extension_providers):
    with pytest.raises(ValueError, match="venue.upcoming_event"):
        extension_register(point="venue.upcoming_event", provider=list)
    assert extensions._providers == {point: [] for point in extensions.POINTS}


def test_value_of_the_first_provider_or_the_default(no_extension_providers):
    assert extension_value(HOME_URL, default="/") == "/"
    extension_register(point=HOME_URL, provider=lambda: "/first/")
    extension_register(point=HOME_URL, provider=lambda: "/second/")
    assert extension_value(HOME_URL, default="/") == "/first/"


@pytest.mark.parametrize("code", ["en", "ja"])
def test_home_url_tag_links_the_home_page_in_the_active_language(code):
    from django.template import Context, Template
    from django.utils import translation

    with translation.override(code):
        html = Template("{% load core_tags %}{% home_url %}").render(Context())
        assert html == reverse("portal:home") == f"/{code}/"


def test_home_url_tag_without_a_home_page_links_the_site_root(no_extension_providers):
    from django.template import Context, Template

    assert Template("{% load core_tags %}{% home_url %}").render(Context()) == "/"
