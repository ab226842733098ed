"""A visitor finds a partner city through the directory, its filters and the map."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_partners(transactional_db):
    call_command("load_demo_content", verbosity=0)


def test_visitor_filters_the_directory_and_follows_a_map_marker(
    page, demo_partners, external_requests, console_errors
):
    page.goto("/en/sister-cities/")
    expect(page.locator(".totals")).to_contain_text("2 partners in 2 countries on 2 continents")
    # The world outline is a static file of this site, and it loaded.
    map_image = page.locator(".world-map image")
    expect(map_image).to_have_attribute("href", re.compile(r"^/static/img/world\..*svg$"))
    assert (
        page.evaluate(
            "fetch(document.querySelector('.world-map image').getAttribute('href'))"
            ".then(r => r.status)"
        )
        == 200
    )
    expect(page.locator(".world-map__marker")).to_have_count(2)

    page.select_option("#id_continent", "EU")
    page.get_by_role("button", name="Show partners").click()
    expect(page).to_have_url(re.compile(r"continent=EU"))
    expect(page.locator(".city-card")).to_have_count(1)
    expect(page.locator(".city-card")).to_contain_text("Lenin District, Minsk")
    # The filter keeps its state in the form as well as in the address.
    expect(page.locator("#id_continent")).to_have_value("EU")

    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator(".city-card")).to_have_count(2)

    page.locator('.world-map__marker[href$="/nakano/"]').click()
    expect(page).to_have_url(re.compile(r"/en/sister-cities/nakano/$"))
    expect(page.locator("h1")).to_have_text("Nakano City, Tokyo")
    expect(page.locator(".facts")).to_contain_text("Japan")
    assert external_requests == []
    assert console_errors == []


def test_partner_page_in_arabic_is_right_to_left_and_keeps_the_map_left_to_right(
    new_page, demo_partners, external_requests
):
    page = new_page(locale="ar", extra_http_headers={"Accept-Language": "ar"})
    page.goto("/ar/sister-cities/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # A map is geography, not text: it must not be mirrored.
    assert page.evaluate("getComputedStyle(document.querySelector('.world-map')).direction") == (
        "ltr"
    )
    page.locator('.city-card a[href$="/nakano/"]').click()
    expect(page.locator("h1")).to_have_text("ناكانو، طوكيو")
    assert external_requests == []


def test_directory_works_without_javascript(new_page, demo_partners):
    page = new_page(java_script_enabled=False)
    page.goto("/en/sister-cities/?kind=sister")
    page.select_option("#id_country", "JP")
    page.get_by_role("button", name="Show partners").click()
    expect(page).to_have_url(re.compile(r"country=JP"))
    expect(page.locator(".city-card")).to_have_count(1)
