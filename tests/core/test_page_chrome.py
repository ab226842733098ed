"""The header every page shares is written once per language and address (core_tags
`site_header`): what it says must still be that address's, in that language."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _switcher(html: str) -> list[str]:
    return re.findall(r'<a href="/i18n/choose/([\w-]+)/\?next=([^"]+)"', html)


def test_each_address_and_language_gets_its_own_header(client):
    events = client.get("/en/events/?when=past").content.decode()
    again = client.get("/en/events/?when=past").content.decode()
    other_query = client.get("/en/events/").content.decode()
    french = client.get("/fr/events/?when=past").content.decode()
    home = client.get("/en/").content.decode()

    assert _switcher(events) == _switcher(again)
    assert ("fr", "%2Ffr%2Fevents%2F%3Fwhen%3Dpast") in _switcher(events)
    assert ("fr", "%2Ffr%2Fevents%2F") in _switcher(other_query)
    assert ("en", "%2Fen%2Fevents%2F%3Fwhen%3Dpast") in _switcher(french)
    assert 'href="/fr/events/" aria-current="page">' in french
    assert 'href="/en/events/" aria-current="page">' in events
    assert 'href="/en/" aria-current="page">' in home
    assert 'href="/en/events/" aria-current="page">' not in home
