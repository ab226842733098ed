"""Slugs from titles: Latin as it is, Chinese in pinyin, unique among their rows; staff
may leave the slug empty in the admin (issue #17)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from apps.core.slugs import slug_from_text, slug_unique
from apps.sister_cities.models import SisterCity
from tests.sister_cities.factories import SisterCityFactory
from tests.sister_cities.test_admin import change_form_data


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Pékin Forum", "pekin-forum"),
        ("西城国际文化节", "xi-cheng-guo-ji-wen-hua-jie"),
        ("莫斯科·中国文化周 2027", "mo-si-ke-zhong-guo-wen-hua-zhou-2027"),
        ("Xicheng 芭蕾 Gala", "xicheng-ba-lei-gala"),
        ("ナカノ", ""),
        ("", ""),
    ],
)
def test_slug_from_text(text, slug):
    assert slug_from_text(text) == slug


def test_a_long_title_fits_the_field():
    assert len(slug_from_text("北京" * 100, max_length=80)) <= 80


@pytest.mark.django_db
def test_slug_unique_adds_a_number_only_when_taken():
    SisterCityFactory(slug="mo-si-ke")
    SisterCityFactory(slug="mo-si-ke-2")
    assert slug_unique(SisterCity, "mo-si-ke") == "mo-si-ke-3"
    assert slug_unique(SisterCity, "nakano") == "nakano"


@pytest.mark.django_db
def test_a_partner_named_only_in_chinese_gets_a_pinyin_slug(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    template = SisterCityFactory(slug="template")
    SisterCityFactory(slug="mo-si-ke")
    data = change_form_data(template, slug="")
    data.update({key: "" for key in data if key.startswith("name_")})
    data["name_zh_hans"] = "莫斯科"
    response = editor_client.post("/admin/sister_cities/sistercity/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SisterCity.objects.filter(name_zh_hans="莫斯科").get().slug == "mo-si-ke-2"


@pytest.mark.django_db
def test_the_english_name_comes_first_and_a_written_slug_is_kept(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    template = SisterCityFactory(slug="template")
    data = change_form_data(template, slug="", name_en="Moscow", name_zh_hans="莫斯科")
    assert editor_client.post("/admin/sister_cities/sistercity/add/", data).status_code == 302
    assert SisterCity.objects.filter(slug="moscow").exists()
    data = change_form_data(template, slug="my-moscow", name_en="Moscow", name_zh_hans="莫斯科")
    assert editor_client.post("/admin/sister_cities/sistercity/add/", data).status_code == 302
    assert SisterCity.objects.filter(slug="my-moscow").exists()


@pytest.mark.django_db
def test_no_slug_can_be_made_from_kana_alone_so_the_form_asks_for_one(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    template = SisterCityFactory(slug="template")
    data = change_form_data(template, slug="")
    data.update({key: "" for key in data if key.startswith("name_")})
    data["name_zh_hans"] = "ナカノ"
    response = editor_client.post("/admin/sister_cities/sistercity/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Write a slug: the title has no letters or Chinese characters to make one from."
    ]


def test_a_worker_that_makes_no_slug_never_loads_the_pinyin_dictionary():
    """pypinyin's phrase dictionary costs a process ~57 MB (make bench's workers went from
    111 to 176 MB when the admin imported it): only making a slug may load it."""
    script = (
        "import sys, django; django.setup()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns  # every app's URLs and admin modules\n"
        "print('pypinyin' in sys.modules)\n"
        "from apps.core.slugs import slug_from_text\n"
        "slug_from_text('长安街')\n"
        "print('pypinyin' in sys.modules)\n"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.test"},
    )
    assert result.stdout.split() == ["False", "True"]
