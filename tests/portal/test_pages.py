"""Public skeleton: home, sections, errors, robots, sitemap; no foreign hosts."""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from apps.portal.models import HomePage

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("code", CODES)
def test_home_page_shows_demo_content_in_every_language(client, home_page, code):
    html = client.get(f"/{code}/").content.decode()
    field = code.replace("-", "_")
    assert getattr(home_page, f"title_{field}") in html
    assert "fallback-notice" not in html


def test_home_page_says_when_it_falls_back(client, db):
    HomePage.objects.create(title_zh_hans="西城区", title_en="Xicheng portal")
    html = client.get("/es/").content.decode()
    assert "Xicheng portal" in html
    assert 'class="fallback-notice"' in html
    assert '<h1 id="hero-title" lang="en">' in html


def test_home_page_without_content_still_renders(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Xicheng International Exchange Portal" in response.content.decode()


def test_services_section_is_the_catalogue(client):
    html = client.get("/en/services/").content.decode()
    assert "<h1>Services for enterprises</h1>" in html
    assert '<a href="/en/services/" aria-current="page">' in html


def test_landmarks_and_skip_link(client):
    html = client.get("/en/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert '<nav class="site-nav" aria-label=' in html


@pytest.mark.parametrize("code", CODES)
def test_404_is_translated(client, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        assert translation.gettext("Page not found") in html
    assert f'<a href="/{code}/">' in html


def test_500_page_is_translated_and_reads_no_database(django_assert_num_queries):
    from apps.portal.views import server_error

    request = RequestFactory().get("/fr/")
    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(request)
        expected = translation.gettext("Something went wrong")
    assert response.status_code == 500
    assert expected in response.content.decode()
    assert '<html lang="fr"' in response.content.decode()


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_sitemap_index_and_sections_list_every_language(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-portal.xml" in index
    section = client.get("/sitemap-portal.xml").content.decode()
    for code in CODES:
        assert f"/{code}/</loc>" in section
        assert f'hreflang="{code}"' in section
    assert 'hreflang="x-default"' in section


@pytest.mark.parametrize("path", ["/en/", "/ar/events/", "/ja/no-such-page/"])
def test_pages_reference_no_other_host(client, home_page, path):
    html = client.get(path).content.decode()
    urls = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert urls
    for url in urls:
        assert url.startswith("/") or url.startswith(settings.SITE_URL) or url.startswith("#"), url


def _jpeg(width=1200, height=600):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (140, 29, 24)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_home_page_hero_picture_survives_a_redis_outage(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = HomePage(title_zh_hans="西城区", hero_image_alt_zh_hans="什刹海")
    page.hero_image = SimpleUploadedFile("hero.jpg", _jpeg(), content_type="image/jpeg")
    page.full_clean()
    page.save()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert 'alt="什刹海"' in html
    assert 'loading="eager"' in html


def test_sitemap_addresses_use_site_url(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    section = client.get("/sitemap-portal.xml").content.decode()
    assert "<loc>https://portal.example.org/en/</loc>" in section
    assert 'href="https://portal.example.org/ar/"' in section
    assert "testserver" not in section


@pytest.mark.parametrize("path", ["/en/", "/admin/login/", "/healthz"])
def test_content_security_policy_allows_only_this_site(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy


def test_content_security_policy_admits_a_configured_tile_server(settings):
    from apps.core.middleware import content_security_policy

    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert "img-src 'self' data: https://tiles.example.org;" in content_security_policy()


def test_sitemap_index_addresses_use_site_url(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://portal.example.org/sitemap-portal.xml</loc>" in index
    assert "testserver" not in index
