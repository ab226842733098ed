"""The register form, the private management page and its links, as visitors use them."""

import re
from datetime import timedelta
from html import unescape

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from apps.events.forms import RegistrationForm
from apps.events.models import Delivery, Event, Registration, RegistrationState
from apps.events.registrations import registration_cancel, registration_create
from apps.events.tokens import registration_manage_url

from .conftest import JOIN_URL
from .factories import EventFactory, registration_form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss-{}")</script>'
# The private link never reaches another site in a Referer header.
PRIVATE_REFERRER_POLICIES = ("no-referrer", "same-origin")


def _in(language, function, *args, **kwargs):
    with translation.override(language):
        return str(function(*args, **kwargs))


def _register_url(event, language="en"):
    return _in(language, event.get_register_url)


def _manage_url(registration, language="en"):
    return _in(language, registration_manage_url, registration)


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


def _data(**values):
    return registration_form_data(**values)


def _rows():
    """Everything registration wrote, to show that a refused request changed nothing."""
    return (
        sorted(Registration.objects.values_list()),
        sorted(Delivery.objects.values_list()),
    )


def _text(response):
    return response.content.decode()


def _shows(html, text):
    """Whether a page shows `text`, however its quotes and ampersands were written."""
    return text in unescape(html)


# --- The register form -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "fr", "zh-hans"])
def test_the_form_starts_in_the_page_language_and_the_event_zone(client, language):
    event = EventFactory(takes_registrations=True, time_zone="Europe/Berlin")
    response = client.get(_register_url(event, language))
    assert response.status_code == 200
    html = _text(response)
    assert f'<option value="{language}" selected>' in html
    assert '<option value="Europe/Berlin" selected>' in html
    form = re.search(r'<form [^>]*id="register-form".*?</form>', html, re.S).group(0)
    # Nothing else is preselected: the country asks to be chosen.
    assert re.findall(r'<option value="([^"]*)" selected>', form) == ["", language, "Europe/Berlin"]
    # A fresh form takes the browser's zone (registration.js); the hook is on the select.
    select = re.search(r'<select name="time_zone"[^>]*>', html).group(0)
    assert "data-browser-time-zone" in select
    assert re.search(r'name="form_token" value="[0-9a-f-]{36}"', html)


def test_a_form_sent_back_keeps_the_chosen_zone_and_takes_no_browser_zone(client):
    event = EventFactory(takes_registrations=True)
    response = client.post(_register_url(event), _data(email="broken", time_zone="Asia/Tokyo"))
    assert response.status_code == 400
    html = _text(response)
    assert "data-browser-time-zone" not in html
    assert '<option value="Asia/Tokyo" selected>' in html


def test_every_field_has_a_label_and_the_hints_are_tied_to_their_fields(client):
    event = EventFactory(takes_registrations=True)
    html = _text(client.get(_register_url(event)))
    for name in ("name", "email", "organisation", "country", "language", "time_zone", "consent"):
        assert f'<label for="id_{name}">' in html, name
    assert 'aria-describedby="id_email-hint"' in html
    assert 'id="id_email-hint"' in html


def test_errors_are_summed_up_with_links_to_their_fields(client):
    event = EventFactory(takes_registrations=True)
    data = _data(email="nope", time_zone="Mars/Olympus_Mons", form_token="")
    del data["consent"]
    response = client.post(_register_url(event, "ru"), data)
    assert response.status_code == 400
    html = _text(response)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    with translation.override("ru"):
        title = gettext("There is a problem")
    assert _shows(summary, title)
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert links == ["id_email", "id_time_zone", "id_consent", "register-form"]
    assert 'aria-invalid="true"' in re.search(r'<input type="email"[^>]*>', html).group(0)
    assert _in("ru", gettext, "Error:") in re.search(r"<title>(.*?)</title>", html).group(1)


def test_the_register_page_costs_the_same_queries_with_many_registrations(client):
    event = EventFactory(takes_registrations=True, capacity=100)
    url = _register_url(event)
    _register(event, "first@example.org")
    client.get(url)  # the session, the language and the templates are settled first
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(49):
        _register(event, f"visitor{n}@example.org")
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)
    assert len(fifty) == len(one), [query["sql"] for query in fifty]
    left = ngettext("%(count)s place left.", "%(count)s places left.", 50) % {"count": 50}
    assert _shows(_text(response), left)


