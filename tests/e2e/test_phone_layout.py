"""On a phone: a compact header whose menus work with and without JavaScript, and
listing filters behind one "Filter" control with removable chips."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.events.factories import make_event

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def events(transactional_db):
    day = timezone.localdate() + timedelta(days=20)
    make_event(title="Financial Street Forum", day=day, slug="forum", category="forum")
    make_event(title="Ballet Gala", day=day, slug="gala", category="performance")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("code", ["ru", "ar", "ja"])
def test_compact_header_and_its_menus(new_page, events, external_requests, code, javascript):
    page = new_page(java_script_enabled=javascript, **PHONE)
    page.goto(f"/{code}/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 90, "the header takes more than one row"
    nav = page.locator(".site-nav")
    expect(nav).to_be_hidden()
    page.locator(".nav-menu > summary").click()
    expect(nav).to_be_visible()
    no_sideways_scroll(page)
    nav.locator(f'a[href="/{code}/events/"]').click()
    expect(page).to_have_url(re.compile(rf"/{code}/events/$"))

    page.locator(".lang-menu > summary").click()
    page.locator('.lang-switcher a[lang="fr"]').click()
    expect(page).to_have_url(re.compile(r"/fr/events/$"))
    assert external_requests == []


def test_escape_closes_a_menu_and_returns_focus(new_page, events):
    page = new_page(**PHONE)
    page.goto("/en/")
    summary = page.locator(".nav-menu > summary")
    summary.click()
    expect(page.locator(".site-nav")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(summary).to_be_focused()


@pytest.mark.parametrize("javascript", [True, False])
def test_desktop_shows_the_navigation_without_a_menu_button(new_page, events, javascript):
    page = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    page.goto("/en/")
    expect(page.locator(".site-nav")).to_be_visible()
    expect(page.locator(".nav-menu > summary")).to_be_hidden()
    expect(page.locator(".filter-panel")).to_have_count(0)
    page.goto("/en/events/")
    expect(page.locator(".filters select").first).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_collapse_behind_one_control_and_show_removable_chips(
    new_page, events, external_requests, javascript
):
    page = new_page(java_script_enabled=javascript, **PHONE)
    page.goto("/en/events/")
    first_card = page.locator(".event-list .card").first
    # The first event comes before the fold, not after six filters.
    assert first_card.bounding_box()["y"] < 740
    expect(page.locator(".filters")).to_be_hidden()
    page.locator(".filter-panel > summary").click()
    page.locator("#id_category").select_option("forum")
    page.get_by_role("button", name="Show events").click()

    expect(page).to_have_url(re.compile(r"category=forum"))
    expect(page.locator(".event-list .card")).to_have_count(1)
    chip = page.locator(".chips .chip")
    expect(chip).to_have_text(re.compile(r"Category: Forum or summit"))
    expect(page.locator(".filter-panel__count")).to_contain_text("1")
    no_sideways_scroll(page)

    chip.click()
    expect(page).to_have_url(re.compile(r"/en/events/$"))
    expect(page.locator(".event-list .card")).to_have_count(2)
    expect(page.locator(".chips")).to_have_count(0)
    assert external_requests == []
