"""The venue and route admin: columns, search in every language, tabs, the stops inline and
its venue autocomplete, actions, permissions."""

import json
import re

import pytest
from django.conf import settings

from apps.core.models import PublishingStatus
from apps.venues.models import Route, RouteStop, Venue
from tests.languages import FIELD_SUFFIXES

from .factories import RouteFactory, RouteStopFactory, VenueFactory

pytestmark = pytest.mark.django_db
VENUES = "/admin/venues/venue/"
ROUTES = "/admin/venues/route/"
AUTOCOMPLETE = "/admin/autocomplete/"


@pytest.fixture(autouse=True)
def _admin_in_english(client, admin_client):
    for each in (client, admin_client):
        each.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def tbody(html: str) -> str:
    return re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)


def errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.DOTALL)


def venue_form_data(venue: Venue, **changes) -> dict:
    """What the venue change form posts back for `venue` unchanged, with `changes` applied."""
    data = {
        "slug": venue.slug,
        "kind": venue.kind,
        "categories": [c.pk for c in venue.categories.all()],
        "facilities": [f.pk for f in venue.facilities.all()],
        "languages": [lang.pk for lang in venue.languages.all()],
        "booking_lead_days": venue.booking_lead_days or "",
        "latitude": "" if venue.latitude is None else str(venue.latitude),
        "longitude": "" if venue.longitude is None else str(venue.longitude),
        "capacity": venue.capacity or "",
        "phone": venue.phone,
        "email": venue.email,
        "website": venue.website,
        "status": venue.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    if venue.open_to_delegations:
        data["open_to_delegations"] = "on"
    for lang in FIELD_SUFFIXES:
        for field in (
            "name",
            "address",
            "opening_hours",
            "accessibility",
            "visit_information",
            "summary",
            "body",
            "hero_image_alt",
            "sample_note",
        ):
            data[f"{field}_{lang}"] = getattr(venue, f"{field}_{lang}") or ""
    data.update(changes)
    return data


# The venue list


def test_venue_changelist_columns(admin_client):
    VenueFactory(
        name_zh_hans="首都博物馆",
        name_en="Capital Museum",
        kind="museum",
        capacity=1200,
        categories=["culture-tourism", "education"],
    )
    html = admin_client.get(VENUES).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "name",
        "kind",
        "category_list",
        "capacity",
        "open_to_delegations",
        "status",
        "translation_completeness",
    ]
    row = tbody(html)
    assert ">Capital Museum</a>" in row
    assert '<td class="field-kind">Museum</td>' in row
    assert '<td class="field-category_list">Culture and tourism, Education</td>' in row
    assert '<td class="field-capacity">1200</td>' in row
    assert '<td class="field-status">Published</td>' in row
    # Name and address, each in 2 of all languages.
    percent = round(100 * 2 / len(FIELD_SUFFIXES))
    assert f'<td class="field-translation_completeness">{percent}%</td>' in row


def test_venue_changelist_in_chinese_names_categories_in_chinese(admin_client):
    VenueFactory(name_zh_hans="首都博物馆", name_en="Capital Museum", categories=["business"])
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    row = tbody(admin_client.get(VENUES).content.decode())
    assert ">首都博物馆</a>" in row
    assert '<td class="field-category_list">商务</td>' in row


@pytest.mark.parametrize("query", ["首都博物館", "Capital Museum", "capital", "首都博物馆"])
def test_search_finds_a_venue_by_its_name_in_any_language(admin_client, query):
    VenueFactory(
        slug="capital-museum",
        name_zh_hans="首都博物馆",
        name_en="Capital Museum",
        name_ja="首都博物館",
    )
    VenueFactory(slug="niujie", name_zh_hans="牛街礼拜寺", name_en="Niujie Mosque")
    html = admin_client.get(VENUES, {"q": query}).content.decode()
    assert "1 result" in html
    row = tbody(html)
    assert "Capital Museum" in row
    assert "Niujie" not in row


