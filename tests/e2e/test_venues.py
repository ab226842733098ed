"""A visitor finds a step-free museum with English visits and follows a route map."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_content(transactional_db):
    call_command("load_demo_content", verbosity=0)


def test_step_free_museum_with_english_visits_then_its_route(
    page, demo_content, external_requests, console_errors
):
    page.goto("/en/venues/")
    page.select_option("#id_kind", "museum")
    page.select_option("#id_language", "en")
    page.check("#id_step_free")
    page.get_by_role("button", name="Show venues").click()
    expect(page).to_have_url(re.compile(r"kind=museum.*language=en.*step_free=on"))
    expect(page.locator("#id_step_free")).to_be_checked()
    cards = page.locator(".venue-card")
    expect(cards.first).to_be_visible()
    for text in cards.all_inner_texts():
        assert "Step-free access" in text

    page.get_by_role("link", name="China Numismatic Museum").click()
    expect(page.locator("h1")).to_have_text("China Numismatic Museum")
    expect(page.locator(".local-map svg")).to_be_visible()
    page.get_by_role("link", name="Thematic museum route").click()

    expect(page).to_have_url(re.compile(r"/en/routes/museum-route/$"))
    markers = page.locator(".local-map__marker")
    expect(markers).to_have_count(5)
    expect(page.locator(".local-map__path")).to_have_count(1)
    # The text equivalent lists the same stops in the same order.
    expect(page.locator(".route-stops > li")).to_have_count(5)
    first_stop = page.locator(".route-stops > li h3").first
    expect(first_stop).to_have_text("Beijing Ancient Architecture Museum")
    markers.first.click()
    expect(page).to_have_url(re.compile(r"/en/venues/beijing-ancient-architecture-museum/$"))
    assert external_requests == []
    assert console_errors == []


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_route_map_in_every_language(new_page, demo_content, external_requests, code):
    page = new_page()
    page.goto(f"/{code}/routes/museum-route/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator(".local-map__marker")).to_have_count(5)
    # The map is not mirrored in Arabic: stop 1 (far south) stays below stop 5.
    first = page.locator(".local-map__marker").first.bounding_box()
    last = page.locator(".local-map__marker").last.bounding_box()
    assert first["y"] > last["y"]
    assert external_requests == []
