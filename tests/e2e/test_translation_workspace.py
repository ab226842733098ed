"""A translator's round trip in a browser (issue 17, "done when"): an editor in the
Arabic admin exports the missing Arabic texts, a translator fills a copy of the file,
the editor imports it, checks the preview and confirms, and the Arabic partner page
shows the texts with no fallback notice. The workspace fits 1,366 px in RTL."""

import re
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import expect

from apps.core.services import STAFF_GROUP_CONTENT_EDITOR
from apps.translation_workspace.xliff import NS
from tests.e2e.page_checks import axe_violations, language_attributes, sideways_scroll
from tests.e2e.screenshots import save_screenshot, screenshots_wanted
from tests.sister_cities.factories import SisterCityFactory

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"
LAPTOP = {"width": 1366, "height": 768}
X = f"{{{NS}}}"


@pytest.fixture
def editor(transactional_db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="editor.wang", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_CONTENT_EDITOR))
    return user


def _log_in_arabic(new_page, live_server, user):
    page = new_page(viewport=LAPTOP)
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The admin reads its language from the cookie the language chooser sets.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    return page


def _checked(page, language="ar", direction="rtl"):
    problems = [*language_attributes(page, language, direction), *sideways_scroll(page)]
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_a_translators_round_trip(
    new_page, live_server, editor, tmp_path, console_errors, external_requests
):
    city = SisterCityFactory(
        name_zh_hans="首尔",
        name_en="Seoul",
        summary_zh_hans="两市于1990年结为友好城市。",
        summary_en="The two cities became partners in 1990.",
    )
    page = _log_in_arabic(new_page, live_server, editor)

    page.goto("/admin/translation_workspace/translationstate/ar/")
    expect(
        page.locator(f'[data-unit="sister_cities.sistercity.{city.pk}.name"]')
    ).to_have_attribute("data-status", "missing")
    _checked(page)
    if screenshots_wanted():
        save_screenshot(page, "admin-translation-workspace", "ar", "desktop")

    # "In the form" opens the change form at the Arabic tab of that field.
    page.locator(f'[data-unit="sister_cities.sistercity.{city.pk}.name"] .translation-links a').nth(
        1
    ).click()
    expect(page.locator("#id_name_ar")).to_be_visible()
    expect(page.locator("#id_name_ar")).to_be_focused()

    # Side by side: the Chinese source beside the Arabic field, within the screen.
    page.goto(
        f"/admin/translation_workspace/translationstate/ar/sister_cities.sistercity/{city.pk}/"
    )
    expect(page.locator("#translate-name [lang=zh-hans]")).to_have_text("首尔")
    expect(page.locator("#id_name_ar")).to_have_attribute("dir", "rtl")
    _checked(page)
    if screenshots_wanted():
        save_screenshot(page, "admin-translation-side-by-side", "ar", "desktop")

    # Export, as the translator receives it.
    page.goto("/admin/translation_workspace/translationstate/ar/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("XLIFF")).first.click()
    exported = tmp_path / "ar.xlf"
    download_info.value.save_as(exported)

    # The translator fills a copy of the file.
    tree = ET.parse(exported)  # noqa: S314 (the file the test just exported)
    arabic = {
        f"sister_cities.sistercity.{city.pk}.name": "سيول",
        f"sister_cities.sistercity.{city.pk}.summary": "أصبحت المدينتان شريكتين في عام 1990.",
    }
    for unit in tree.iter(f"{X}trans-unit"):
        if unit.get("id") in arabic:
            unit.find(f"{X}target").text = arabic[unit.get("id")]
    filled = tmp_path / "ar-translated.xlf"
    tree.write(filled, encoding="utf-8", xml_declaration=True)

    page.goto("/admin/translation_workspace/translationstate/ar/import/")
    page.set_input_files("#id_file", str(filled))
    page.locator("form [type=submit]").last.click()
    changes = page.locator("#import-changes")
    expect(changes.locator("ins")).to_have_text(list(arabic.values()))
    _checked(page)
    if screenshots_wanted():
        save_screenshot(page, "admin-translation-import-preview", "ar", "desktop")
    page.locator("[name=confirm]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(f'[data-unit="sister_cities.sistercity.{city.pk}.name"]')).to_have_count(0)

    # The visitor's Arabic page: the translation, no notice of another language.
    visitor = new_page(viewport=LAPTOP)
    visitor.goto(f"/ar/sister-cities/{city.slug}/")
    expect(visitor.locator("h1")).to_contain_text("سيول")
    expect(visitor.get_by_text("أصبحت المدينتان شريكتين")).to_be_visible()
    expect(visitor.locator(".fallback-notice")).to_have_count(0)
    assert not console_errors
    assert not external_requests
