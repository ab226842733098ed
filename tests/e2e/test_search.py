"""A visitor finds a partner city, an event, a service and a museum with the header's
search box, in every language, on a phone and on a desktop.

The journeys type the names as people of each language would write them (Arabic without
hamza or ta marbuta, French without accents, Chinese and Japanese without spaces) into
the header's box of the page they are on, submit, and follow the result to its page.
Every results page must be in its language (`<html lang dir>`), keep the query in its
own box and not scroll sideways; the search page's states (results, empty, nothing
found, a corrected typo, a suggestion) also pass axe-core in Arabic and Japanese. No
request may leave the live server.

The demo content is loaded and indexed once for the module and served by a live server
of the module's own, as in test_public_pages.py; one browser context per window size
(and one more for each with JavaScript off) serves every test of the module.
"""

import io
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from apps.events.models import Event
from apps.venues import lookups
from apps.venues.models import ResourceCategory
from tests.conftest import _seed_venue_lookups, assert_test_database
from tests.e2e.conftest import TIMEOUT_MS, keep_local
from tests.e2e.page_checks import axe_violations, language_attributes, sideways_scroll

# The django_db mark makes pytest-django set up the test database even when this module
# runs alone (it sets up only the databases that the collected tests ask for; without it
# the demo would be loaded into, and flushed from, the database DATABASE_URL names).
# The tests only read: each one's transaction holds nothing the live server needs.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 360, "height": 780},
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
DIRECTION = {"ar": "rtl"}
# Where each journey ends: a path under /<language>/ ({event} is the gala's edition).
TARGETS = {
    "partner": "sister-cities/nakano/",
    "event": "events/{event}/",
    "service": "services/going-abroad/",
    "venue": "venues/capital-museum/",
}
# What a visitor of each language types for Nakano, the Ballet Gala, the visa invitation
# letter of the "going abroad" package, and the Capital Museum (apps/*/demo.json).
QUERIES = {
    "zh-hans": {
        "partner": "中野",
        "event": "芭蕾舞",
        "service": "签证邀请函",
        "venue": "首都博物馆",
    },
    "en": {
        "partner": "Nakano",
        "event": "ballet gala",
        "service": "visa invitation letter",
        "venue": "capital museum",
    },
    "ja": {"partner": "中野区", "event": "バレエ", "service": "招へい状", "venue": "首都博物館"},
    "ru": {
        "partner": "Накано",
        "event": "балет",
        "service": "приглашение для визы",
        "venue": "столичный музей",
    },
    "fr": {
        "partner": "Nakano",
        "event": "gala de ballet",
        "service": "lettre d’invitation pour visa",
        "venue": "musee de la capitale",
    },
    "es": {
        "partner": "Nakano",
        "event": "gala de ballet",
        "service": "carta de invitación para el visado",
        "venue": "Museo de la Capital",
    },
    "ar": {
        "partner": "ناكانو",
        "event": "الباليه",
        "service": "رساله دعوه للتاشيره",
        "venue": "متحف العاصمة",
    },
}
# Arabic and Japanese at both sizes; the others at one each.
JOURNEYS = [
    ("ar", "phone"),
    ("ar", "desktop"),
    ("ja", "phone"),
    ("ja", "desktop"),
    ("zh-hans", "phone"),
    ("fr", "phone"),
    ("en", "desktop"),
    ("ru", "desktop"),
    ("es", "desktop"),
]
# A result must be among the first few: a name typed in full is not found on page two.
TOP = 3


@dataclass
class Site:
    url: str
    event: str