def test_a_full_event_offers_the_waitlist(client):
    event = EventFactory(takes_registrations=True, capacity=1)
    _register(event, "seat@example.org")
    url = _register_url(event, "fr")
    html = _text(client.get(url))
    with translation.override("fr"):
        notice = gettext(
            "All places are taken. If you register now, you join the waitlist and we email "
            "you as soon as a place is yours."
        )
        button = gettext("Join the waitlist")
    assert _shows(html, notice)
    assert _shows(html, button)
    response = client.post(url, _data())
    assert response.status_code == 200
    assert Registration.objects.get(email="alena@example.org").status == "waitlisted"


# --- Registering through the form ------------------------------------------------------------


def _sent_page(html):
    """The page after the form, without what differs between any two pages (CSRF tokens)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_registering_says_to_check_the_email_and_shows_no_private_link(client):
    event = EventFactory(takes_registrations=True, capacity=5)
    response = client.post(_register_url(event, "ru"), _data(email="Alena@Example.org"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    registration = Registration.objects.get()
    html = _text(response)
    assert _shows(html, _in("ru", gettext, "Check your email"))
    assert "Alena@Example.org" in html
    assert "/registration/" not in html
    assert registration.email == "Alena@Example.org"
    assert (registration.language, registration.time_zone) == ("ru", "Europe/Minsk")
    assert registration.organisation == "Minsk City Library"
    assert registration.consented_at is not None


def test_the_same_form_posted_twice_is_one_registration_and_the_same_page(client):
    event = EventFactory(takes_registrations=True, capacity=5)
    url = _register_url(event)
    data = _data()
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 200
    assert _sent_page(_text(first)) == _sent_page(_text(second))
    assert Registration.objects.count() == 1
    assert Delivery.objects.filter(kind="confirmation").count() == 1
    # The same visitor sent it twice: the owner is not told of a second registration.
    assert not Delivery.objects.filter(kind="already").exists()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_registered_email_gets_the_very_same_page_as_a_new_one(language):
    """The existence leak: nothing in the answer tells whether an address is registered."""
    event = EventFactory(takes_registrations=True, capacity=5)
    registration = _register(event, "alena@example.org")
    token = registration_manage_url(registration).rstrip("/").rsplit("/", 1)[1]
    before = list(Registration.objects.filter(pk=registration.pk).values_list())
    url = _register_url(event, language)
    registered = Client().post(url, _data(email="alena@example.org", name="Someone Else"))
    new = Client().post(url, _data(email="alena@example.org".replace("alena", "bob")))
    assert registered.status_code == new.status_code == 200
    assert _sent_page(_text(registered)) == _sent_page(_text(new)).replace(
        "bob@example.org", "alena@example.org"
    )
    assert token not in _text(registered)
    assert "/registration/" not in _text(registered)
    # Nothing of the registration changed; its owner is owed one email.
    assert list(Registration.objects.filter(pk=registration.pk).values_list()) == before
    assert list(registration.deliveries.filter(kind="already").values_list("state", flat=True)) == [
        "pending"
    ]


# --- Bad input -------------------------------------------------------------------------------


def _django_message(language, field, value):
    """Django's own message for a bad value, as the form gives it in `language`."""
    with translation.override(language):
        form = RegistrationForm(_data(**{field: value}))
        form.is_valid()
        return form.errors[field][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("email", "a@b@example.org"), ("name", "x" * 10_000)],
)
def test_django_checks_are_reported_in_the_visitors_language(client, field, value):
    event = EventFactory(takes_registrations=True)
    _register(event, "someone@example.org")
    before = _rows()
    response = client.post(_register_url(event, "ru"), _data(**{field: value}))
    assert response.status_code == 400
    russian = _django_message("ru", field, value)
    assert russian != _django_message("en", field, value)  # Django's catalog has it
    assert _shows(_text(response), russian)
    assert _rows() == before


