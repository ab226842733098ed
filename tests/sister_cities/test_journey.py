"""Issue #3, "done when": an editor adds and publishes a partner; visitors find it everywhere."""

import re

import pytest
from django.conf import settings

from apps.core.models import PublishingStatus
from apps.sister_cities import geo
from apps.sister_cities.models import SisterCity
from tests.languages import CODES, FIELD_SUFFIXES

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/sister_cities/sistercity/"


def management_forms(html: str) -> dict:
    """The hidden management-form fields of every inline, as the add form renders them."""
    return dict(
        re.findall(
            r'<input type="hidden" name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
            r' value="(\d+)"',
            html,
        )
    )


def test_editor_adds_and_publishes_a_partner_that_visitors_then_find(client, content_editor):
    # The editor logs in through the admin's own login page.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long test password", "next": "/admin/"},
    )
    assert response.status_code == 302
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    form = client.get(CHANGELIST + "add/").content.decode()
    inline_forms = management_forms(form)
    assert {"agreements-TOTAL_FORMS", "gallery-TOTAL_FORMS"} <= set(inline_forms)
    data = {
        **inline_forms,
        "name_zh_hans": "安特卫普",
        "name_en": "Antwerp",
        "native_name": "Antwerpen",
        "slug": "antwerp",
        "country": "BE",
        "kind": SisterCity.Kind.FRIENDSHIP_CITY,
        "established_on": "2004-05-17",
        "relationship_status": SisterCity.RelationshipStatus.ACTIVE,
        "status": PublishingStatus.DRAFT,
        "latitude": "51.21990",
        "longitude": "4.40250",
        "summary_zh_hans": "斯海尔德河畔的港口城市。",
        "summary_en": "A port city on the Scheldt.",
        "publish_at_0": "",
        "publish_at_1": "",
    }
    response = client.post(CHANGELIST + "add/", data)
    assert response.status_code == 302, re.findall(
        r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.DOTALL
    )
    city = SisterCity.objects.get(slug="antwerp")
    assert (city.name_zh_hans, city.name_en, city.status) == ("安特卫普", "Antwerp", "draft")

    # Not public until published.
    client.logout()
    assert client.get("/en/sister-cities/antwerp/").status_code == 404
    assert "/antwerp/" not in client.get("/en/sister-cities/").content.decode()

    client.login(username="editor", password="a long test password")
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [city.pk]})
    city.refresh_from_db()
    assert city.status == PublishingStatus.PUBLISHED
    client.logout()

    # An anonymous visitor: the directory, the map and the partner page.
    directory = client.get("/en/sister-cities/").content.decode()
    assert "1 partner in 1 country on 1 continent" in directory
    assert '<a href="/en/sister-cities/antwerp/" lang="en">Antwerp</a>' in directory
    svg = re.search(r"<svg class=\"world-map__svg\".*?</svg>", directory, re.DOTALL).group(0)
    x, y = geo.project(city.latitude, city.longitude)
    assert f'<circle cx="{x:.1f}" cy="{y:.1f}"' in svg
    assert "/en/sister-cities/antwerp/" in svg
    assert "安特卫普" in client.get("/zh-hans/sister-cities/").content.decode()

    for code, lang in zip(CODES, FIELD_SUFFIXES, strict=True):
        response = client.get(f"/{code}/sister-cities/antwerp/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        expected = "安特卫普" if lang == "zh_hans" else "Antwerp"
        assert f">{expected}</h1>" in html
        # Only Chinese and English were written: the other languages say they fall back.
        assert ('class="fallback-notice"' in html) == (code not in ("zh-hans", "en")), code
