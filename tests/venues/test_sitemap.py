"""The venues section of the sitemap: the listing, published venues and routes only."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from tests.sitemaps import page_dates, site_date

from .factories import RouteFactory, RouteStopFactory, VenueFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def test_sitemap_index_lists_the_venues_section(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-venues.xml</loc>" in index


def test_section_lists_published_venues_and_routes_in_every_language(client):
    museum = VenueFactory(slug="capital-museum")
    nowhere = VenueFactory(slug="nowhere", off_map=True)
    VenueFactory(slug="draft-venue", draft=True)
    VenueFactory(slug="archived-venue", archived=True)
    VenueFactory(slug="future-venue", publish_at=timezone.now() + timedelta(days=1))
    route = RouteFactory(slug="museum-route")
    RouteStopFactory(route=route, venue=museum)
    RouteFactory(slug="draft-route", draft=True)

    response = client.get("/sitemap-venues.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    for code in CODES:
        assert f"/{code}/venues/" in locations
        for path in ("venues/capital-museum/", "venues/nowhere/", "routes/museum-route/"):
            assert f"/{code}/{path}" in locations
            assert re.search(rf'hreflang="{code}" href="https?://[^/]+/{code}/{path}"', xml)
    assert len(locations) == 4 * len(CODES)
    assert len(set(locations)) == len(locations)
    for hidden in ("draft-venue", "archived-venue", "future-venue", "draft-route"):
        assert hidden not in xml
    assert 'hreflang="x-default"' in xml
    assert page_dates(xml, "venues/capital-museum/") == {site_date(museum.updated_at)}
    assert nowhere.slug in xml


def test_section_works_without_venues(client):
    response = client.get("/sitemap-venues.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", response.content.decode())
    assert sorted(locations) == sorted(f"/{code}/venues/" for code in CODES)