@dataclass
class Tab:
    """A page of one of the module's contexts, and what went wrong while it was open."""

    page: object
    external: list
    console: list = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"request to another host: {url}" for url in self.external] + [
            f"console: {text}" for text in self.console
        ]


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, indexed, and a live server for the module; flushed after."""
    assert_test_database()  # before anything is loaded, or flushed
    media = tmp_path_factory.mktemp("search-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media / "media",
            PRIVATE_MEDIA_ROOT=media / "private",
            IMAGE_RENDITION_WIDTHS=(480, 960),  # as test_public_pages.py: two sizes are enough
        ),
    ):
        try:
            if ResourceCategory.objects.count() < len(lookups.CATEGORIES):  # flushed before
                _seed_venue_lookups()
            call_command("load_demo_content", stdout=io.StringIO())
            call_command("rebuild_search_index", stdout=io.StringIO())
            gala = Event.objects.published().get(
                slug__startswith="china-international-ballet-gala-season"
            )
            site = Site(url="", event=gala.slug)
            # The pictures' sizes are made on a page's first visit: before a browser waits.
            client = Client()
            for target in ["", "search/?q=museum", *TARGETS.values()]:
                client.get("/en/" + target.format(event=site.event))
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            site.url = server.url
            try:
                yield site
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's media folder stays for all its tests (the suite's fixture, replaced)."""


@pytest.fixture(scope="module")
def contexts(browser, site):
    """One browser context per window size (and with JavaScript off, if a test asks)."""
    opened = {}

    def context_for(viewport: str, javascript: bool):
        if (viewport, javascript) not in opened:
            context = browser.new_context(
                base_url=site.url, java_script_enabled=javascript, **VIEWPORTS[viewport]
            )
            context.set_default_timeout(TIMEOUT_MS)
            external = []
            keep_local(context, external)
            opened[viewport, javascript] = (context, external)
        return opened[viewport, javascript]

    yield context_for
    for context, _external in opened.values():
        context.close()


@pytest.fixture
def open_tab(contexts):
    """Opens a tab in the module's context of a window size; closed after the test."""
    tabs = []

    def open_(viewport: str, *, javascript: bool = True) -> Tab:
        context, external = contexts(viewport, javascript)
        external.clear()
        tab = Tab(page=context.new_page(), external=external)
        tab.page.on(
            "console", lambda message: message.type == "error" and tab.console.append(message.text)
        )
        tab.page.on("pageerror", lambda error: tab.console.append(str(error)))
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.page.close()


def path_of(page) -> str:
    return urlsplit(page.url).path


def header_search(page, viewport: str, query: str) -> None:
    """Type `query` into the header's box and submit it, as a visitor on this screen would."""
    box = page.locator("#site-search-q")
    summary = page.locator(".search-menu > summary")
    if viewport == "phone":
        # A magnifier button opens the box under the bar.
        expect(box).to_be_hidden()
        summary.click()
        expect(box).to_be_visible()
        box.fill(query)
        with page.expect_navigation():
            box.press("Enter")
    else:
        # Wide screens show the box in the bar itself, above the navigation's row.
        expect(summary).to_be_hidden()
        expect(box).to_be_visible()
        field, nav = box.bounding_box(), page.locator(".site-nav").bounding_box()
        assert field["y"] + field["height"] <= nav["y"], "the search box is not in the bar"
        box.fill(query)
        with page.expect_navigation():
            page.locator(".search-menu button[type=submit]").click()


def results_page_problems(page, language: str, query: str) -> list[str]:
    """What is wrong with the results page of `query` (empty list: nothing)."""
    problems = []
    if path_of(page) != f"/{language}/search/":
        return [f"not the search page: {page.url}"]
    if parse_qs(urlsplit(page.url).query).get("q") != [query]:
        problems.append(f"the query sent was not {query!r}: {page.url}")
    problems += language_attributes(page, language, DIRECTION.get(language, "ltr"))
    shown = page.locator("#search-q").input_value()
    if shown != query:
        problems.append(f"the page's box shows {shown!r}, not the query {query!r}")
    problems += sideways_scroll(page)
    return problems