def test_search_by_japanese_name_while_working_in_chinese(admin_client):
    VenueFactory(name_zh_hans="首都博物馆", name_en="Capital Museum", name_ja="首都博物館")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = admin_client.get(VENUES, {"q": "博物館"}).content.decode()
    assert "首都博物馆" in tbody(html)


def test_list_filters_by_kind_and_category(admin_client):
    VenueFactory(name_en="A museum", kind="museum", categories=["education"])
    VenueFactory(name_en="A theatre", kind="theatre")
    rows = tbody(admin_client.get(VENUES, {"kind__exact": "theatre"}).content.decode())
    assert "A theatre" in rows and "A museum" not in rows
    education = Venue.objects.get(kind="museum").categories.get()
    rows = tbody(admin_client.get(VENUES, {"categories__id__exact": education.pk}).content.decode())
    assert "A museum" in rows and "A theatre" not in rows


# The forms


def test_venue_add_form_has_a_tab_input_for_every_language(admin_client):
    html = admin_client.get(VENUES + "add/").content.decode()
    for lang in FIELD_SUFFIXES:
        for field in ("name", "address", "opening_hours", "accessibility", "visit_information"):
            assert f'name="{field}_{lang}"' in html
    assert 'name="name"' not in html  # never the original column
    assert 'name="gallery-__prefix__-alt_ja"' in html
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_content_editor_changes_a_venue(editor_client):
    venue = VenueFactory(name_en="Capital Museum", facilities=["wifi"])
    url = f"{VENUES}{venue.pk}/change/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, venue_form_data(venue, name_ja="首都博物館", opening_hours_fr="9 h – 17 h")
    )
    assert response.status_code == 302, errors(response)
    venue.refresh_from_db()
    assert venue.name_ja == "首都博物館"
    assert venue.opening_hours_fr == "9 h – 17 h"
    assert [f.code for f in venue.facilities.all()] == ["wifi"]


def test_admin_form_refuses_one_coordinate(editor_client):
    venue = VenueFactory(off_map=True)
    response = editor_client.post(
        f"{VENUES}{venue.pk}/change/", venue_form_data(venue, latitude="39.9")
    )
    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.content.decode()
    venue.refresh_from_db()
    assert venue.latitude is None


def test_route_change_form_has_the_stops_inline_in_order(admin_client):
    route = RouteFactory()
    RouteStopFactory(route=route, venue=VenueFactory(name_en="Second stop"), position=2)
    RouteStopFactory(route=route, venue=VenueFactory(name_en="First stop"), position=1)
    html = admin_client.get(f"{ROUTES}{route.pk}/change/").content.decode()
    assert 'name="stops-TOTAL_FORMS" value="3"' in html  # two stops and an empty one
    for field in ("position", "venue", "suggested_minutes", "note_zh_hans", "note_ar"):
        assert f'name="stops-0-{field}"' in html
        assert f'name="stops-__prefix__-{field}"' in html
    # The venue is chosen with the autocomplete, which shows the chosen venue's name.
    select = re.search(r'<select name="stops-0-venue".*?</select>', html, re.DOTALL).group(0)
    assert 'class="admin-autocomplete' in select
    assert 'data-ajax--url="/admin/autocomplete/"' in select
    assert 'data-model-name="routestop"' in select and 'data-field-name="venue"' in select
    assert "selected>First stop</option>" in select
    for name, field in [("title", "title"), ("theme", "theme")]:
        for lang in FIELD_SUFFIXES:
            assert f'name="{field}_{lang}"' in html, name


def test_venue_autocomplete_for_a_content_editor(editor_client):
    VenueFactory(slug="capital-museum", name_zh_hans="首都博物馆", name_en="Capital Museum")
    VenueFactory(slug="niujie", name_zh_hans="牛街礼拜寺", name_en="Niujie Mosque")
    venue = Venue.objects.get(slug="capital-museum")
    for term in ("Capital", "首都", "capital-museum"):
        response = editor_client.get(
            AUTOCOMPLETE,
            {"app_label": "venues", "model_name": "routestop", "field_name": "venue", "term": term},
        )
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["results"] == [{"id": str(venue.pk), "text": "Capital Museum"}], term


