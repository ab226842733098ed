"""The emails registrants get: one each, in their language, with both times and a calendar."""

import re
import time
import uuid
from datetime import timedelta
from html import unescape

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS_ALT
from django.utils.html import escape
from django.utils.translation import gettext

from apps.core.timezones import zone_label
from apps.events.calendar import calendar_bytes
from apps.events.deliveries import deliveries_send
from apps.events.emails import delivery_message
from apps.events.forms import form_shown_value
from apps.events.models import Delivery, Registration
from apps.events.registrations import registration_cancel, registration_create
from apps.events.services import event_update
from apps.events.tokens import registration_manage_url

from .conftest import JOIN_URL, SITE_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Spring exchange with Minsk",
    "zh_hans": "与明斯克的春季交流",
    "ru": "Весенний обмен с Минском",
    "fr": "Échange de printemps avec Minsk",
    "ja": "ミンスクとの春の交流",
    "ar": "تبادل الربيع مع مينسك",
}


def _evening(**values):
    """An online exchange at 19:00 Beijing time, some weeks ahead, titled in six languages."""
    day = (timezone.now() + timedelta(days=40)).astimezone(timezone.get_default_timezone())
    titles = {f"title_{code}": title for code, title in TITLES.items()}
    return EventFactory(
        takes_registrations=True,
        online=True,
        join_url=JOIN_URL,
        local_start=f"{day:%Y-%m-%d} 19:00",
        time_zone="Asia/Shanghai",
        **titles,
        **values,
    )


def _register(event, email, **values):
    return registration_create(
        **{
            "event_id": event.pk,
            "name": "Alena Kavalenka",
            "email": email,
            "country": "BY",
            "language": "ru",
            "time_zone": "Europe/Minsk",
            **values,
        }
    ).registration


def _send_owed(**filters):
    """Send every email owed now except reminders (their time has not come)."""
    deliveries = Delivery.objects.filter(state="pending", **filters).exclude(kind="reminder")
    ids = list(deliveries.order_by("pk").values_list("pk", flat=True))
    return deliveries_send(ids)


def _shows(html, text):
    """Whether an HTML part shows `text`, however its quotes and ampersands were written."""
    return text in unescape(html)


def _html(message):
    (html, mimetype), *others = message.alternatives
    assert mimetype == "text/html" and not others
    return html


def _calendar(message):
    calendars = [item for item in message.attachments if item[2].startswith("text/calendar")]
    assert len(calendars) == 1, message.attachments
    filename, content, mimetype = calendars[0]
    assert filename.endswith(".ics")
    raw = content.decode() if isinstance(content, bytes) else content
    return icalendar.Calendar.from_ical(raw), raw, mimetype


def _in(language, function, *args, **kwargs):
    with translation.override(language):
        return str(function(*args, **kwargs))


# --- One message per recipient, each in its own language -------------------------------------


def test_a_four_language_audience_gets_one_message_each_in_its_language():
    event = _evening(capacity=10)
    people = {
        "ru": ("alena@example.by", "Europe/Minsk"),
        "fr": ("claire@example.fr", "Europe/Paris"),
        "ar": ("amira@example.eg", "Africa/Cairo"),
        "ja": ("haruto@example.jp", "Asia/Tokyo"),
    }
    registrations = {
        language: _register(event, email, language=language, time_zone=zone)
        for language, (email, zone) in people.items()
    }
    assert _send_owed()["sent"] == 4
    assert len(mail.outbox) == 4
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {email for email, _zone in people.values()}
    for language, (email, zone) in people.items():
        message = by_address[email]
        registration = registrations[language]
        assert message.to == [email]
        assert message.cc == [] and message.bcc == []
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        with translation.override(language):
            title = event.title
            subject = gettext("Your place is confirmed: %(event)s") % {"event": title}
            hello = gettext("Hello %(name)s,") % {"name": "Alena Kavalenka"}
            when = gettext("When")
            event_time = formats.date_format(event.local_start, "DATETIME_FORMAT")
            their_time = formats.date_format(
                event.starts_at.astimezone(registration.zone), "DATETIME_FORMAT"
            )
            manage = SITE_URL + registration_manage_url(registration)
        assert title == TITLES[language]
        assert message.subject == subject
        assert hello in message.body
        assert f"{when}: {event_time}" in message.body
        their_zone = zone_label(zone, event.starts_at, language)
        assert f"{their_time} – " in message.body and their_zone in message.body
        assert zone_label("Asia/Shanghai", event.starts_at, language) in message.body
        assert manage in message.body
        html = _html(message)
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
        assert _shows(html, title) and _shows(html, event_time)
        headers = message.extra_headers
        assert headers["Content-Language"] == language
        assert headers["List-Unsubscribe"] == f"<{manage}cancel/>"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        calendar, _raw, _mimetype = _calendar(message)
        assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == title
        description = str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
        assert _in(language, gettext, "Join online: %(url)s") % {"url": JOIN_URL} in description
    # Dates are written the way each language writes them (Django's own locale data).
    month = event.local_start.month
    with translation.override("ru"):
        russian_month = str(MONTHS_ALT[month])
    with translation.override("en"):
        assert russian_month != str(MONTHS_ALT[month])
    assert russian_month in by_address["alena@example.by"].body
    assert f"{event.local_start.year}年{month}月" in by_address["haruto@example.jp"].body