@pytest.mark.parametrize(
    ("language", "viewport"),
    JOURNEYS,
    ids=[f"{language}-{viewport}" for language, viewport in JOURNEYS],
)
def test_a_visitor_finds_each_kind_of_page_from_the_header(site, open_tab, language, viewport):
    """Home page, then from each page found the next search: four searches in a row."""
    tab = open_tab(viewport)
    page = tab.page
    page.goto(f"/{language}/", wait_until="domcontentloaded")
    errors = []
    for kind, query in QUERIES[language].items():
        target = f"/{language}/" + TARGETS[kind].format(event=site.event)
        header_search(page, viewport, query)
        errors += [f"{kind} {query!r}: {p}" for p in results_page_problems(page, language, query)]
        links = page.locator("ol.search-results .search-result__title a")
        hrefs = links.evaluate_all("(links) => links.map((link) => link.getAttribute('href'))")
        if target not in hrefs[:TOP]:
            status = page.locator("#search-status").inner_text().strip()
            errors.append(f"{kind} {query!r}: {target} not in the first {TOP} of {hrefs} {status}")
            continue
        # The found page is only looked at, not measured: its pictures need not load.
        with page.expect_navigation(wait_until="domcontentloaded") as navigation:
            links.nth(hrefs.index(target)).click()
        if navigation.value.status != 200 or path_of(page) != target:
            errors.append(f"{kind}: the result led to {page.url} ({navigation.value.status})")
        expect(page.locator("h1")).to_be_visible()
    errors += tab.problems()
    assert not errors, f"{language} on a {viewport}:\n  " + "\n  ".join(errors)


# The search page in each of its states: (query, what must show).
STATES = {
    "results": ({"ar": "متحف", "ja": "博物館"}, "ol.search-results"),
    "empty": ({"ar": "", "ja": ""}, "#search-status p"),
    "nothing-found": ({"ar": "قطار فضائي", "ja": "宇宙列車"}, "#search-status .empty-state"),
    # A typo corrected ("Showing results for nakano", with a link to the typo's results).
    "corrected": ({"ar": "Nakanno", "ja": "Nakanno"}, ".search-suggestion a[href*='exact=1']"),
    # One word of two misspelt: "Did you mean", with the partial results.
    "suggestion": ({"ar": "ballett galla", "ja": "ballett galla"}, ".search-suggestion a"),
}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", ["ar", "ja"])
def test_every_state_of_the_search_page_passes_the_page_checks(site, open_tab, language, viewport):
    tab = open_tab(viewport)
    page = tab.page
    errors = []
    for state, (queries, shown) in STATES.items():
        query = queries[language]
        response = page.goto(f"/{language}/search/?{urlencode({'q': query})}")
        problems = [] if response.status == 200 else [f"HTTP {response.status}"]
        if not page.locator(shown).first.is_visible():
            problems.append(f"{shown} is not shown")
        problems += language_attributes(page, language, DIRECTION.get(language, "ltr"))
        problems += sideways_scroll(page)
        # The pages differ by width in their header only: axe reads every state on the
        # phone, and the results page with the header's box in the bar on the desktop.
        if viewport == "phone" or state == "results":
            problems += axe_violations(page)
        errors += [f"{state} ({query!r}): {problem}" for problem in problems]
    if viewport == "phone":
        # The header's panel, open over the page, neither widens it nor fails axe.
        page.locator(".search-menu > summary").click()
        expect(page.locator("#site-search-q")).to_be_visible()
        errors += [f"header panel open: {p}" for p in sideways_scroll(page) + axe_violations(page)]
    errors += tab.problems()
    assert not errors, f"{language} on a {viewport}:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_header_box_works_without_javascript(site, open_tab, viewport):
    tab = open_tab(viewport, javascript=False)
    page = tab.page
    page.goto("/ar/venues/")
    header_search(page, viewport, "متحف العاصمة")
    errors = results_page_problems(page, "ar", "متحف العاصمة")
    expect(
        page.locator('.search-result__title a[href="/ar/venues/capital-museum/"]')
    ).to_be_visible()
    errors += tab.problems()
    assert not errors, "\n".join(errors)


def test_escape_closes_the_phone_search_panel_and_returns_focus(site, open_tab):
    page = open_tab("phone").page
    page.goto("/ja/")
    summary = page.locator(".search-menu > summary")
    summary.click()
    expect(page.locator("#site-search-q")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#site-search-q")).to_be_hidden()
    expect(summary).to_be_focused()
    # Opening another menu closes the search panel.
    summary.click()
    page.locator(".nav-menu > summary").click()
    expect(page.locator("#site-search-q")).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_visible()
