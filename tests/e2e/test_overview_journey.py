"""Issue 17, done when: a desk officer, an editor and an administrator each log in (in
Chinese) and see their overview with correct figures on seeded data.

As in production, the desk officer and the administrator pass a second factor (an
authenticator app's code); the editor logs in with a password only.
"""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from apps.core.models import Heartbeat, PublishingStatus
from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_SITE_ADMIN,
    heartbeat_record,
)
from apps.service_packages.models import RequestNotification, ServiceRequest
from apps.sister_cities.models import SisterCity
from tests.e2e.page_checks import axe_violations, sideways_scroll
from tests.e2e.screenshots import save_screenshot, screenshots_wanted
from tests.events.factories import EventFactory, confirmed_registrations
from tests.service_packages.factories import going_abroad_package, submit

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"
Status = ServiceRequest.Status


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True


def _staff(django_user_model, username: str, group: str, *, second_factor: bool):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True, email=f"{username}@example.org"
    )
    user.groups.add(Group.objects.get(name=group))
    device = None
    if second_factor:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user, device


def _log_in(page, user, device) -> None:
    """The staff login as in production, then the admin in Chinese."""
    page.goto("/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    if device is not None:
        expect(page).to_have_url(re.compile(r"/admin/login/code/"))
        device.refresh_from_db()
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.fill("#id_code", f"{code:06d}")
        page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.locator('form.admin-language button[value="zh-hans"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def _figure(page, panel: str, label: str):
    return page.locator(f"#overview-{panel} .overview-figures li", has_text=zh(label)).locator(
        ".overview-number"
    )


def _check_page(page, name: str) -> None:
    assert axe_violations(page) == []
    assert sideways_scroll(page) == []
    if screenshots_wanted():
        save_screenshot(page, name, "zh-hans", "desktop")


def test_each_role_sees_its_overview_in_chinese(
    new_page, transactional_db, django_user_model, external_requests, console_errors
):
    desk_user, desk_device = _staff(
        django_user_model, "desk", STAFF_GROUP_SERVICE_DESK, second_factor=True
    )
    editor, _none = _staff(
        django_user_model, "editor", STAFF_GROUP_CONTENT_EDITOR, second_factor=False
    )
    admin, admin_device = _staff(
        django_user_model, "admin", STAFF_GROUP_SITE_ADMIN, second_factor=True
    )

    # Requests: 3 new (one of them the officer's), 1 overdue in review, 1 waiting for the
    # applicant; today's Beijing date decides what is overdue.
    now = timezone.now()
    today = timezone.localdate()
    package = going_abroad_package()
    rows = [submit(package) for _n in range(5)]
    updates = [
        {},
        {},
        {"officer": desk_user},
        {"status": Status.IN_REVIEW, "officer": desk_user, "due_on": today - timedelta(days=2)},
        {"status": Status.INFO_REQUESTED},
    ]
    for row, values in zip(rows, updates, strict=True):
        ServiceRequest.objects.filter(pk=row.pk).update(**values)
    # One email to an applicant failed.
    RequestNotification.objects.filter(request=rows[0]).update(
        state=RequestNotification.State.FAILED
    )
    # Events: 3 of 4 places taken in a week; one more after the 30 days.
    event = EventFactory(starts_at=now + timedelta(days=7), capacity=4, takes_registrations=True)
    confirmed_registrations(event, 3)
    EventFactory(starts_at=now + timedelta(days=45))
    # A partner whose 40th anniversary is within the 180 days; a draft partner.
    soon = today + timedelta(days=60)
    SisterCity.objects.create(
        name_zh_hans="中野区",
        name_en="Nakano",
        slug="nakano",
        country="JP",
        kind=SisterCity.Kind.SISTER_CITY,
        established_on=date(soon.year - 40, soon.month, min(soon.day, 28)),
        status=PublishingStatus.PUBLISHED,
    )
    SisterCity.objects.create(
        name_zh_hans="明斯克",
        name_en="Minsk",
        slug="minsk",
        country="BY",
        kind=SisterCity.Kind.SISTER_CITY,
        established_on=date(1992, 1, 1),
    )
    heartbeat_record(name=Heartbeat.BEAT, at=now - timedelta(minutes=3))

    # --- The desk officer: the desk's panel only.
    page = new_page(viewport={"width": 1366, "height": 900})
    _log_in(page, desk_user, desk_device)
    expect(page.locator("#overview h2")).to_have_text(zh("The overview"))
    expect(_figure(page, "desk", "New")).to_have_text("3")
    expect(_figure(page, "desk", "Unassigned")).to_have_text("3")
    expect(_figure(page, "desk", "Assigned to me")).to_have_text("2")
    expect(_figure(page, "desk", "Overdue")).to_have_text("1")
    expect(page.locator("#overview-editor")).to_have_count(0)
    expect(page.locator("#overview-admin")).to_have_count(0)
    chart = page.locator("#overview-desk svg[role=img]")
    expect(chart.locator("title").first).to_have_text(zh("Requests per week by status"))
    # This week's row of the table: the five requests.
    expect(page.locator("#desk-weeks tbody tr").last.locator("td").last).to_have_text("5")
    _check_page(page, "admin-overview-desk")
    # A figure opens the list of the same requests.
    page.locator("#overview-desk .overview-figures a", has_text=zh("Overdue")).click()
    expect(page).to_have_url(re.compile(r"\?overdue=yes$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    # --- The editor: events, anniversaries, content to review.
    page = new_page(viewport={"width": 1366, "height": 900})
    _log_in(page, editor, None)
    expect(page.locator("#overview-desk")).to_have_count(0)
    expect(page.locator("#overview-admin")).to_have_count(0)
    expect(_figure(page, "editor", "Events in the next 30 days")).to_have_text("1")
    expect(_figure(page, "editor", "Round anniversaries in the next 180 days")).to_have_text("1")
    row = page.locator("#editor-events tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(2)).to_have_text(zh("%(percent)s %%") % {"percent": 75})
    expect(page.locator("#editor-anniversaries tbody tr")).to_contain_text("中野区")
    partners = page.locator("#editor-review tbody tr", has_text=zh("sister cities"))
    expect(partners.locator("td").first).to_have_text("1")
    _check_page(page, "admin-overview-editor")

    # --- The administrator: every panel, and the emails and beat.
    page = new_page(viewport={"width": 1366, "height": 900})
    _log_in(page, admin, admin_device)
    expect(page.locator("#overview-desk")).to_have_count(1)
    expect(page.locator("#overview-editor")).to_have_count(1)
    applicants = page.locator("#admin-outboxes tbody tr", has_text=zh("emails to applicants"))
    expect(applicants.locator("td").first).to_have_text("1")
    # Beat ran 3 minutes ago and the broker answers: neither is marked for attention.
    health = page.locator("#overview-admin .overview-health > div")
    expect(page.locator("#admin-beat")).to_contain_text(re.compile(r"3\s*(分钟|minutes)"))
    expect(health.nth(0)).not_to_have_class(re.compile("overview-alert"))
    expect(health.nth(1)).not_to_have_class(re.compile("overview-alert"))
    _check_page(page, "admin-overview-admin")
    page.locator("#admin-outboxes tbody tr", has_text=zh("emails to applicants")).locator(
        "td a"
    ).first.click()
    expect(page).to_have_url(re.compile(r"\?state__exact=failed$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    # The same overview in Arabic: right to left, the chart mirrored, nothing sideways.
    page.context.add_cookies(
        [{"name": "django_language", "value": "ar", "url": page.url.split("/admin/")[0]}]
    )
    page.goto("/admin/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    bars = page.locator("#overview-desk svg rect")
    expect(bars.first).to_be_visible()
    assert axe_violations(page) == []
    assert sideways_scroll(page) == []
    if screenshots_wanted():
        save_screenshot(page, "admin-overview-admin", "ar", "desktop")

    assert external_requests == []
    assert console_errors == []
