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


@pytest.mark.parametrize("source", CODES)
@pytest.mark.parametrize("target", CODES)
def test_switcher_keeps_the_visitor_on_the_same_page(client, source, target):
    page = f"/{source}/events/?month=2026-12"
    html = client.get(page).content.decode()
    # The switcher is a plain form: it works without JavaScript.
    assert 'action="/i18n/setlang/"' in html
    match = re.search(rf'name="language" value="{target}"[^>]* formaction="([^"]+)"', html)
    formaction = match.group(1).replace("&amp;", "&")

    response = client.post(formaction, {"language": target})
    assert response.status_code == 302
    assert response["Location"] == f"/{target}/events/?month=2026-12"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == target


@pytest.mark.parametrize("target", CODES)
def test_switcher_works_on_a_page_that_does_not_exist(client, target):
    html = client.get("/fr/no-such-page/").content.decode()
    match = re.search(rf'name="language" value="{target}"[^>]* formaction="([^"]+)"', html)
    response = client.post(match.group(1).replace("&amp;", "&"), {"language": target})
    assert response["Location"] == f"/{target}/no-such-page/"


def test_switcher_marks_the_current_language_and_names_languages_in_their_own_script(client):
    html = client.get("/ja/").content.decode()
    assert re.search(r'value="ja" lang="ja" dir="ltr" aria-current="true"', html)
    for name in ["简体中文", "English", "日本語", "Русский", "français", "español", "العربيّة"]:
        assert name in html


def test_arabic_pages_are_right_to_left_and_load_the_layout(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # Arabic button is itself marked rtl for a correct reading order.
    assert 'value="ar" lang="ar" dir="rtl"' in html


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
