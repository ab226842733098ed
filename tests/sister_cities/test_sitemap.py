"""The sister-cities section of the sitemap: the directory and published partners only."""

import re

import pytest
from django.conf import settings

from tests.sitemaps import page_dates, site_date

from .factories import SisterCityFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def test_sitemap_index_lists_the_sister_cities_section(client):
    SisterCityFactory()
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-sister-cities.xml</loc>" in index
    assert "/sitemap-portal.xml</loc>" in index


def test_sitemap_index_works_without_partners(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/sitemap-sister-cities.xml</loc>" in response.content.decode()


def test_section_lists_every_published_partner_in_every_language(client):
    nakano = SisterCityFactory(slug="nakano")
    minsk = SisterCityFactory(slug="minsk-lenin-district", off_map=True)
    SisterCityFactory(slug="secret-draft", draft=True)
    SisterCityFactory(slug="old-archive", archived=True)
    response = client.get("/sitemap-sister-cities.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    # Addresses are absolute on the host the sitemap was asked from.
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    for code in CODES:
        assert f"/{code}/sister-cities/" in locations
        for city in (nakano, minsk):
            assert f"/{code}/sister-cities/{city.slug}/" in locations
            assert re.search(
                rf'hreflang="{code}" href="https?://[^/]+/{code}/sister-cities/{city.slug}/"', xml
            )
    assert len(locations) == 3 * len(CODES)
    assert "secret-draft" not in xml
    assert "old-archive" not in xml
    assert 'hreflang="x-default"' in xml
    assert page_dates(xml, "sister-cities/nakano/") == {site_date(nakano.updated_at)}
