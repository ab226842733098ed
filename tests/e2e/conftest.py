"""Fixtures of the browser journeys: one headless Chromium, a fresh context per page."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Auto-waiting assertions give up after this long instead of Playwright's 5 s default,
# so a slow first page on a busy CI machine does not fail a journey.
TIMEOUT_MS = 10_000
# A page load may make the pictures' sizes first (django-imagekit, on first use): on a
# loaded machine the first venue listing of a module took longer than 10 s.
NAVIGATION_TIMEOUT_MS = 30_000


def keep_local(context, external_requests: list) -> None:
    """Lets the context reach the live server only; other hosts are blocked and listed."""

    def local_only(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", local_only)


@pytest.fixture(scope="session")
def browser():
    """The one headless Chromium every journey of the session shares."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser journeys need Debian's Chromium at {CHROMIUM}")
    expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django's
    # ORM would refuse the plain synchronous queries the journeys make
    # (SynchronousOnlyOperation). The guard is lifted while the browser runs; the root
    # conftest runs browser journeys last, so no other test runs without the guard.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def external_requests():
    """Every request to a host other than the live server: blocked, and kept here."""
    return []


@pytest.fixture
def console_errors():
    """JavaScript errors and console.error messages of every page of the test."""
    return []


@pytest.fixture
def new_page(browser, live_server, external_requests, console_errors):
    """Opens a page in a fresh context; keyword arguments go to `browser.new_context`."""
    contexts = []

    def on_console(message):
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location.get('url')})")

    def open_page(**context_options):
        options = {"base_url": live_server.url, "locale": "en-US", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        keep_local(context, external_requests)
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page of an English-speaking visitor with JavaScript on, 1280×720."""
    return new_page()
