"""A visitor in Minsk registers for an online exchange in Russian, is emailed, and cancels."""

import re
import zoneinfo
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from apps.events.deliveries import deliveries_send
from apps.events.models import Delivery, Event, Registration
from apps.events.tokens import registration_manage_url
from tests.events.factories import EventFactory
from tests.sister_cities.factories import SisterCityFactory

pytestmark = pytest.mark.browser

JOIN_URL = "https://meet.example.org/xicheng-minsk-room"
TITLE_RU = "Онлайн-обмен с Ленинским районом Минска"
EMAIL = "alena.test@example.org"
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
MINSK = zoneinfo.ZoneInfo("Europe/Minsk")


def ru(message: str) -> str:
    """The interface text a Russian visitor reads (whatever the catalog has today)."""
    with translation.override("ru"):
        return gettext(message)


def ru_status(label):
    """A registration status as the Russian page shows it."""
    with translation.override("ru"):
        return pgettext("registration status", label)


@pytest.fixture
def exchange(transactional_db, settings):
    """An online exchange with Minsk, 15:00-17:00 in Beijing, which is 10:00-12:00 in Minsk."""
    # A script fills the form in faster than anyone; the minimum fill time has its own
    # tests (tests/events/test_registration_abuse.py).
    settings.EVENT_REGISTRATION_MIN_FILL_SECONDS = 0
    minsk = SisterCityFactory(
        slug="minsk-lenin-district",
        name_zh_hans="明斯克市列宁区",
        name_en="Lenin District, Minsk",
        name_ru="Ленинский район Минска",
        country="BY",
    )
    day = timezone.localdate() + timedelta(days=30)
    return EventFactory(
        slug="minsk-online-exchange",
        title_zh_hans="与明斯克市列宁区的线上交流",
        title_en="Online exchange with Lenin District of Minsk",
        title_ru=TITLE_RU,
        local_start=f"{day:%Y-%m-%d} 15:00",
        time_zone="Asia/Shanghai",
        takes_registrations=True,
        capacity=20,
        online=True,
        join_url=JOIN_URL,
        partner_cities=[minsk],
        address_confirmation=Event.AddressConfirmation.AUTO,  # the default: places are held
    )


def _private_path(registration) -> str:
    """The private link the emails carry (the emails themselves: the first test)."""
    with translation.override("ru"):
        return registration_manage_url(registration)


def _fill_in(page, *, consent: bool):
    page.fill("#id_name", "Алёна Тестова")
    page.fill("#id_email", EMAIL)
    page.select_option("#id_country", "BY")
    if consent:
        page.check("#id_consent")
    page.locator("#register-form button[type=submit]").click()


