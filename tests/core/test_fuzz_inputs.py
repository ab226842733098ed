"""No 500 from input (issue 15): every URL pattern, query parameter and admin filter, fed
NUL bytes, huge numbers, wrong types and overlong values, answers 4xx or a normal page.

The walk is generated from the URLconf and the admin registry, so a new view or filter is
covered the day it is added.
"""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.events.factories import EventFactory
from tests.service_packages.factories import package, submit
from tests.sister_cities.factories import AgreementFactory, SisterCityFactory
from tests.venues.factories import RouteFactory, VenueFactory

# Nothing here depends on the date: `make test-clocks` leaves it out (-m "not fuzz").
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

JUNK = [
    "\x00",
    "99999999999999999999999",
    "-1",
    "\u202e\u200f",
    "x" * 3000,
    "'\"<>;--../",
]
# Values that make sense to a parameter of the shape, so the view gets past its first check.
SAMPLES = {"slug": "forum", "int": "1", "str": "XC-2026-000001", "path": "x"}
# The query parameters the public pages read.
QUERY_PARAMETERS = [
    "page",
    "p",
    "category",
    "when",
    "month",
    "partner",
    "kind",
    "continent",
    "country",
    "step_free",
    "language",
    "facility",
    "q",
    "next",
    "lang",
    "sort",
]


@pytest.fixture
def content(db):
    EventFactory(slug="forum", category="forum", in_days=10, takes_registrations=True)
    city = SisterCityFactory(slug="forum")
    AgreementFactory(city=city)
    VenueFactory(slug="forum")
    RouteFactory(slug="forum")
    going = package(slug="forum")
    submit(going)


def _patterns(resolvers=None, prefix=""):
    """(regex of the whole route, converter names) for every URL pattern."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _urls_with(value: str):
    """Every public route with each parameter set to `value` in turn (others sampled)."""
    urls = set()
    for route in _patterns():
        if route.startswith("admin/") or route.startswith("^"):
            continue
        names = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not names:
            continue
        for index in range(len(names)):
            url = route
            for position, (converter, _name) in enumerate(names):
                converter = converter or "str"
                sample = value if position == index else SAMPLES.get(converter, "x")
                url = re.sub(r"<(?:\w+:)?\w+>", quote(sample, safe=""), url, count=1)
            # Routes in i18n_patterns start with the active language's prefix ("en/").
            urls.add("/" + url)
    return sorted(urls)


def _server_errors(client, urls) -> list[str]:
    """The addresses among `urls` that answer 5xx (all of them, not only the first)."""
    # A 500 is a response here, not an exception, so the report names every address.
    client.raise_request_exception = False
    errors = []
    for url in urls:
        status = client.get(url).status_code
        if status >= 500:
            errors.append(f"{url[:200]!r} answered {status}")
    return errors


@pytest.mark.parametrize("value", JUNK, ids=range(len(JUNK)))
def test_every_path_parameter(client, content, value):
    assert "/en/events/registration/forum/" in _urls_with("forum")
    assert _server_errors(client, _urls_with(value)) == []


PUBLIC_PAGES = [
    "/en/",
    "/en/events/",
    "/en/events/feed.ics",
    "/en/sister-cities/",
    "/en/venues/",
    "/en/services/",
    "/en/services/track/",
    "/en/events/forum/",
    "/en/venues/forum/",
    "/en/sister-cities/forum/",
    "/i18n/choose/fr/",
    "/sitemap.xml",
    "/sitemap-events.xml",
]


@pytest.mark.parametrize("value", JUNK, ids=range(len(JUNK)))
def test_every_query_parameter_of_the_public_pages(client, content, value):
    junk = quote(value, safe="")
    urls = []
    for page in PUBLIC_PAGES:
        urls += [f"{page}?{name}={junk}" for name in QUERY_PARAMETERS]
        # The same parameter twice, and a parameter with no value.
        urls += [f"{page}?page=1&page={junk}", f"{page}?{junk}"]
    assert _server_errors(client, urls) == []


def _changelist_parameters(model_admin, request):
    """The query parameter names the changelist's filters read."""
    names = {"q", "o", "p", "e", "_facets", "all"}
    changelist = model_admin.get_changelist_instance(request)
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        names.update({f"{field}__year", f"{field}__month", f"{field}__day"})
    return sorted(names)


@pytest.mark.parametrize("value", JUNK, ids=range(len(JUNK)))
def test_every_admin_changelist_filter(admin_user, content, value, rf):
    client = Client()
    client.force_login(admin_user)
    request = rf.get("/admin/")
    request.user = admin_user
    junk = quote(value, safe="")
    urls = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        request = rf.get(url)
        request.user = admin_user
        urls += [f"{url}?{name}={junk}" for name in _changelist_parameters(model_admin, request)]
        # And the change page of an object id that is junk.
        urls.append(f"{url}{junk}/change/")
    assert _server_errors(client, urls) == []
