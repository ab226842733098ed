"""Every public page and form, in Russian, Arabic and Japanese, on phones and a desktop.

Each public page (the URL contract of the design notes), forms empty and with
errors, is opened at 320, 360 and 390 px and at 1280 px, and must

- not scroll sideways, nor cut content at the screen's edge;
- have `<html lang dir>` of its language;
- load nothing from another host, and log no JavaScript error (a CSP refusal is one);
- at 360 and 1280 px: have no axe-core violation (WCAG 2.x A/AA) of serious or
  critical impact, and show where the keyboard focus is on the first elements Tab
  reaches.

The demo content is loaded once for the module and served by a live server of the
module's own (pytest-django's would flush the database after every test). With
SCREENSHOTS=1 the main pages are also saved to docs/screenshots/ (`make screenshots`).
"""

import io
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone, translation
from pytest_django.live_server_helper import LiveServer

from apps.events.models import Event, RegistrationState
from apps.events.registrations import registration_create
from apps.events.tokens import registration_manage_url
from apps.service_packages.applicant import REQUEST_FIELDS, to_answer
from apps.service_packages.models import ServicePackage
from apps.service_packages.services import draft_save
from apps.service_packages.tracking import tracking_url
from apps.service_packages.views.apply import SESSION_FORMS, SESSION_SUBMITTED
from apps.sister_cities.models import SisterCity
from apps.venues import lookups
from apps.venues.models import ResourceCategory, Route, Venue
from tests.conftest import _seed_venue_lookups, assert_test_database
from tests.e2e.conftest import TIMEOUT_MS, keep_local
from tests.e2e.page_checks import (
    axe_violations,
    focus_not_visible,
    language_attributes,
    sideways_scroll,
)
from tests.e2e.screenshots import SCREENSHOT_PAGES, save_screenshot, screenshots_wanted
from tests.service_packages.factories import request_data, submit

pytestmark = pytest.mark.browser

LANGUAGES = {"ru": "ltr", "ar": "rtl", "ja": "ltr"}
PHONE_HEIGHT, DESKTOP_HEIGHT = 780, 800
DESKTOP_WIDTH = 1280
WIDTHS = [320, 360, 390, DESKTOP_WIDTH]
# Where axe and the focus check run too: one phone and the desktop.
FULL_CHECK_WIDTHS = {360, 1280}


@dataclass
class Site:
    """The live server and the demo rows the pages are about."""

    url: str
    event: str
    event_filters: dict
    partner: str
    directory_filters: dict
    package: str
    venue: str
    route: str
    registration_paths: dict = field(default_factory=dict)
    tracking_paths: dict = field(default_factory=dict)
    draft_session: dict = field(default_factory=dict)
    submitted_session: dict = field(default_factory=dict)
    submitted_references: dict = field(default_factory=dict)


def _seed_lookups_if_flushed():
    if ResourceCategory.objects.count() < len(lookups.CATEGORIES):
        _seed_venue_lookups()


def _demo_rows() -> dict:
    """The rows each page shows, picked from the demo content like a visitor would."""
    now = timezone.now()
    events = Event.objects.published().upcoming().order_by("starts_at")
    event = next(e for e in events if e.registration_state(now=now) == RegistrationState.OPEN)
    event_filters = {"category": event.category, "month": event.local_start.strftime("%Y-%m")}
    partner_city = event.partner_cities.filter(pk__in=SisterCity.objects.published()).first()
    if partner_city is not None:
        event_filters["partner"] = partner_city.slug
    partner = partner_city or SisterCity.objects.published().first()
    package = next(p for p in ServicePackage.objects.published() if p.items.exists())
    return {
        "event": event,
        "event_filters": event_filters,
        "partner": partner,
        "directory_filters": {"country": partner.country.code},
        "package": package,
        "venue": Venue.objects.published().first(),
        "route": Route.objects.published().first(),
    }


def _draft_answers(package, language: str) -> dict:
    """A filled-in form's answers as the draft keeps them (see `ApplyForm.answers`)."""
    data = request_data(
        travel_from=timezone.localdate() + timedelta(days=40),
        travel_to=timezone.localdate() + timedelta(days=46),
        message="Прошу рассмотреть заявку. 申請をよろしくお願いします。 شكراً لكم.",
    )
    answers = {name: to_answer(name, data.get(name)) for name in REQUEST_FIELDS if name in data}
    answers.update(
        language=language,
        services=[item.pk for item in package.items.all()[:1]],
        consent_processing=True,
        consent_policy_news=False,
        form_token=str(uuid.uuid4()),
    )
    return answers


