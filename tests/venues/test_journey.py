"""Issue #4, "done when": an editor builds and publishes a route in the admin; visitors then
follow it, in every language."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings

from apps.core.models import PublishingStatus
from apps.venues.models import Route

from .factories import VenueFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]
ROUTES = "/admin/venues/route/"


@pytest.fixture
def venues():
    """Three published venues in Xicheng, named in Chinese, English and Japanese."""
    return [
        VenueFactory(
            slug=slug,
            name_zh_hans=zh,
            name_en=en,
            name_ja=zh,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
        )
        for slug, zh, en, lat, lon in [
            ("prince-gong", "恭王府", "Prince Gong's Mansion", "39.93660", "116.38600"),
            ("baitasi", "白塔寺", "White Stupa Temple", "39.92400", "116.36000"),
            ("niujie", "牛街礼拜寺", "Niujie Mosque", "39.88470", "116.36280"),
        ]
    ]


def management_forms(html: str) -> dict:
    """The hidden management-form fields of every inline, as the add form renders them."""
    return dict(
        re.findall(
            r'<input type="hidden" name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
            r' value="(\d+)"',
            html,
        )
    )


def autocomplete(client, term: str) -> str:
    """The id of the one venue the stops' venue autocomplete offers for `term`."""
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "venues", "model_name": "routestop", "field_name": "venue", "term": term},
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert len(results) == 1, results
    return results[0]["id"]


def test_editor_builds_and_publishes_a_route_that_visitors_then_follow(
    client, content_editor, venues
):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long test password", "next": "/admin/"},
    )
    assert response.status_code == 302
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    form = client.get(ROUTES + "add/").content.decode()
    inline = management_forms(form)
    prefixes = {name.rsplit("-", 1)[0] for name in inline}
    assert prefixes == {"stops"}
    prefix = prefixes.pop()
    for field in ("position", "venue", "suggested_minutes", "note_en"):
        assert f'name="{prefix}-__prefix__-{field}"' in form

    # Stops typed in the form out of order; their positions give the route's order.
    stops = [
        ("White Stupa", 20, 30, "Climb to the terrace."),
        ("Niujie", 30, 45, ""),
        ("恭王府", 10, 90, "Start at the west gate."),
    ]
    data = {
        **inline,
        f"{prefix}-TOTAL_FORMS": str(len(stops)),
        "title_zh_hans": "三处名胜",
        "title_en": "Three landmarks",
        "slug": "three-landmarks",
        "theme_en": "Landmarks",
        "summary_zh_hans": "半天走访三处名胜。",
        "summary_en": "Three landmarks in half a day.",
        "status": PublishingStatus.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
    }
    for index, (term, position, minutes, note) in enumerate(stops):
        data[f"{prefix}-{index}-venue"] = autocomplete(client, term)
        data[f"{prefix}-{index}-position"] = str(position)
        data[f"{prefix}-{index}-suggested_minutes"] = str(minutes)
        data[f"{prefix}-{index}-note_en"] = note
    response = client.post(ROUTES + "add/", data)
    assert response.status_code == 302, re.findall(
        r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.DOTALL
    )
    route = Route.objects.get(slug="three-landmarks")
    assert route.status == PublishingStatus.DRAFT
    assert [stop.venue.slug for stop in route.stops.all()] == ["prince-gong", "baitasi", "niujie"]

    # The editor previews it; visitors cannot see it yet.
    assert 'class="preview-banner"' in client.get("/en/routes/three-landmarks/").content.decode()
    client.logout()
    assert client.get("/en/routes/three-landmarks/").status_code == 404
    assert "three-landmarks" not in client.get("/en/venues/").content.decode()

    client.login(username="editor", password="a long test password")
    response = client.post(ROUTES, {"action": "publish", "_selected_action": [route.pk]})
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.status == PublishingStatus.PUBLISHED
    client.logout()

    # An anonymous visitor finds the route from the listing and follows it.
    listing = client.get("/en/venues/").content.decode()
    assert '<a href="/en/routes/three-landmarks/" lang="en">Three landmarks</a>' in listing
    for code in CODES:
        response = client.get(f"/{code}/routes/three-landmarks/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert "preview-banner" not in html
        title = "三处名胜" if code == "zh-hans" else "Three landmarks"
        assert f">{title}</h1>" in html, code
        listed = re.search(r'<ol class="route-stops">(.*?)</ol>', html, re.DOTALL).group(1)
        assert re.findall(rf'<a href="/{code}/venues/([\w-]+)/"', listed) == [
            "prince-gong",
            "baitasi",
            "niujie",
        ], code
        svg = re.search(r"<svg class=\"local-map__svg\".*?</svg>", html, re.DOTALL).group(0)
        drawn = re.findall(
            rf'<a class="local-map__marker" href="/{code}/venues/([\w-]+)/">.*?'
            r'<text class="local-map__number"[^>]*>(\d)</text>',
            svg,
            re.DOTALL,
        )
        assert drawn == [("prince-gong", "1"), ("baitasi", "2"), ("niujie", "3")], code
        assert 'class="local-map__path"' in svg
        itinerary = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
        )["itinerary"]
        assert [item["position"] for item in itinerary["itemListElement"]] == [1, 2, 3]
    assert "Start at the west gate." in client.get("/en/routes/three-landmarks/").content.decode()
