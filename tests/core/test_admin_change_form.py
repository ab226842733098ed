"""Every admin change form: language names for the tabs, and errors listed with field
and language (a gallery picture without its Chinese text, issue #17)."""

import html
import json
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.sister_cities.factories import SisterCityFactory, jpeg_bytes
from tests.sister_cities.test_admin import change_form_data

pytestmark = pytest.mark.django_db


def _tab_data(response) -> dict:
    match = re.search(
        r'<script id="admin-language-tabs" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    assert match, "the change form carries the tab names"
    return json.loads(match.group(1))


def _error_summary(response) -> list[str]:
    block = re.search(
        r'<ul class="errorlist admin-error-summary"[^>]*>(.*?)</ul>',
        response.content.decode(),
        re.S,
    )
    assert block, "the errors are listed at the top"
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", block.group(1))]


def test_tabs_get_each_language_in_its_own_name(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = editor_client.get("/admin/sister_cities/sistercity/add/")
    assert response.status_code == 200
    assert _tab_data(response)["names"] == {
        "zh_hans": "简体中文",
        "en": "English",
        "ja": "日本語",
        "ru": "Русский",
        "fr": "Français",
        "es": "Español",
        "ar": "العربيّة",
    }
    assert 'src="/static/js/admin-language-tabs.js"' in response.content.decode()


def test_gallery_picture_without_chinese_text_is_listed_with_field_and_language(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    city = SisterCityFactory()
    picture = SimpleUploadedFile("bridge.jpg", jpeg_bytes(), content_type="image/jpeg")
    data = change_form_data(
        city,
        **{
            "gallery-TOTAL_FORMS": "1",
            "gallery-0-image": picture,
            "gallery-0-alt_en": "The old bridge",
            "gallery-0-position": "0",
        },
    )
    response = editor_client.post(f"/admin/sister_cities/sistercity/{city.pk}/change/", data)
    assert response.status_code == 200
    lines = _error_summary(response)
    assert any(
        line.startswith("gallery picture #1: ") and "(简体中文): This field is required." in line
        for line in lines
    ), lines


def test_main_form_error_names_the_field_and_language(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    city = SisterCityFactory()
    response = editor_client.post(
        f"/admin/sister_cities/sistercity/{city.pk}/change/",
        change_form_data(city, name_zh_hans=""),
    )
    assert response.status_code == 200
    assert "name (简体中文): This field is required." in _error_summary(response)


def test_no_summary_without_errors(editor_client):
    response = editor_client.get("/admin/sister_cities/sistercity/add/")
    assert "admin-error-summary" not in response.content.decode()


def _files_to_choose_again(response) -> list[str]:
    block = re.search(
        r'<div class="admin-files-again"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    return (
        [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", block.group(1))]
        if block
        else []
    )


def test_a_chosen_picture_lost_to_an_error_is_named_to_be_chosen_again(editor_client):
    """A browser never refills a file input, so the form says which file to choose again
    and the row's preview says it is not saved (not "(file missing)")."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    city = SisterCityFactory()
    picture = SimpleUploadedFile("bridge.jpg", jpeg_bytes(), content_type="image/jpeg")
    data = change_form_data(
        city,
        **{
            "gallery-TOTAL_FORMS": "1",
            "gallery-0-image": picture,
            "gallery-0-alt_en": "The old bridge",
            "gallery-0-position": "0",
        },
    )
    response = editor_client.post(f"/admin/sister_cities/sistercity/{city.pk}/change/", data)
    assert response.status_code == 200
    assert _files_to_choose_again(response) == ["gallery picture #1: Picture: bridge.jpg"]
    page = response.content.decode()
    assert "Choose these files again before saving" in page
    assert "Not saved: choose the file again" in page
    assert "(file missing)" not in page
    assert not city.gallery.exists()


def test_no_file_notice_when_no_file_was_chosen(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    city = SisterCityFactory()
    response = editor_client.post(
        f"/admin/sister_cities/sistercity/{city.pk}/change/",
        change_form_data(city, name_zh_hans=""),
    )
    assert response.status_code == 200
    assert "admin-files-again" not in response.content.decode()


@pytest.mark.parametrize(("count", "text"), [(1, "1 entry"), (3, "3 entries")])
def test_list_counts_read_as_entries_not_a_model_name(editor_client, count, text):
    """Django writes "<n> <verbose name>", which gave "5 audit log" (issue #17)."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    SisterCityFactory.create_batch(count)
    page = editor_client.get("/admin/sister_cities/sistercity/").content.decode()
    paginator = re.search(r'<p class="paginator">(.*?)</p>', page, re.S).group(1)
    assert text in " ".join(paginator.split())