def test_visitor_in_minsk_registers_in_russian_is_emailed_both_times_and_cancels(
    new_page, exchange, external_requests, console_errors
):
    page = new_page(timezone_id="Europe/Minsk", locale="ru-RU")
    page.goto(f"/ru/events/{exchange.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(TITLE_RU)
    assert JOIN_URL not in page.content()

    page.locator(".register-call").get_by_role("link", name=ru("Register")).click()

    expect(page).to_have_url(re.compile(rf"/ru/events/{exchange.slug}/register/$"))
    # Filled in from the browser's zone by registration.js; the page's language by default.
    expect(page.locator("#id_time_zone")).to_have_value("Europe/Minsk")
    expect(page.locator("#id_language")).to_have_value("ru")

    # First without consent: the error summary takes focus and links to the field.
    _fill_in(page, consent=False)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(rf"^{re.escape(ru('Error:'))}"))
    link = summary.locator('a[href="#id_consent"]')
    expect(link).to_have_text(ru("We can only register you if you agree to this use of your data."))
    link.click()
    expect(page.locator("#id_consent")).to_be_focused()
    expect(page.locator("#id_consent")).to_have_attribute("aria-invalid", "true")
    # What was typed and chosen is kept.
    expect(page.locator("#id_email")).to_have_value(EMAIL)
    expect(page.locator("#id_time_zone")).to_have_value("Europe/Minsk")
    assert not Registration.objects.exists()

    _fill_in(page, consent=True)

    # The page after the form is the same for every address: check your email.
    expect(page.locator("h1")).to_have_text(ru("Check your email"))
    expect(page.locator("main")).to_contain_text(EMAIL)
    assert JOIN_URL not in page.content()
    assert "/registration/" not in page.content()
    registration = Registration.objects.get()
    # The place is held, not given, until the address is confirmed.
    assert (registration.status, registration.language, registration.time_zone) == (
        "held",
        "ru",
        "Europe/Minsk",
    )

    # The email asking to confirm waits in the outbox until a worker sends it; it has the
    # private link and not the join link.
    assert mail.outbox == []
    due = Delivery.objects.filter(
        registration=registration, state__in=Delivery.OPEN_STATES, not_before__lte=timezone.now()
    )
    assert list(due.values_list("kind", flat=True)) == ["confirm"]
    assert deliveries_send(list(due.values_list("pk", flat=True)))["sent"] == 1
    (asking,) = mail.outbox
    assert asking.subject == ru("Please confirm your registration: %(event)s") % {"event": TITLE_RU}
    assert JOIN_URL not in asking.body
    links = re.findall(r"https?://[^\s\"<>]+/ru/events/registration/[^/\s\"<>]+/", asking.body)
    page.goto(urlsplit(links[0]).path)
    expect(page.locator(".registration-status")).to_have_text(
        ru("Held until the email address is confirmed")
    )
    expect(page.locator(f'a[href="{JOIN_URL}"]')).to_have_count(0)
    page.get_by_role("button", name=ru("Confirm my place")).click()
    expect(page.locator(".registration-status")).to_have_text(ru_status("Confirmed"))
    expect(page.get_by_text(ru("Thank you: your place is confirmed."))).to_be_visible()

    # Now the confirmation, with the join link and the calendar file.
    mail.outbox.clear()
    due = Delivery.objects.filter(
        registration=registration, state__in=Delivery.OPEN_STATES, not_before__lte=timezone.now()
    )
    assert list(due.values_list("kind", flat=True)) == ["confirmation"]
    assert deliveries_send(list(due.values_list("pk", flat=True)))["sent"] == 1
    (message,) = mail.outbox
    with translation.override("ru"):
        # Russian dates, e.g. "27 апреля 2026 г. 15:00".
        beijing = date_format(exchange.starts_at.astimezone(BEIJING), "DATETIME_FORMAT")
        minsk = date_format(exchange.starts_at.astimezone(MINSK), "DATETIME_FORMAT")
    assert beijing.endswith("15:00") and minsk.endswith("10:00")
    assert message.to == [EMAIL]
    with translation.override("ru"):
        assert message.subject == gettext("Your place is confirmed: %(event)s") % {
            "event": TITLE_RU
        }
    assert message.extra_headers["Content-Language"] == "ru"
    html = message.alternatives[0][0]
    assert '<html lang="ru"' in html
    for text in (message.body, html):
        assert TITLE_RU in text
        assert ru("When") in text
        assert f"{beijing} – 17:00 Пекинское время (UTC+8)" in text
        assert f"{minsk} – 12:00 Минск (UTC+3)" in text
        assert JOIN_URL in text
    (calendar,) = [a for a in message.attachments if a[0].endswith(".ics")]
    content = calendar[1].decode() if isinstance(calendar[1], bytes) else calendar[1]
    assert "DTSTART;TZID=Asia/Shanghai:" in content

    # The private link in the email (signed afresh, so not the same characters) leads to
    # the same page, where one click cancels.
    links = re.findall(r"https?://[^\s\"<>]+/ru/events/registration/[^/\s\"<>]+/", message.body)
    assert links, message.body
    page.goto(urlsplit(links[0]).path)
    expect(page.locator(".registration-status")).to_have_text(ru_status("Confirmed"))
    facts = page.locator(".facts-list")
    # Beijing time with its zone, and the visitor's own: 15:00 there is 10:00 in Minsk.
    expect(facts).to_contain_text("15:00 – 17:00 Пекинское время (UTC+8)")
    expect(facts).to_contain_text("10:00 – 12:00 Минск (UTC+3)")
    # The private page, and only it, has the join link.
    expect(facts.locator(f'a[href="{JOIN_URL}"]')).to_be_visible()
    manage_path = urlsplit(page.url).path
    page.get_by_role("button", name=ru("Cancel my registration")).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(manage_path)}$"))
    expect(page.locator(".registration-status")).to_have_text(ru_status("Cancelled"))
    expect(page.get_by_text(ru("This registration is cancelled."))).to_be_visible()
    expect(page.locator("form.cancel-form")).to_have_count(0)
    expect(page.locator(f'a[href="{JOIN_URL}"]')).to_have_count(0)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    # The reminders are off; the cancellation is confirmed by email, with a calendar
    # cancellation for the entry the first email added.
    assert not registration.deliveries.filter(kind="reminder", state="pending").exists()
    due = registration.deliveries.filter(state="pending", kind="cancelled")
    assert deliveries_send(list(due.values_list("pk", flat=True)))["sent"] == 1
    cancelled = mail.outbox[-1]
    assert cancelled.subject == ru("Registration cancelled: %(event)s") % {"event": TITLE_RU}
    (calendar,) = [a for a in cancelled.attachments if a[0].endswith(".ics")]
    content = calendar[1].decode() if isinstance(calendar[1], bytes) else calendar[1]
    assert "METHOD:CANCEL" in content
    assert JOIN_URL not in cancelled.body
    assert external_requests == []
    # The form with an error is answered 400 on purpose; Chromium logs that, nothing else.
    unexpected = [e for e in console_errors if not re.search(r"status of 400 .*/register/\)$", e)]
    assert unexpected == []
    assert len(console_errors) == 1


