"""A visitor abroad sees when a Beijing event happens in their own time."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.events.factories import SHANGHAI, make_event

pytestmark = pytest.mark.browser


@pytest.fixture
def forum(transactional_db):
    day = timezone.localdate() + timedelta(days=40)
    event = make_event(
        title="Financial Street Forum", day=day, slug="financial-street-forum", category="forum"
    )
    # 19:00-21:00 in Beijing.
    event.starts_at = datetime(day.year, day.month, day.day, 19, 0, tzinfo=SHANGHAI)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    return event


def test_visitor_in_berlin_sees_beijing_time_and_their_own(new_page, forum, external_requests):
    page = new_page(timezone_id="Europe/Berlin", locale="en-GB")
    page.goto("/en/events/")
    page.get_by_role("link", name="Financial Street Forum").click()
    expect(page).to_have_url(re.compile(r"/en/events/financial-street-forum/$"))
    expect(page.locator(".time-zone")).to_have_text("Beijing time (UTC+8)")
    visitor = page.locator("[data-local-time]")
    expect(visitor).to_be_visible()
    berlin = forum.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    expect(visitor).to_contain_text(f"{berlin:%H:%M}")
    # The browser's CLDR name of the zone, with the offset written as the server writes it.
    offset = int(berlin.utcoffset().total_seconds() // 3600)
    expect(visitor).to_contain_text(re.compile(rf"Central European (\w+ )?Time \(UTC\+{offset}\)"))
    expect(visitor).not_to_contain_text(re.compile(r"\bCES?T\b"))

    ics = page.request.get(page.locator('a[type="text/calendar"]').get_attribute("href"))
    assert ics.status == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART;TZID=Asia/Shanghai:" in ics.text()
    assert external_requests == []


def test_without_javascript_the_beijing_time_is_still_there(new_page, forum):
    page = new_page(java_script_enabled=False, timezone_id="America/New_York")
    page.goto("/en/events/financial-street-forum/")
    expect(page.locator(".time-zone")).to_have_text("Beijing time (UTC+8)")
    expect(page.locator("[data-local-time]")).to_be_hidden()