def test_the_mime_message_has_a_text_an_html_and_a_calendar_part():
    event = _evening()
    registration = _register(event, "alena@example.by")
    _send_owed()
    (message,) = mail.outbox
    mime = message.message()
    assert mime["To"] == "alena@example.by"
    assert mime["From"] == settings.DEFAULT_FROM_EMAIL
    types = [part.get_content_type() for part in mime.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    delivery = registration.deliveries.get(kind="confirmation")
    assert mime["Message-ID"] == f"<delivery-{delivery.pk}.{delivery.key}@portal.example.org>"
    assert mime["Auto-Submitted"] == "auto-generated"


def test_the_message_id_is_the_same_each_time_a_delivery_is_rendered():
    event = _evening()
    registration = _register(event, "alena@example.by")
    delivery = registration.deliveries.get(kind="confirmation")
    first = delivery_message(delivery).extra_headers["Message-ID"]
    second = delivery_message(Delivery.objects.get(pk=delivery.pk)).extra_headers["Message-ID"]
    assert first == second == f"<delivery-{delivery.pk}.confirmation-1@portal.example.org>"
    others = {
        delivery_message(other).extra_headers["Message-ID"]
        for other in registration.deliveries.exclude(pk=delivery.pk)
    }
    assert first not in others and len(others) == 3


# --- Both times ------------------------------------------------------------------------------


def test_the_time_is_given_in_the_event_zone_and_in_the_registrants_zone():
    event = _evening()
    _register(event, "alena@example.by", language="fr", time_zone="Europe/Minsk")
    _send_owed()
    (message,) = mail.outbox
    with translation.override("fr"):
        your_time = gettext("Your time")
    lines = message.body.splitlines()
    # The zones by name in the registrant's language, never "CST" or a raw IANA id.
    event_line = next(line for line in lines if "Heure de Beijing (UTC+8)" in line)
    their_line = next(line for line in lines if line.startswith(f"{your_time}: "))
    assert "19:00 – 21:00" in event_line
    assert "14:00 – 16:00 Heure : Minsk (UTC+3)" in their_line
    assert "14:00" in _html(message) and "Heure : Minsk (UTC+3)" in _html(message)
    assert "Asia/Shanghai" not in message.body and "Europe/Minsk" not in message.body


def test_a_registrant_in_the_event_zone_gets_the_time_once():
    event = _evening()
    _register(event, "wang@example.cn", language="fr", time_zone="Asia/Shanghai")
    _send_owed()
    (message,) = mail.outbox
    assert _in("fr", gettext, "Your time") not in message.body
    assert message.body.count("Heure de Beijing (UTC+8)") == 1


def test_a_visitor_in_minsk_registers_in_russian_and_reads_both_times_in_russian(client):
    """The issue's "done when": an online exchange on Beijing time, a visitor in Minsk."""
    event = _evening(capacity=30)
    with translation.override("ru"):
        url = event.get_register_url()
    page = client.get(url)
    assert '<option value="ru" selected>' in page.content.decode()
    form = {
        "name": "Алёна Коваленко",
        "email": "alena@example.by",
        "organisation": "",
        "country": "BY",
        "language": "ru",  # the page language, as the form offers it
        "time_zone": "Europe/Minsk",  # what the browser gave
        "consent": "on",
        "form_token": str(uuid.uuid4()),
        "shown": form_shown_value(now=time.time() - 60),  # shown a minute ago
    }
    assert client.post(url, form).status_code == 200
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert _send_owed()["sent"] == 1
    (message,) = mail.outbox
    with translation.override("ru"):
        subject = gettext("Your place is confirmed: %(event)s") % {"event": TITLES["ru"]}
        when, your_time = gettext("When"), gettext("Your time")
        beijing = formats.date_format(event.local_start, "DATETIME_FORMAT")
        minsk = formats.date_format(
            event.starts_at.astimezone(registration.zone), "DATETIME_FORMAT"
        )
        month = str(MONTHS_ALT[event.local_start.month])
    assert message.subject == subject
    assert message.to == ["alena@example.by"]
    assert f"{when}: {beijing} – 21:00 Пекинское время (UTC+8)" in message.body
    assert f"{your_time}: {minsk} – 16:00 Минск (UTC+3)" in message.body
    assert beijing.endswith("19:00") and minsk.endswith("14:00")
    assert month in beijing  # a Russian month name, e.g. "марта"
    assert "Алёна Коваленко" in message.body
    assert JOIN_URL in message.body and JOIN_URL in _html(message)
    calendar, _raw, _mimetype = _calendar(message)
    assert str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "Asia/Shanghai"


# --- The calendar file -----------------------------------------------------------------------


def test_the_attached_calendar_updates_the_public_entry():
    event = _evening()
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event_update(event=event)
    event.refresh_from_db()
    assert event.sequence == 1
    _register(event, "alena@example.by")
    _send_owed()
    (message,) = mail.outbox
    calendar, raw, mimetype = _calendar(message)
    assert mimetype == "text/calendar; method=PUBLISH"
    # As sent: one method and one charset parameter, which mail clients rely on.
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    params = [name for name, _value in part.get_params()]
    assert params.count("charset") == 1 and part.get_param("charset") == "utf-8"
    assert part.get_param("method") == "PUBLISH"
    assert str(calendar["METHOD"]) == "PUBLISH"
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"event-{event.pk}@portal.example.org"
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent["DTSTART"].dt == event.local_start
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(vevent["CONFERENCE"]) == JOIN_URL
    # The same entry as the public calendar of the event page.
    public = icalendar.Calendar.from_ical(calendar_bytes([event], name=event.title))
    assert public.walk("VEVENT")[0]["UID"] == vevent["UID"]
    assert public.walk("VEVENT")[0]["SEQUENCE"] == vevent["SEQUENCE"]
    assert JOIN_URL not in public.to_ical().decode()
    assert JOIN_URL in raw


def test_the_waitlist_email_has_no_calendar_and_no_join_link():
    event = _evening(capacity=1)
    _register(event, "seat@example.by")
    waiting = _register(event, "waiting@example.by", language="fr")
    _send_owed(registration=waiting)
    (message,) = mail.outbox
    assert message.subject == _in(
        "fr", lambda: gettext("You are on the waitlist: %(event)s") % {"event": TITLES["fr"]}
    )
    assert message.attachments == []
    assert JOIN_URL not in message.body and JOIN_URL not in _html(message)
    with translation.override("fr"):
        hint = gettext("The join link is sent to confirmed participants.")
        leave = gettext("To leave the waitlist, use your private link:")
    assert _shows(_html(message), hint)
    assert leave in message.body


def test_the_promotion_email_brings_the_join_link_and_the_calendar():
    event = _evening(capacity=1)
    seat = _register(event, "seat@example.by")
    waiting = _register(event, "waiting@example.by", language="ja")
    registration_cancel(registration_id=seat.pk)
    _send_owed(registration=waiting)
    (message,) = mail.outbox  # the waitlist notice not sent yet is not sent any more
    assert message.subject == _in(
        "ja", lambda: gettext("A place is now yours: %(event)s") % {"event": TITLES["ja"]}
    )
    assert JOIN_URL in message.body
    _calendar_, raw, _mimetype = _calendar(message)
    assert JOIN_URL in raw
    assert waiting.deliveries.get(kind="waitlisted").state == "skipped"


def test_the_cancellation_email_withdraws_the_calendar_entry():
    event = _evening()
    registration = _register(event, "alena@example.by")
    registration_cancel(registration_id=registration.pk)
    _send_owed()
    (message,) = mail.outbox  # the confirmation not sent yet is not sent any more
    assert message.subject == _in(
        "ru", lambda: gettext("Registration cancelled: %(event)s") % {"event": TITLES["ru"]}
    )
    calendar, raw, mimetype = _calendar(message)
    assert "method=CANCEL" in mimetype
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert JOIN_URL not in raw and JOIN_URL not in message.body


# --- Script in what a registrant typed -------------------------------------------------------


def test_script_in_the_registration_is_escaped_in_the_html_email():
    event = _evening()
    name = '<script>alert("name")</script><img src=x onerror=alert(1)>'
    _register(
        event,
        '"<script>alert(1)</script>"@example.org',
        name=name,
        organisation="<b>Org</b>",
    )
    assert _send_owed()["sent"] == 1
    (message,) = mail.outbox
    html = _html(message)
    assert "<script>" not in html and "<img" not in html
    assert escape(name) in html
    assert name in message.body  # plain text is not HTML: the name is shown as typed
    assert message.to == ['"<script>alert(1)</script>"@example.org']
    assert "<script>" not in message.subject
    assert not re.search(r"<(script|img)\b", html.split("<body", 1)[1])


def test_a_batch_renders_once_but_every_registrant_gets_their_own_name_and_link():
    event = _evening()
    names = ["Alena Kavalenka", "<script>alert('x')</script> & Co", "Ivan"]
    registrations = [
        _register(event, f"person{n}@example.by", name=name) for n, name in enumerate(names)
    ]
    _send_owed()
    assert len(mail.outbox) == 3
    for registration in registrations:
        (message,) = [m for m in mail.outbox if m.to == [registration.email]]
        html = message.alternatives[0][0]
        with translation.override(registration.language):
            link = SITE_URL + registration_manage_url(registration)
        assert registration.name in message.body and link in message.body
        assert escape(registration.name) in html and escape(link) in html
        assert "<script>" not in html
        others = [r for r in registrations if r.pk != registration.pk]
        for other in others:
            token = registration_manage_url(other).split("/registration/")[1]
            assert token not in message.body and token not in html
            if other.name != "Ivan":
                assert other.name not in message.body
        # Nothing of the stand-ins used to render the batch once is left.
        assert "xcname" not in message.body + html and "xclink" not in message.body + html