def _private_pages(site: Site, *, event, package) -> None:
    """A registration, a draft and a submitted request, with the sessions that see them."""
    for language in LANGUAGES:
        registration = registration_create(
            event_id=event.pk,
            name={"ru": "Анна Смирнова", "ar": "ليلى حسن", "ja": "佐藤 花子"}[language],
            email=f"visitor-{language}@example.org",
            country={"ru": "RU", "ar": "EG", "ja": "JP"}[language],
            language=language,
            time_zone={"ru": "Europe/Moscow", "ar": "Africa/Cairo", "ja": "Asia/Tokyo"}[language],
        ).registration
        with translation.override(language):
            site.registration_paths[language] = registration_manage_url(registration)
        service_request = submit(package, language=language)
        with translation.override(language):
            site.tracking_paths[language] = urlsplit(tracking_url(service_request)).path
        site.submitted_session[language] = {SESSION_SUBMITTED: [service_request.pk]}
        site.submitted_references[language] = service_request.reference
        answers = _draft_answers(package, language)
        draft = draft_save(package=package, draft=None, answers=answers, files=[])
        site.draft_session[language] = {
            SESSION_FORMS: {str(package.pk): {"draft": draft.pk, "token": answers["form_token"]}}
        }


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content and a live server for the whole module; the database flushed after."""
    assert_test_database()  # before anything is loaded, or flushed
    media = tmp_path_factory.mktemp("public-pages-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media / "media",
            PRIVATE_MEDIA_ROOT=media / "private",
            # Two sizes of each picture instead of three: the 1,600 px copies would take
            # most of a minute to make, and change nothing a test or a screenshot shows.
            IMAGE_RENDITION_WIDTHS=(480, 960),
        ),
    ):
        try:
            _seed_lookups_if_flushed()
            call_command("load_demo_content", stdout=io.StringIO())
            call_command("rebuild_search_index", stdout=io.StringIO())
            rows = _demo_rows()
            site = Site(
                url="",
                event=rows["event"].slug,
                event_filters=rows["event_filters"],
                partner=rows["partner"].slug,
                directory_filters=rows["directory_filters"],
                package=rows["package"].slug,
                venue=rows["venue"].slug,
                route=rows["route"].slug,
            )
            _private_pages(site, event=rows["event"], package=rows["package"])
            _warm_up(site)
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            site.url = server.url
            try:
                yield site
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            # As pytest-django's transactional tests leave it: empty for the next module.
            call_command("flush", interactive=False, verbosity=0)


def _warm_up(site: Site) -> None:
    """Each page once, so that the pictures' sizes are made before a browser waits for them.

    They are made on first use (django-imagekit, just in time): the first home page
    would otherwise take longer than a page may in a test.
    """
    client = Client()
    for public_page in PAGES:
        if public_page.session is None:
            client.get(public_page.path(site, "ru"))


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's media folder stays for all its tests (the suite's fixture, replaced)."""


# --- The pages -----------------------------------------------------------------------


def _submit(form_selector):
    """Sends a form as a visitor's browser without form validation would."""

    def act(page):
        with page.expect_navigation() as navigation:
            page.locator(form_selector).evaluate("(form) => form.requestSubmit()")
        return navigation.value

    return act


def _wrong_tracking(page):
    page.fill("input[name=reference]", "XC-2026-999999")
    page.fill("input[name=code]", "ABCD-EFGH-JKLM")
    return _submit("form:has(input[name=reference])")(page)


# "Museum" as each language writes it: venues, a route and an event, with words marked.
SEARCH_QUERIES = {"ru": "музей", "ar": "متحف", "ja": "博物館"}


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: object  # (site, language) -> the path
    act: object = None  # (page) -> the response: what the visitor does on the page first
    session: object = None  # (site, language) -> the session's values
    status: int = 200


