"""Anonymous public pages carry no per-visitor state: no cookie, no Vary: Cookie, so a
shared cache may keep them (issue 14). Forms that need CSRF stay on their own pages."""

import pytest

from tests.events.factories import EventFactory
from tests.service_packages.factories import package
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import RouteFactory, VenueFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/{code}/",
    "/{code}/events/",
    "/{code}/events/?category=forum",
    "/{code}/events/forum/",
    "/{code}/sister-cities/",
    "/{code}/sister-cities/nakano/",
    "/{code}/venues/",
    "/{code}/venues/museum/",
    "/{code}/routes/museum-route/",
    "/{code}/services/",
    "/{code}/services/going-abroad/",
    "/{code}/no-such-page/",
]


@pytest.fixture
def portal(db):
    EventFactory(slug="forum", category="forum", in_days=10)
    SisterCityFactory(slug="nakano")
    VenueFactory(slug="museum")
    RouteFactory(slug="museum-route")
    package(slug="going-abroad")


@pytest.mark.parametrize("code", ["en", "ar", "ja"])
@pytest.mark.parametrize("page", PAGES)
def test_anonymous_public_pages_set_no_cookie_and_do_not_vary_on_it(client, portal, page, code):
    response = client.get(page.format(code=code))
    assert response.status_code in (200, 404)
    assert response.cookies == {}, f"{page} sets {list(response.cookies)}"
    vary = [part.strip().lower() for part in response.headers.get("Vary", "").split(",")]
    assert "cookie" not in vary, f"{page} varies on Cookie"


def test_a_staff_member_still_sees_previews(admin_client):
    package(slug="draft-package", status="draft")
    assert admin_client.get("/en/services/draft-package/").status_code == 200


def test_a_visitor_without_a_session_gets_no_preview(client):
    package(slug="draft-package", status="draft")
    assert client.get("/en/services/draft-package/").status_code == 404
