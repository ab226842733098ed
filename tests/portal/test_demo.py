"""Demo content: the home page, created once and then left to staff."""

import pytest

from apps.portal import demo
from apps.portal.models import HomePage

pytestmark = pytest.mark.django_db


def test_the_home_page_is_created_in_seven_languages_once():
    assert demo.load() == "created 1, kept 0 existing home page"
    assert demo.load() == "created 0, kept 1 existing home page"
    page = HomePage.objects.get()
    assert page.title_ar == "بوابة التبادل الدولي لحي شيتشنغ"
    assert page.intro_ja.startswith("西城区は")
    assert not page.is_sample


def test_loading_again_keeps_the_home_page_staff_wrote():
    demo.load()
    page = HomePage.objects.get()
    page.title_en = "Welcome to Xicheng"
    page.intro_ru = ""
    page.full_clean()
    page.save()

    demo.load()

    page.refresh_from_db()
    assert (page.title_en, page.intro_ru) == ("Welcome to Xicheng", "")
    assert HomePage.objects.count() == 1


def test_a_deleted_home_page_is_created_again():
    demo.load()
    HomePage.objects.all().delete()
    demo.load()
    assert HomePage.objects.get().title_en == "Xicheng International Exchange Portal"
