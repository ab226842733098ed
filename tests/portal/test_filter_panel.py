"""Listing filters: one panel, and the filters in force as chips that remove themselves."""

import re
from html import unescape

import pytest

from tests.events.factories import EventFactory
from tests.venues.factories import VenueFactory

pytestmark = pytest.mark.django_db


def chips(html: str) -> list[tuple[str, str]]:
    """(text, href) of each chip."""
    found = re.findall(r'<a class="chip" href="([^"]*)">(.*?)</a>', html, re.S)
    return [
        (re.sub(r"<[^>]+>", "", unescape(text)).strip(), unescape(href)) for href, text in found
    ]


def test_no_chip_without_filters(client):
    html = client.get("/en/events/").content.decode()
    assert '<details class="filter-panel"' in html
    assert chips(html) == []
    assert "Clear filters" not in html


def test_each_filter_in_force_is_a_chip_whose_link_drops_it_and_the_page(client):
    EventFactory(category="forum", in_days=5)
    html = client.get("/en/events/?category=forum&mode=online&month=&page=2").content.decode()
    assert chips(html) == [
        ("Remove filter: Category: Forum or summit", "?mode=online"),
        ("Remove filter: Online or on site: Online", "?category=forum"),
    ]
    assert '<span class="visually-hidden">Filters in force: </span>2</span>' in html


def test_the_last_chip_leads_back_to_the_plain_listing(client):
    html = client.get("/en/events/?category=forum").content.decode()
    assert chips(html) == [("Remove filter: Category: Forum or summit", "/en/events/")]


def test_an_ignored_bad_value_shows_no_chip(client):
    html = client.get("/en/events/?category=nonsense").content.decode()
    assert chips(html) == []


def test_a_checkbox_filter_is_named_by_its_label(client):
    VenueFactory(open_to_delegations=True)
    html = client.get("/en/venues/?delegations=on").content.decode()
    assert [text for text, _href in chips(html)] == ["Remove filter: Open to delegation visits"]


@pytest.mark.parametrize("code", ["ru", "ar", "ja"])
def test_chips_are_translated(client, code):
    html = client.get(f"/{code}/events/?category=forum").content.decode()
    ((text, _href),) = chips(html)
    assert "Remove filter" not in text and "Category" not in text
