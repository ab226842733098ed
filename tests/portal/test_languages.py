"""Language prefixes, the `/` redirect, the switcher, lang/dir and hreflang on every page."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
PAGES = ["", "sister-cities/", "events/", "services/", "venues/"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("en-US,en;q=0.8", "en"),
        ("ja-JP", "ja"),
        ("ru", "ru"),
        ("fr-CA,fr;q=0.9,en;q=0.5", "fr"),
        ("es-419", "es"),
        ("ar-EG,ar;q=0.9", "ar"),
        ("de-DE,de;q=0.9", "zh-hans"),
        ("de-DE,en;q=0.5", "en"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/"
    assert "Accept-Language" in response["Vary"]


def test_root_without_preference_goes_to_chinese(client):
    assert client.get("/")["Location"] == "/zh-hans/"


def test_explicit_choice_in_cookie_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get("/", headers={"accept-language": "fr"})
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_in_its_prefix_language(client, code, page):
    response = client.get(f"/{code}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert response["Content-Language"] == code


@pytest.mark.parametrize("page", PAGES)
def test_hreflang_alternates_on_every_page(client, page):
    html = client.get(f"/fr/{page}").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(links) == {*CODES, "x-default"}
    for code in CODES:
        assert links[code] == f"{settings.SITE_URL}/{code}/{page}"
    assert links["x-default"] == f"{settings.SITE_URL}/"


def switcher_link(html: str, target: str) -> str:
    match = re.search(rf'<a href="([^"]+)" hreflang="{target}" lang="{target}"', html)
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("source", CODES)
@pytest.mark.parametrize("target", CODES)
def test_switcher_keeps_the_visitor_on_the_same_page(client, source, target):
    page = f"/{source}/events/?month=2026-12"
    html = client.get(page).content.decode()
    # The switcher is plain links: it works without JavaScript and needs no CSRF cookie.
    assert "/i18n/setlang/" not in html
    link = switcher_link(html, target)
    assert link.startswith(f"/i18n/choose/{target}/?next=")

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == f"/{target}/events/?month=2026-12"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == target
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("target", CODES)
def test_switcher_works_on_a_page_that_does_not_exist(client, target):
    html = client.get("/fr/no-such-page/").content.decode()
    response = client.get(switcher_link(html, target))
    assert response["Location"] == f"/{target}/no-such-page/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/ru/", "//evil.example/ru/", "/en/events/", ""],
)
def test_choosing_a_language_never_leaves_the_site_or_the_language(client, next_url):
    response = client.get("/i18n/choose/ru/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_an_unknown_language_is_not_found_and_remembers_nothing(client):
    response = client.get("/i18n/choose/xx/", {"next": "/en/"})
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_remembered_choice_sends_the_root_there(client):
    client.get("/i18n/choose/ja/", {"next": "/ja/"})
    assert client.get("/")["Location"] == "/ja/"


def test_switcher_marks_the_current_language_and_names_languages_in_their_own_script(client):
    html = client.get("/ja/").content.decode()
    assert re.search(r'hreflang="ja" lang="ja" dir="ltr" aria-current="true"', html)
    for name in ["简体中文", "English", "日本語", "Русский", "français", "español", "العربيّة"]:
        assert name in html


def test_arabic_pages_are_right_to_left_and_load_the_layout(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # The Arabic link is itself marked rtl for a correct reading order.
    assert 'hreflang="ar" lang="ar" dir="rtl"' in html


def test_stylesheet_uses_logical_properties_for_rtl():
    from pathlib import Path

    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert "margin-left" not in css and "margin-right" not in css
    assert "padding-left" not in css and "padding-right" not in css
    assert "inline-start" in css
    assert '[dir="rtl"]' in css


def test_unprefixed_pages_redirect_into_a_language(client):
    response = client.get("/events/", headers={"accept-language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/events/"
