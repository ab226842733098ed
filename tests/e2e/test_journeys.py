"""Visitor and staff journeys through the portal in a real headless Chromium."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from apps.core.templatetags.admin_tags import language_name

pytestmark = pytest.mark.browser

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def url_path(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def box(page, selector):
    bounding_box = page.locator(selector).bounding_box()
    assert bounding_box, f"{selector} is not rendered"
    return bounding_box


def choose_language(page, code: str):
    """Open the header's language menu (a <details>) and pick `code`."""
    page.locator(".lang-menu > summary").click()
    page.locator(f'.lang-switcher a[lang="{code}"]').click()


def test_arabic_visitor_gets_a_right_to_left_page(new_page, external_requests, console_errors):
    page = new_page(locale="ar", extra_http_headers={"Accept-Language": "ar"})

    page.goto("/")

    expect(page).to_have_url(re.compile(r"/ar/$"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The stylesheet came from the live server: the header is a flex row.
    expect(page.locator(".site-header__inner")).to_have_css("display", "flex")
    brand, switcher = box(page, ".site-header .brand"), box(page, ".lang-menu")
    assert brand["x"] >= switcher["x"] + switcher["width"], "brand is not right of the switcher"
    assert external_requests == []
    assert console_errors == []


def test_english_visitor_gets_a_left_to_right_page(page, external_requests, console_errors):
    page.goto("/")

    expect(page).to_have_url(re.compile(r"/en/$"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    brand, switcher = box(page, ".site-header .brand"), box(page, ".lang-menu")
    assert brand["x"] + brand["width"] <= switcher["x"], "brand is not left of the switcher"
    assert external_requests == []
    assert console_errors == []


def test_language_switcher_keeps_the_visitor_on_the_same_page(page, external_requests):
    page.goto("/en/events/")

    choose_language(page, "ja")

    expect(page).to_have_url(re.compile(r"/ja/events/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator('.lang-switcher a[lang="ja"]')).to_have_attribute("aria-current", "true")
    # The language cookie set by the switch now beats Accept-Language.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/ja/$"))

    # Walk the sections through the main menu, switching language on each page.
    slugs = ["events/", "sister-cities/", "services/", "venues/", "", "events/", "venues/"]
    current = "ja"
    for code, slug in zip(LANGUAGE_CODES, slugs, strict=True):
        page.locator(f'.site-nav a[href="/{current}/{slug}"]').click()
        expect(page).to_have_url(re.compile(rf"/{current}/{slug}$"))

        choose_language(page, code)

        expect(page).to_have_url(re.compile(rf"/{code}/{slug}$"))
        expect(page.locator("html")).to_have_attribute("lang", code)
        assert url_path(page) == f"/{code}/{slug}"
        current = code

    page.goto("/")
    expect(page).to_have_url(re.compile(rf"/{LANGUAGE_CODES[-1]}/$"))
    assert external_requests == []


def test_language_switcher_works_without_javascript(new_page, external_requests):
    page = new_page(java_script_enabled=False)
    page.goto("/en/events/")

    choose_language(page, "fr")

    expect(page).to_have_url(re.compile(r"/fr/events/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert external_requests == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_first_tab_reaches_a_visible_skip_link(page, external_requests, language):
    with translation.override(language):
        label = translation.gettext("Skip to main content")
    page.goto(f"/{language}/")

    page.keyboard.press("Tab")

    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_text(label)
    expect(skip_link).to_be_in_viewport(ratio=1)
    link, viewport = skip_link.bounding_box(), page.viewport_size
    assert link["x"] >= 0 and link["x"] + link["width"] <= viewport["width"]
    assert link["y"] >= 0 and link["y"] + link["height"] <= viewport["height"]

    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/{language}/#main$"))
    expect(page.locator("#main")).to_be_focused()
    assert external_requests == []


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_home_page_fits_a_320px_screen(new_page, external_requests, home_page, language):
    page = new_page(viewport={"width": 320, "height": 640})

    page.goto(f"/{language}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{scroll_width}px wide in {language}: horizontal scroll"
    assert external_requests == []


def test_admin_language_tabs_need_no_outside_host(
    page, external_requests, console_errors, django_user_model
):
    django_user_model.objects.create_superuser(
        username="editor", email="editor@example.com", password="correct horse battery"
    )
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("correct horse battery")
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto("/admin/portal/homepage/add/")

    expect(page.locator(".ui-tabs").first).to_be_visible()
    tab_list = page.locator(".ui-tabs-nav").first
    expect(tab_list).to_be_visible()
    # Each tab is named in its own language (issue #17), not by its code.
    expect(tab_list.locator("a")).to_have_text([language_name(code) for code in LANGUAGE_CODES])
    # The tabs really work: choosing Arabic shows the Arabic title field.
    title_ar = page.locator("#id_title_ar")
    expect(title_ar).to_be_hidden()
    tab_list.get_by_role("tab", name=language_name("ar")).click()
    expect(title_ar).to_be_visible()
    assert external_requests == []
    assert console_errors == []


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_not_found_page_answers_in_the_prefix_language(
    page, external_requests, language, direction
):
    response = page.goto(f"/{language}/does-not-exist/")

    assert response.status == 404
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)
    assert external_requests == []


def test_language_switcher_keeps_the_query_string(page, external_requests):
    page.goto("/en/events/?page=2")

    choose_language(page, "es")

    expect(page).to_have_url(re.compile(r"/es/events/\?page=2$"))
    assert external_requests == []


def test_language_switcher_works_on_the_not_found_page(page, external_requests):
    """Switching language on a 404 page leads to the same address in the new language."""
    page.goto("/fr/does-not-exist/")

    choose_language(page, "en")

    expect(page).to_have_url(re.compile(r"/en/does-not-exist/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert external_requests == []