APP_MESSAGES = {
    "time_zone": "Choose your time zone from the list.",
    "language": "Choose one of the languages in the list.",
    "country": "Choose your country or region from the list.",
    "consent": "We can only register you if you agree to this use of your data.",
    "form_token": "This form has expired. Please fill it in again.",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Mars/Olympus_Mons"),
        ("time_zone", "europe/minsk"),
        ("time_zone", SCRIPT.format("zone")),
        ("language", "xx"),
        ("language", "ru-RU"),
        ("language", SCRIPT.format("language")),
        ("country", "ZZ"),
        ("country", ""),
        ("country", SCRIPT.format("country")),
        ("consent", None),
        ("form_token", None),
        ("form_token", "forged"),
        ("form_token", SCRIPT.format("token")),
    ],
)
@pytest.mark.parametrize("language", ["ru", "fr"])
def test_bad_choices_are_explained_in_the_visitors_language(client, field, value, language):
    event = EventFactory(takes_registrations=True)
    _register(event, "someone@example.org")
    before = _rows()
    data = _data()
    if value is None:
        del data[field]
    else:
        data[field] = value
    response = client.post(_register_url(event, language), data)
    assert response.status_code == 400
    html = _text(response)
    expected = _in(language, gettext, APP_MESSAGES[field])
    if field == "country" and value == "":
        expected = _in(language, gettext, "This field is required.")
    assert _shows(html, expected)
    assert "<script>alert(" not in html
    assert _rows() == before


def test_a_blank_name_is_refused(client):
    event = EventFactory(takes_registrations=True)
    response = client.post(_register_url(event, "fr"), _data(name=" \t "))
    assert response.status_code == 400
    assert _shows(_text(response), _in("fr", gettext, "This field is required."))
    assert not Registration.objects.exists()


def test_script_in_every_field_is_stored_as_text_and_escaped_on_the_page(client):
    event = EventFactory(takes_registrations=True)
    data = _data(
        name=SCRIPT.format("name"),
        organisation=SCRIPT.format("organisation"),
        # A quoted local part may hold almost anything, and is a valid address.
        email='"<script>alert(1)</script>"@example.org',
    )
    response = client.post(_register_url(event), data)
    assert response.status_code == 200
    assert "<script>alert(" not in _text(response)
    registration = Registration.objects.get()
    assert registration.name == SCRIPT.format("name")
    page = _text(client.get(_manage_url(registration)))
    assert "<script>alert(" not in page
    assert escape(SCRIPT.format("name")) in page
    assert escape('"<script>alert(1)</script>"@example.org') in page
    # The form sent back with an error escapes what it shows again, too.
    again = client.post(_register_url(event), {**data, "email": SCRIPT.format("email")})
    assert again.status_code == 400
    assert "<script>alert(" not in _text(again)
    assert escape(SCRIPT.format("organisation")) in _text(again)


# --- Events that do not take the registration ------------------------------------------------


def _now():
    return timezone.now()


CLOSED = {
    "cancelled": {"event_status": Event.Status.CANCELLED},
    "started": {"in_days": -1 / 24, "hours": 3},
    "past": {"in_days": -10},
    "not_yet_open": {"registration_opens_at": lambda: _now() + timedelta(days=1)},
    "closed": {"registration_closes_at": lambda: _now() - timedelta(minutes=1)},
    "not_taken": {"takes_registrations": False},
}


@pytest.mark.parametrize("case", list(CLOSED))
def test_an_event_that_is_not_open_refuses_with_its_reason(client, case):
    values = {"takes_registrations": True, "capacity": 10}
    values.update({k: v() if callable(v) else v for k, v in CLOSED[case].items()})
    event = EventFactory(**values)
    state = "started" if case == "past" else case
    assert event.registration_state() == state
    url = _register_url(event, "fr")
    expected = _in("fr", lambda: RegistrationState(state).label)
    page = client.get(url)
    assert page.status_code == 200
    assert _shows(_text(page), expected)
    assert 'id="register-form"' not in _text(page)
    response = client.post(url, _data())
    assert response.status_code == 409
    assert _shows(_text(response), expected)
    assert not Registration.objects.exists()
    assert not Delivery.objects.exists()


def test_an_unpublished_event_has_no_register_page(client):
    event = EventFactory(takes_registrations=True, draft=True)
    url = _register_url(event)
    assert client.get(url).status_code == 404
    assert client.post(url, _data()).status_code == 404
    assert not Registration.objects.exists()


