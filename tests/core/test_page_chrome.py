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


def _hreflang(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def _head_links(html: str) -> str:
    return html[html.index('<link rel="stylesheet"') : html.index("</script>")]


def test_hreflang_links_are_each_address_and_languages_own(client, settings):
    past = client.get("/en/events/?when=past").content.decode()
    assert _hreflang(client.get("/en/events/?when=past").content.decode()) == _hreflang(past)
    plain = client.get("/en/events/").content.decode()
    french = client.get("/fr/events/?when=past").content.decode()

    site = settings.SITE_URL
    assert ("fr", f"{site}/fr/events/?when=past") in _hreflang(past)
    assert ("fr", f"{site}/fr/events/") in _hreflang(plain)
    assert ("en", f"{site}/en/events/?when=past") in _hreflang(french)
    assert _hreflang(past)[-1] == ("x-default", f"{site}/")
    assert _hreflang(past) == _hreflang(french)


def test_the_footer_and_head_links_are_each_languages_own(client):
    english = client.get("/en/").content.decode()
    assert 'href="/en/events/feed.ics"' in _footer(english)
    assert 'href="/en/search/opensearch.xml"' in _head_links(english)
    again = client.get("/en/venues/").content.decode()
    assert _footer(again) == _footer(english)
    assert _head_links(again) == _head_links(english)

    french = client.get("/fr/venues/").content.decode()
    assert 'href="/fr/events/feed.ics"' in _footer(french)
    assert 'href="/en/' not in _footer(french) + _head_links(french)
    assert 'href="/fr/search/opensearch.xml"' in _head_links(french)
