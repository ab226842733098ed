"""The admin in a browser: language tabs by name, an error in a hidden tab marked, and
the request list and a partner's change form within a 1,366 px screen (issue #17)."""

import re

import pytest
from playwright.sync_api import expect

from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK
from apps.service_packages import demo
from apps.service_packages.models import ServicePackage
from tests.service_packages.factories import submit
from tests.sister_cities.factories import GalleryImageFactory, SisterCityFactory, jpeg_bytes

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"
LAPTOP = {"width": 1366, "height": 768}
TAB_NAMES = ["简体中文", "English", "日本語", "Русский", "Français", "Español", "العربيّة"]


def _staff(django_user_model, username, group):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def _log_in(new_page, user, language="en"):
    page = new_page(viewport=LAPTOP)
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    if language != "en":
        page.locator(f'form.admin-language button[value="{language}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", language)
    return page


def _sideways_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def editor(transactional_db, django_user_model):
    return _staff(django_user_model, "editor.li", STAFF_GROUP_CONTENT_EDITOR)


@pytest.fixture
def city(transactional_db):
    city = SisterCityFactory()
    GalleryImageFactory(city=city)
    return city


def test_tabs_show_language_names_and_a_hidden_error_is_marked(
    new_page, editor, city, console_errors, external_requests, tmp_path
):
    # In the English admin the English tabs open first: the error is in a hidden one.
    page = _log_in(new_page, editor, "en")
    page.goto(f"/admin/sister_cities/sistercity/{city.pk}/change/")
    name_tabs = page.locator(".ui-tabs:has(#id_name_zh_hans) > .ui-tabs-nav > li > a")
    expect(name_tabs).to_have_text(TAB_NAMES)
    # As written, not in capitals (modeltranslation's stylesheet capitalises codes).
    assert name_tabs.nth(3).evaluate("a => a.innerText") == "Русский"
    expect(page.locator("#modeltranslation-main-switch option")).to_have_text(TAB_NAMES)
    assert _sideways_overflow(page) <= 0

    # A new gallery picture with an English text only: the Chinese one is required.
    picture = tmp_path / "bridge.jpg"
    picture.write_bytes(jpeg_bytes())
    page.locator("#gallery-group .add-row a").click()
    row = page.locator("#gallery-group tr.form-row.dynamic-gallery").last
    row.locator("input[type=file]").set_input_files(str(picture))
    row.locator(".ui-tabs-nav a", has_text="English").first.click()
    row.locator("input[name$='-alt_en']").fill("The old bridge")
    page.locator("input[name=_continue]").click()

    expect(page.locator(".errornote")).to_be_visible()
    summary = page.locator(".admin-error-summary")
    expect(summary).to_contain_text("gallery picture #2: ")
    expect(summary).to_contain_text("(简体中文): This field is required.")
    bad_row = page.locator("#gallery-group tr.form-row").filter(has=page.locator("ul.errorlist"))
    expect(bad_row).to_have_count(1)
    error_tab = bad_row.locator("li.admin-tab-has-errors")
    expect(error_tab).to_have_count(1)
    expect(error_tab).to_contain_text("简体中文⚠")
    expect(error_tab.locator(".visually-hidden")).to_have_text(" (has errors)")
    expect(error_tab).to_have_class(re.compile(r"\bui-tabs-active\b"))
    expect(bad_row.locator("ul.errorlist")).to_be_visible()
    assert _sideways_overflow(page) <= 0
    assert not console_errors
    assert not external_requests


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_request_list_fits_a_1366_px_screen(
    new_page, transactional_db, django_user_model, language
):
    officer = _staff(django_user_model, "desk.wang", STAFF_GROUP_SERVICE_DESK)
    demo.load()
    package = ServicePackage.objects.get(slug="going-abroad")
    for _ in range(3):
        submit(package, enterprise_name="北京西城国际文化交流与经贸合作发展有限责任公司")
    page = _log_in(new_page, officer, language)
    page.goto("/admin/service_packages/servicerequest/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert _sideways_overflow(page) <= 0
    # The admin scrolls a list that is too wide inside its own box: that counts too.
    assert (
        page.evaluate(
            "(box => box.scrollWidth - box.clientWidth)(document.querySelector('.results'))"
        )
        <= 0
    )