def test_an_unknown_event_has_no_register_page(client):
    url = reverse("events:register", kwargs={"slug": "no-such-event"})
    assert client.post(url, _data()).status_code == 404


# --- The private management page -------------------------------------------------------------


def _online_evening(**values):
    """An online exchange at 19:00 Beijing time a month from now."""
    day = (timezone.now() + timedelta(days=30)).astimezone(timezone.get_default_timezone())
    return EventFactory(
        takes_registrations=True,
        online=True,
        join_url=JOIN_URL,
        local_start=f"{day:%Y-%m-%d} 19:00",
        time_zone="Asia/Shanghai",
        **values,
    )


def test_the_page_shows_the_place_and_both_times(client):
    event = _online_evening(capacity=5)
    registration = _register(event, "alena@example.org")
    response = client.get(_manage_url(registration, "ru"))
    assert response.status_code == 200
    html = _text(response)
    with translation.override("ru"):
        status = registration.get_status_display()
        your_time = gettext("Your time")
    assert _shows(html, status)
    assert "19:00" in html and "Пекинское время (UTC+8)" in html
    assert "14:00" in html and "Минск (UTC+3)" in html
    assert _shows(html, your_time)
    assert JOIN_URL in html
    assert "Alena Kavalenka" in html


def test_the_page_shows_the_waitlist_position_and_no_join_link(client):
    event = _online_evening(capacity=1)
    start = timezone.now() - timedelta(hours=1)
    _register(event, "seat@example.org", now=start)
    _register(event, "first@example.org", now=start + timedelta(minutes=1))
    second = _register(event, "second@example.org", now=start + timedelta(minutes=2))
    html = _text(client.get(_manage_url(second, "fr")))
    with translation.override("fr"):
        position = gettext("number %(position)s on the waitlist") % {"position": 2}
        leave = gettext("Leave the waitlist")
    assert _shows(html, position)
    assert _shows(html, leave)
    assert JOIN_URL not in html


def test_no_join_link_for_an_event_on_site():
    event = EventFactory(takes_registrations=True, join_url=JOIN_URL)
    registration = _register(event, "alena@example.org")
    html = _text(Client().get(_manage_url(registration)))
    assert registration.status == "confirmed"
    assert JOIN_URL not in html