PAGES = [
    PublicPage("home", lambda s, lang: f"/{lang}/"),
    PublicPage("directory", lambda s, lang: f"/{lang}/sister-cities/"),
    PublicPage(
        "directory-filtered",
        lambda s, lang: f"/{lang}/sister-cities/?{urlencode(s.directory_filters)}",
    ),
    PublicPage("partner", lambda s, lang: f"/{lang}/sister-cities/{s.partner}/"),
    PublicPage("events", lambda s, lang: f"/{lang}/events/"),
    PublicPage("events-filtered", lambda s, lang: f"/{lang}/events/?{urlencode(s.event_filters)}"),
    PublicPage("events-past", lambda s, lang: f"/{lang}/events/?when=past"),
    PublicPage("event", lambda s, lang: f"/{lang}/events/{s.event}/"),
    PublicPage("register", lambda s, lang: f"/{lang}/events/{s.event}/register/"),
    PublicPage(
        "register-errors",
        lambda s, lang: f"/{lang}/events/{s.event}/register/",
        act=_submit("#register-form"),
        status=400,
    ),
    PublicPage("registration", lambda s, lang: s.registration_paths[lang]),
    PublicPage("services", lambda s, lang: f"/{lang}/services/"),
    PublicPage("package", lambda s, lang: f"/{lang}/services/{s.package}/"),
    PublicPage("apply", lambda s, lang: f"/{lang}/services/{s.package}/apply/"),
    PublicPage(
        "apply-errors",
        lambda s, lang: f"/{lang}/services/{s.package}/apply/",
        act=_submit("#apply-form"),
        status=400,
    ),
    PublicPage(
        "check-answers",
        lambda s, lang: f"/{lang}/services/{s.package}/apply/check/",
        session=lambda s, lang: s.draft_session[lang],
    ),
    PublicPage(
        "submitted",
        lambda s, lang: f"/{lang}/services/requests/{s.submitted_references[lang]}/submitted/",
        session=lambda s, lang: s.submitted_session[lang],
    ),
    PublicPage("track", lambda s, lang: f"/{lang}/services/track/"),
    PublicPage(
        "track-errors", lambda s, lang: f"/{lang}/services/track/", act=_wrong_tracking, status=400
    ),
    # The email's private link: remembered in the session, then the status page.
    PublicPage("status", lambda s, lang: s.tracking_paths[lang]),
    PublicPage("venues", lambda s, lang: f"/{lang}/venues/"),
    PublicPage("venue", lambda s, lang: f"/{lang}/venues/{s.venue}/"),
    PublicPage("route", lambda s, lang: f"/{lang}/routes/{s.route}/"),
    PublicPage(
        "search", lambda s, lang: f"/{lang}/search/?{urlencode({'q': SEARCH_QUERIES[lang]})}"
    ),
    PublicPage("not-found", lambda s, lang: f"/{lang}/no-such-page/", status=404),
]


def _session_cookie(site: Site, values: dict) -> dict:
    """A session of its own for one test (visiting a page may cycle its key)."""
    session = SessionStore()
    for key, value in values.items():
        session[key] = value
    session.create()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": site.url,
    }


def _check_width(page, public_page, language, width) -> list[str]:
    """The page's problems at one window width (the page is laid out again, not reloaded)."""
    phone = width < DESKTOP_WIDTH
    page.set_viewport_size({"width": width, "height": PHONE_HEIGHT if phone else DESKTOP_HEIGHT})
    page.evaluate("window.scrollTo(0, 0)")
    problems = sideways_scroll(page)
    if width in FULL_CHECK_WIDTHS:
        if screenshots_wanted() and public_page.name in SCREENSHOT_PAGES:
            save_screenshot(page, public_page.name, language, "phone" if phone else "desktop")
        problems += axe_violations(page)
        problems += focus_not_visible(page)
        page.evaluate("document.activeElement && document.activeElement.blur()")
    return [f"{width} px: {problem}" for problem in problems]


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("public_page", PAGES, ids=[p.name for p in PAGES])
def test_public_page(browser, site, django_db_blocker, public_page, language):
    """One visit, then every width: phones first, as the page would first be seen there."""
    external, console, errors = [], [], []
    context = browser.new_context(
        base_url=site.url,
        viewport={"width": WIDTHS[0], "height": PHONE_HEIGHT},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    try:
        context.set_default_timeout(TIMEOUT_MS)
        keep_local(context, external)
        if public_page.session:
            with django_db_blocker.unblock():
                values = public_page.session(site, language)
                context.add_cookies([_session_cookie(site, values)])
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and console.append((message.text, message.location.get("url")))
            ),
        )
        page.on("pageerror", lambda error: console.append((str(error), "")))
        response = page.goto(public_page.path(site, language))
        if public_page.act:
            response = public_page.act(page)
        if response.status != public_page.status:
            errors.append(f"HTTP {response.status}, expected {public_page.status}")
        errors += language_attributes(page, language, LANGUAGES[language])
        for width in WIDTHS:
            errors += _check_width(page, public_page, language, width)
        errors += [f"request to another host: {url}" for url in external]
        # The 400 and 404 the page is meant to answer with are logged too: not an error.
        errors += [
            f"console: {text} ({url})"
            for text, url in console
            if not (url == page.url and text.startswith("Failed to load resource"))
        ]
    finally:
        context.close()
    assert not errors, f"{public_page.name} in {language} ({page.url}):\n  " + "\n  ".join(errors)