def test_venue_autocomplete_is_for_staff_with_permission(client, service_desk_officer):
    VenueFactory(name_en="Capital Museum")
    query = {"app_label": "venues", "model_name": "routestop", "field_name": "venue", "term": "C"}
    assert client.get(AUTOCOMPLETE, query).status_code == 302
    client.force_login(service_desk_officer)
    assert client.get(AUTOCOMPLETE, query).status_code == 403


def test_route_changelist_counts_stops(admin_client):
    route = RouteFactory(title_en="The museum route")
    for position in range(3):
        RouteStopFactory(route=route, position=position)
    RouteFactory(title_en="Empty route")
    html = tbody(admin_client.get(ROUTES).content.decode())
    assert re.search(r"The museum route</a></th>.*?<td class=\"field-stop_count\">3</td>", html)
    assert re.search(r"Empty route</a></th>.*?<td class=\"field-stop_count\">0</td>", html)


# Actions


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("publish", {"draft": True}, PublishingStatus.PUBLISHED),
        ("unpublish", {}, PublishingStatus.DRAFT),
        ("archive", {}, PublishingStatus.ARCHIVED),
    ],
)
def test_venue_publishing_actions(admin_client, action, start, end):
    chosen = [VenueFactory(**start), VenueFactory(**start)]
    untouched = VenueFactory(**start)
    response = admin_client.post(
        VENUES, {"action": action, "_selected_action": [v.pk for v in chosen]}, follow=True
    )
    assert response.status_code == 200
    assert "2 venues" in response.content.decode()
    for venue in chosen:
        venue.refresh_from_db()
        assert venue.status == end
    before = untouched.status
    untouched.refresh_from_db()
    assert untouched.status == before


def test_content_editor_publishes_a_venue_and_a_route(editor_client, client):
    venue = VenueFactory(draft=True)
    route = RouteFactory(draft=True)
    RouteStopFactory(route=route, venue=venue)
    editor_client.post(VENUES, {"action": "publish", "_selected_action": [venue.pk]})
    editor_client.post(ROUTES, {"action": "publish", "_selected_action": [route.pk]})
    venue.refresh_from_db()
    route.refresh_from_db()
    assert venue.status == route.status == PublishingStatus.PUBLISHED
    assert Venue.objects.published().filter(pk=venue.pk).exists()
    assert Route.objects.published().filter(pk=route.pk).exists()
    editor_client.logout()
    assert editor_client.get(route.get_absolute_url()).status_code == 200


# Permissions


@pytest.mark.parametrize("admin_path", [VENUES, ROUTES, "/admin/venues/facility/"])
def test_service_desk_officer_cannot_see_or_change_venues(client, service_desk_officer, admin_path):
    venue = VenueFactory()
    route = RouteFactory()
    client.force_login(service_desk_officer)
    assert client.get(admin_path).status_code == 403
    assert client.get(f"{admin_path}add/").status_code == 403
    assert client.get(f"{VENUES}{venue.pk}/change/").status_code == 403
    assert client.get(f"{ROUTES}{route.pk}/change/").status_code == 403
    response = client.post(VENUES, {"action": "publish", "_selected_action": [venue.pk]})
    assert response.status_code == 403
    assert "/admin/venues/" not in client.get("/admin/").content.decode()


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(VENUES)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_lookups_are_editable_by_content_editors(editor_client):
    html = editor_client.get("/admin/venues/facility/").content.decode()
    assert "Step-free access" in html
    html = editor_client.get("/admin/venues/servicelanguage/", {"q": "日本語"}).content.decode()
    assert "1 result" in html


def test_a_venue_on_a_route_cannot_be_deleted_away_from_it(admin_client):
    stop = RouteStopFactory()
    response = admin_client.post(f"{VENUES}{stop.venue.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the page explains what protects it
    assert Venue.objects.filter(pk=stop.venue.pk).exists()
    assert RouteStop.objects.filter(pk=stop.pk).exists()
