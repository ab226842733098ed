"""The living design system: every component in every language, for staff only."""

import re
from collections import Counter

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_visitors_are_sent_to_the_staff_login(client):
    response = client.get("/en/design/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_see_every_component_in_every_language(admin_client):
    response = admin_client.get("/en/design/")
    assert response.status_code == 200
    html = response.content.decode()
    for code, _name in settings.LANGUAGES:
        direction = "rtl" if code == "ar" else "ltr"
        assert f'<section class="specimen-language" lang="{code}" dir="{direction}"' in html
    for component in (
        "breadcrumbs",
        "page-header",
        "button--secondary",
        "chip",
        "card__title",
        "notice--error",
        "facts",
        "timeline",
        "filter-panel",
        "error-summary",
        "form-field--error",
        "key-figures",
    ):
        assert component in html, component
    # The sample form's errors are in each language.
    assert "Введите правильный адрес электронной почты." in html
    assert 'content="noindex"' in html


def test_no_id_is_used_twice(admin_client):
    html = admin_client.get("/ar/design/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
