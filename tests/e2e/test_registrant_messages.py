"""Writing to an event's registrants in a browser (issue 17, item 4): from the event's
page, a text in English, the preview as a Russian reader gets it, sent once; the page
passes axe and fits a 1,366 px screen, without JavaScript of its own."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.core.services import STAFF_GROUP_EVENT_REGISTRATIONS
from apps.events.models import MessageDelivery, RegistrantMessage, Registration
from tests.e2e.screenshots import save_screenshot, screenshots_wanted
from tests.events.factories import EventFactory

from .page_checks import axe_violations, sideways_scroll
from .test_admin_forms import _log_in, _staff

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(transactional_db, django_user_model):
    return _staff(django_user_model, "registrations.wang", STAFF_GROUP_EVENT_REGISTRATIONS)


@pytest.fixture
def event(transactional_db):
    event = EventFactory(title_en="Passport day", takes_registrations=True)
    now = timezone.now()
    for n, language in enumerate(("ru", "fr", "zh-hans")):
        Registration.objects.create(
            event=event,
            status=Registration.Status.CONFIRMED,
            name=f"Participant {n}",
            email=f"participant-{n}@example.org",
            country="BY",
            language=language,
            time_zone="Asia/Shanghai",
            consented_at=now,
        )
    return event


def test_staff_write_preview_and_send_a_message_once(
    new_page, officer, event, console_errors, external_requests
):
    page = _log_in(new_page, officer, "en")
    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Write to registrants").click()
    expect(page.locator("h1")).to_have_text("Write to the registrants of Passport day")

    page.get_by_label("Registrants with a confirmed place (3)").check()
    english = page.locator('fieldset[lang="en"]')
    english.get_by_label("Subject").fill("Bring your passport")
    english.get_by_label("Message").fill("Please bring **your passport**.")
    page.get_by_label("Preview in").select_option("ru")
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".preview-subject")).to_have_text("Bring your passport · Passport day")
    email = page.frame_locator("iframe")
    expect(email.locator("strong")).to_have_text("your passport")
    expect(email.locator("html")).to_have_attribute("lang", "ru")
    assert axe_violations(page) == []
    if screenshots_wanted():
        save_screenshot(page, "admin-registrant-message-preview", "en", "desktop")
    assert sideways_scroll(page) == []
    assert not RegistrantMessage.objects.exists()

    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "The message is on its way to 3 registrants."
    )
    expect(page).to_have_url(re.compile(r"/admin/events/registrantmessage/\d+/change/$"))
    # Back and send again, as an impatient second click would: nothing more is sent.
    page.go_back()
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messagelist")).to_contain_text("already sent")
    assert RegistrantMessage.objects.count() == 1
    assert MessageDelivery.objects.count() == 3
    assert console_errors == [] and external_requests == []