@pytest.mark.parametrize(
    ("browser_zone", "preselected"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),  # Chromium still names India's zone so
        ("America/Detroit", "America/New_York"),  # a zone that keeps New York's time
    ],
)
def test_the_browsers_zone_preselects_the_option_that_keeps_its_time(
    new_page, exchange, browser_zone, preselected
):
    page = new_page(timezone_id=browser_zone, locale="en-US")
    page.goto(f"/en/events/{exchange.slug}/register/")
    expect(page.locator("#id_time_zone")).to_have_value(preselected)


def test_without_javascript_registration_works_in_the_events_time_zone(
    new_page, exchange, external_requests
):
    page = new_page(java_script_enabled=False, timezone_id="Europe/Minsk", locale="ru-RU")
    page.goto(f"/ru/events/{exchange.slug}/register/")
    # Nothing can read the browser's zone: the event's own zone is chosen.
    expect(page.locator("#id_time_zone")).to_have_value("Asia/Shanghai")
    expect(page.locator("#id_language")).to_have_value("ru")

    _fill_in(page, consent=False)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    _fill_in(page, consent=True)

    expect(page.locator("h1")).to_have_text(ru("Check your email"))
    page.goto(_private_path(Registration.objects.get()))
    # Confirming the address is a plain form: no script needed.
    page.get_by_role("button", name=ru("Confirm my place")).click()
    expect(page.locator(".registration-status")).to_have_text(ru_status("Confirmed"))
    expect(page.locator(".facts-list")).to_contain_text("15:00 – 17:00 Пекинское время (UTC+8)")
    expect(page.locator(".facts-list")).not_to_contain_text("Минск")
    registration = Registration.objects.get()
    assert (registration.language, registration.time_zone) == ("ru", "Asia/Shanghai")

    page.get_by_role("button", name=ru("Cancel my registration")).click()
    expect(page.locator(".registration-status")).to_have_text(ru_status("Cancelled"))
    assert external_requests == []


CHALLENGE_NO_SCRIPT = (
    "Many registrations were sent from your connection. To send this form, your browser must "
    "now do a short calculation, which needs JavaScript. Please turn JavaScript on and send "
    "the form again, or try again in an hour."
)
CHALLENGE_REFUSED = (
    "Many registrations were sent from your connection, so this form now asks your browser "
    "for a short calculation first. Please send it again and wait a few seconds; everything "
    "you typed is kept."
)


def test_beyond_the_soft_limit_the_browser_solves_the_challenge_by_itself(
    new_page, exchange, settings, external_requests, console_errors
):
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 0
    settings.EVENT_REGISTRATION_CHALLENGE_BITS = 12
    page = new_page(timezone_id="Europe/Minsk", locale="ru-RU")
    page.goto(f"/ru/events/{exchange.slug}/register/")
    expect(page.locator("form[data-challenge]")).to_have_count(1)
    expect(page.get_by_text(ru(CHALLENGE_NO_SCRIPT))).to_be_hidden()
    _fill_in(page, consent=True)
    expect(page.locator("h1")).to_have_text(ru("Check your email"))
    assert Registration.objects.filter(email=EMAIL).exists()
    assert external_requests == []  # self-hosted: no other host is asked
    assert console_errors == []


def test_without_javascript_the_challenge_says_what_to_do_and_keeps_the_answers(
    new_page, exchange, settings
):
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 0
    page = new_page(java_script_enabled=False, timezone_id="Europe/Minsk", locale="ru-RU")
    page.goto(f"/ru/events/{exchange.slug}/register/")
    expect(page.get_by_text(ru(CHALLENGE_NO_SCRIPT))).to_be_visible()
    _fill_in(page, consent=True)
    expect(page.locator("[data-error-summary]")).to_contain_text(ru(CHALLENGE_REFUSED))
    expect(page.locator("#id_email")).to_have_value(EMAIL)
    assert not Registration.objects.exists()
