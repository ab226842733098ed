"""A desk officer chooses her notifications in the admin, in Chinese, from her user menu
(issue #17, item 3): the page works with the keyboard and passes axe."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from apps.core.models import StaffNotificationPreference
from apps.core.services import STAFF_GROUP_SERVICE_DESK
from apps.service_packages.desk_notices import NEW_REQUEST, OVERDUE, REPLY
from tests.e2e.screenshots import save_screenshot, screenshots_wanted

from .page_checks import axe_violations, sideways_scroll

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"


@pytest.fixture
def officer(transactional_db, django_user_model):
    user = django_user_model.objects.create_user(
        username="desk.li", password=PASSWORD, email="li@example.org", is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_SERVICE_DESK))
    return user


def test_an_officer_chooses_a_digest_of_new_requests_in_chinese(new_page, officer):
    page = new_page(viewport={"width": 1366, "height": 768})
    page.goto("/admin/login/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.locator('form.admin-language button[value="zh-hans"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.locator('#user-tools a[href="/admin/notifications/"]').click()
    expect(page).to_have_url(re.compile(r"/admin/notifications/$"))
    assert axe_violations(page) == []
    assert sideways_scroll(page) == []
    # Keyboard only: the radio of "in a digest" for new requests, then save.
    page.locator(f'input[name="topic_{NEW_REQUEST}"][value="digest"]').check()
    page.select_option("#id_digest_minutes", "15")
    page.select_option("#id_language", "ar")
    page.locator('.submit-row [type="submit"]').press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/notifications/$"))
    expect(page.locator(".messagelist")).to_be_visible()
    preference = StaffNotificationPreference.objects.get(user=officer)
    assert preference.deliveries == {
        NEW_REQUEST: "digest",
        REPLY: "immediate",
        OVERDUE: "digest",
    }
    assert (preference.digest_minutes, preference.language) == (15, "ar")
    expect(page.locator(f'input[name="topic_{NEW_REQUEST}"][value="digest"]')).to_be_checked()
    if screenshots_wanted():
        save_screenshot(page, "admin-notifications", "zh-hans", "desktop")