def test_the_page_is_private(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    response = client.get(_manage_url(registration))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES
    assert response["X-Robots-Tag"] == "noindex"


def test_cancelling_on_the_page_is_done_once(client):
    event = EventFactory(takes_registrations=True, capacity=5)
    registration = _register(event, "alena@example.org")
    url = _manage_url(registration, "ru")
    first = client.post(url, {"action": "cancel"}, follow=True)
    assert first.redirect_chain == [(url, 302)]
    with translation.override("ru"):
        done = gettext("Your registration is cancelled. Thank you for freeing your place.")
        again_link = gettext("Register again")
    assert _shows(_text(first), done)
    assert _shows(_text(first), again_link)
    second = client.post(url, {"action": "cancel"})
    assert second.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert registration.deliveries.filter(kind="cancelled").count() == 1


def test_leaving_the_waitlist_on_the_page(client):
    event = EventFactory(takes_registrations=True, capacity=1)
    _register(event, "seat@example.org")
    waiting = _register(event, "waiting@example.org")
    response = client.post(_manage_url(waiting, "fr"), {"action": "cancel"}, follow=True)
    assert _shows(_text(response), _in("fr", gettext, "You have left the waitlist."))
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


def test_an_unknown_action_changes_nothing(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    response = client.post(_manage_url(registration), {"action": "delete"})
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_after_the_start_is_refused_with_a_message(client):
    event = EventFactory(takes_registrations=True, in_days=-1 / 24, hours=3)
    registration = _register(event, "alena@example.org", now=event.starts_at - timedelta(days=1))
    url = _manage_url(registration, "ru")
    page = _text(client.get(url))
    assert 'name="action" value="cancel"' not in page
    response = client.post(url, {"action": "cancel"}, follow=True)
    with translation.override("ru"):
        refused = gettext("The event has started: the registration can no longer be changed.")
    assert _shows(_text(response), refused)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert not registration.deliveries.filter(kind="cancelled").exists()


@pytest.mark.parametrize("token", ["forged", "eyJyIjoxLCJzIjoiYSJ9:1abcde:not-a-signature"])
def test_a_forged_link_is_explained(client, token):
    url = _in("fr", reverse, "events:registration", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 404
    with translation.override("fr"):
        message = gettext(
            "This link is not valid. Please use the whole link from your email; "
            "if it was split over two lines, copy both parts."
        )
    assert _shows(_text(response), message)
    assert "no-store" in response["Cache-Control"]
    assert client.post(url, {"action": "cancel"}).status_code == 404


def test_a_link_whose_registration_was_deleted_has_expired(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    url = _manage_url(registration, "ru")
    cancel_url = url + "cancel/"
    ics_url = _in("ru", reverse, "events:registration_ics", kwargs={"token": url.split("/")[-2]})
    Registration.objects.filter(pk=registration.pk).delete()
    with translation.override("ru"):
        message = gettext(
            "This link has expired: the registration it was for no longer exists. "
            "Registration data is deleted some time after an event."
        )
    for response in (
        client.get(url),
        client.post(url, {"action": "cancel"}),
        client.post(cancel_url, {"List-Unsubscribe": "One-Click"}),
        client.get(ics_url),
    ):
        assert response.status_code == 410
        assert _shows(_text(response), message)
        assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES


def test_a_link_of_a_replaced_secret_has_expired(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    url = _manage_url(registration)
    Registration.objects.filter(pk=registration.pk).update(secret="new-secret")
    assert client.get(url).status_code == 410


# --- One-click cancel and the private calendar -----------------------------------------------


def test_one_click_cancel_needs_no_csrf_token_and_answers_in_text():
    event = EventFactory(takes_registrations=True, capacity=1)
    registration = _register(event, "alena@example.org")
    waiting = _register(event, "waiting@example.org")
    url = _manage_url(registration, "fr") + "cancel/"
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert _text(response) == _in("fr", gettext, "Your registration is cancelled.")
    assert "no-store" in response["Cache-Control"]
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == ("cancelled", "confirmed")
    # A second click is harmless.
    again = browser.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200
    assert registration.deliveries.filter(kind="cancelled").count() == 1


def test_opening_the_one_click_link_only_shows_the_page(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    manage = _manage_url(registration, "ru")
    response = client.get(manage + "cancel/")
    assert response.status_code == 302
    assert response["Location"] == manage
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_cancel_button_of_the_page_also_works_on_the_one_click_address(client):
    registration = _register(EventFactory(takes_registrations=True), "alena@example.org")
    manage = _manage_url(registration)
    response = client.post(manage + "cancel/")
    assert response.status_code == 302
    assert response["Location"] == manage
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_one_click_after_the_start_cancels_nothing(client):
    event = EventFactory(takes_registrations=True, in_days=-1 / 24, hours=3)
    registration = _register(event, "alena@example.org", now=event.starts_at - timedelta(days=1))
    client.post(_manage_url(registration) + "cancel/", {"List-Unsubscribe": "One-Click"})
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def _private_calendar(client, registration):
    token = _manage_url(registration).split("/")[-2]
    response = client.get(reverse("events:registration_ics", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    return icalendar.Calendar.from_ical(response.content), response.content.decode()


def test_the_private_calendar_has_the_join_link_for_a_confirmed_place_only(client):
    event = _online_evening(capacity=1)
    confirmed = _register(event, "seat@example.org")
    waiting = _register(event, "waiting@example.org")
    calendar, raw = _private_calendar(client, confirmed)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"event-{event.pk}@portal.example.org"
    assert JOIN_URL in raw
    assert str(calendar["METHOD"]) == "PUBLISH"
    _calendar, raw = _private_calendar(client, waiting)
    assert JOIN_URL not in raw
    registration_cancel(registration_id=confirmed.pk)
    calendar, raw = _private_calendar(client, confirmed)
    assert JOIN_URL not in raw
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_the_private_calendar_of_an_event_on_site_has_no_join_link(client):
    event = EventFactory(takes_registrations=True, join_url=JOIN_URL)
    _calendar, raw = _private_calendar(client, _register(event, "alena@example.org"))
    assert JOIN_URL not in raw
