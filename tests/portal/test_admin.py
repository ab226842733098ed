"""The staff admin: branded, in Chinese and English, tabs with no external host."""

import re

import pytest
from django.conf import settings

from tests.languages import FIELD_SUFFIXES

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_zh(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return admin_client


def test_admin_is_branded_in_chinese_and_english(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = admin_client.get("/admin/").content.decode()
    assert "Xicheng International Exchange Portal" in html
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = admin_client.get("/admin/").content.decode()
    assert "西城区国际交往门户" in html
    assert '<html lang="zh-hans"' in html


def test_admin_language_buttons_switch_and_stay_on_the_page(admin_client):
    response = admin_client.post(
        "/i18n/setlang/", {"language": "en", "next": "/admin/portal/homepage/"}
    )
    assert response["Location"] == "/admin/portal/homepage/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_translation_tabs_load_jquery_ui_from_static(admin_client, home_page):
    html = admin_client.get(f"/admin/portal/homepage/{home_page.pk}/change/").content.decode()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts), scripts
    assert any("tabbed_translation_fields.js" in src for src in scripts)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url
    # One input per language for each translated field.
    for lang in FIELD_SUFFIXES:
        assert f'name="title_{lang}"' in html


def test_translation_report_names_missing_languages(admin_client):
    from apps.portal.models import HomePage

    page = HomePage.objects.create(title_zh_hans="标题", title_en="Title")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = admin_client.get(f"/admin/portal/homepage/{page.pk}/change/").content.decode()
    assert "Japanese" in html and "Arabic" in html
    listing = admin_client.get("/admin/portal/homepage/").content.decode()
    assert f"{round(100 * 2 / len(FIELD_SUFFIXES))}%" in listing  # 2 of all languages


def test_only_one_home_page_can_be_added(admin_client, home_page):
    assert admin_client.get("/admin/portal/homepage/add/").status_code == 403


def test_admin_language_buttons_change_the_staff_language_of_emails(client, content_editor):
    from apps.core.services import staff_language, staff_language_remember

    staff_language_remember(user=content_editor, language="zh-hans")
    client.force_login(content_editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get("/admin/").content.decode()
    assert 'name="language" value="en"' in html and "csrfmiddlewaretoken" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response["Location"] == "/admin/"
    content_editor.refresh_from_db()
    assert staff_language(content_editor) == "en"


def test_admin_language_buttons_refuse_a_post_without_csrf_token(content_editor):
    from django.test import Client

    from apps.core.services import staff_language, staff_language_remember

    staff_language_remember(user=content_editor, language="zh-hans")
    client = Client(enforce_csrf_checks=True)
    client.force_login(content_editor)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 403
    assert staff_language(content_editor) == "zh-hans"


def test_a_get_of_the_language_switch_changes_no_preference(client, content_editor):
    from apps.core.services import staff_language, staff_language_remember

    staff_language_remember(user=content_editor, language="zh-hans")
    client.force_login(content_editor)
    client.get("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert staff_language(content_editor) == "zh-hans"
