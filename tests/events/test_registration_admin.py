"""The staff side of registrations: reminder offsets on the event form, the registration
list and its actions and exports, the delivery log, the test reminder, the event list's
registration column and delivery filter, the anonymous summaries, and query counts."""

import csv
import io
import re
import socket
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from apps.core.exports import neutralise_formula, safe_filename
from apps.core.services import staff_language_remember
from apps.events import deliveries
from apps.events.models import (
    Delivery,
    Event,
    Registration,
    RegistrationSummary,
    ReminderOffset,
)
from apps.events.registrations import registration_create
from apps.events.tokens import registration_token

from .factories import EventFactory
from .test_admin import errors, event_form_data, messages_of, split, tbody

pytestmark = pytest.mark.django_db
EVENTS = "/admin/events/event/"
REGISTRATIONS = "/admin/events/registration/"
DELIVERIES = "/admin/events/delivery/"
SUMMARIES = "/admin/events/registrationsummary/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _admin_in_english(client, admin_client):
    for each in (client, admin_client):
        each.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def register(event, email, **values):
    data = {
        "event_id": event.pk,
        "name": "Alena Ivanova",
        "email": email,
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
    }
    data.update(values)
    return registration_create(**data).registration


def reminders(registration) -> dict:
    """Reminder deliveries of a registration: {minutes: (state, due_at)}."""
    return {
        d.offset_minutes: (d.state, d.due_at)
        for d in registration.deliveries.filter(kind=Delivery.Kind.REMINDER)
    }


def offsets(event) -> set[int]:
    return set(event.reminder_offsets.values_list("minutes", flat=True))


def act(client, url, action, rows):
    """Run an admin action and open the page it leads to (which shows its messages once)."""
    return client.post(
        url, {"action": action, "_selected_action": [row.pk for row in rows]}, follow=True
    )


def page_messages(response) -> str:
    """The messages as the page after the redirect shows them (escaped)."""
    return "".join(re.findall(r'<ul class="messagelist">.*?</ul>', response.content.decode(), re.S))


# --- Reminder offsets on the event form ------------------------------------------------


def test_the_add_form_offers_the_three_default_reminders(editor_client):
    html = editor_client.get(EVENTS + "add/").content.decode()
    rows = re.findall(
        r'name="reminder_offsets-(\d)-amount" value="(\d+)".*?'
        r'name="reminder_offsets-\1-unit".*?<option value="(\w+)" selected>',
        html,
        re.S,
    )
    assert rows == [("0", "7", "days"), ("1", "1", "days"), ("2", "2", "hours")]
    assert 'name="reminder_offsets-TOTAL_FORMS" value="3"' in html


def test_the_event_gets_the_rows_of_the_add_form_and_no_more(editor_client):
    response = editor_client.post(EVENTS + "add/", event_form_data())
    assert response.status_code == 302, errors(response)
    assert offsets(Event.objects.get()) == {7 * 1440, 1440, 120}

    data = event_form_data(slug="second")
    data.update(
        {
            "reminder_offsets-TOTAL_FORMS": 2,
            "reminder_offsets-0-amount": 30,
            "reminder_offsets-0-unit": "minutes",
            "reminder_offsets-1-amount": 3,
            "reminder_offsets-1-unit": "days",
        }
    )
    response = editor_client.post(EVENTS + "add/", data)
    assert response.status_code == 302, errors(response)
    assert offsets(Event.objects.get(slug="second")) == {30, 3 * 1440}


def test_an_emptied_row_is_left_out(editor_client):
    response = editor_client.post(
        EVENTS + "add/", event_form_data(**{"reminder_offsets-1-amount": ""})
    )
    assert response.status_code == 302, errors(response)
    assert offsets(Event.objects.get()) == {7 * 1440, 120}


@pytest.mark.parametrize(("amount", "unit"), [(60, "minutes"), (120, "minutes"), (2, "hours")])
def test_two_reminders_at_the_same_time_are_refused_on_add(editor_client, amount, unit):
    data = event_form_data()
    data.update(
        {
            "reminder_offsets-0-amount": amount,
            "reminder_offsets-0-unit": unit,
            "reminder_offsets-1-amount": 1 if amount == 60 else 2,
            "reminder_offsets-1-unit": "hours",
        }
    )
    response = editor_client.post(EVENTS + "add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    time = "1 hour before" if amount == 60 else "2 hours before"
    assert f"Two reminders are at the same time ({time}). Keep only one of them." in html
    assert not Event.objects.exists()


def test_a_new_row_at_the_time_of_an_existing_one_is_refused(editor_client):
    event = EventFactory()
    data = event_form_data(event)
    data.update(
        {
            "reminder_offsets-TOTAL_FORMS": 4,
            "reminder_offsets-3-amount": 24,
            "reminder_offsets-3-unit": "hours",
        }
    )
    response = editor_client.post(f"{EVENTS}{event.pk}/change/", data)
    assert response.status_code == 200
    assert "Two reminders are at the same time (1 day before)." in response.content.decode()
    assert offsets(event) == {7 * 1440, 1440, 120}


def test_the_chinese_admin_says_it_in_chinese_where_translated(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    data = event_form_data(**{"reminder_offsets-1-amount": 48, "reminder_offsets-1-unit": "hours"})
    data.update({"reminder_offsets-0-amount": 2, "reminder_offsets-0-unit": "days"})
    response = editor_client.post(EVENTS + "add/", data)
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = translation.gettext(
            "Two reminders are at the same time (%(time)s). Keep only one of them."
        ) % {"time": ReminderOffset.describe(2 * 1440)}
    assert expected in response.content.decode()


def test_a_reminder_more_than_60_days_ahead_is_refused(editor_client):
    response = editor_client.post(
        EVENTS + "add/",
        event_form_data(**{"reminder_offsets-0-amount": 61, "reminder_offsets-0-unit": "days"}),
    )
    assert response.status_code == 200
    assert "A reminder can be at most 60 days before the start." in response.content.decode()
    assert not Event.objects.exists()
    response = editor_client.post(
        EVENTS + "add/",
        event_form_data(**{"reminder_offsets-0-amount": 60, "reminder_offsets-0-unit": "days"}),
    )
    assert response.status_code == 302, errors(response)


def test_two_reminders_can_swap_times(editor_client):
    event = EventFactory()
    data = event_form_data(event)  # rows in order: 7 days, 1 day, 2 hours
    data.update(
        {
            "reminder_offsets-0-amount": 1,  # 7 days -> 1 day (still held by the next row)
            "reminder_offsets-1-amount": 7,  # 1 day -> 7 days
            "reminder_offsets-2-DELETE": "on",
            "reminder_offsets-TOTAL_FORMS": 4,
            "reminder_offsets-3-amount": 120,  # 2 hours again, as minutes, after the delete
            "reminder_offsets-3-unit": "minutes",
        }
    )
    response = editor_client.post(f"{EVENTS}{event.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    assert offsets(event) == {7 * 1440, 1440, 120}
    assert event.reminder_offsets.get(minutes=120).unit == "minutes"


def test_one_admin_edit_plans_the_reminders_once_with_the_new_offsets(editor_client, monkeypatch):
    event = EventFactory(takes_registrations=True, capacity=10, local_start="2031-03-28 10:00")
    confirmed = register(event, "alena@example.org")
    plans = []
    plan = deliveries._reminders_sync

    def counted(event, registrations, *, now):
        plans.append(set(event.reminder_offsets.values_list("minutes", flat=True)))
        return plan(event, registrations, now=now)

    monkeypatch.setattr(deliveries, "_reminders_sync", counted)
    moved = event.starts_at + timedelta(hours=2)
    data = event_form_data(event)
    starts, ends = (split(moment, event.zone) for moment in (moved, moved + timedelta(hours=2)))
    data.update(
        {
            "starts_at_0": starts[0],
            "starts_at_1": starts[1],
            "ends_at_0": ends[0],
            "ends_at_1": ends[1],
            "reminder_offsets-0-DELETE": "on",  # 7 days: dropped
            "reminder_offsets-2-amount": 3,  # 2 hours -> 3 hours
        }
    )
    response = editor_client.post(f"{EVENTS}{event.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    assert plans == [{1440, 180}]
    event.refresh_from_db()
    assert (event.starts_at, event.sequence) == (moved, 1)
    assert {
        minutes: due for minutes, (state, due) in reminders(confirmed).items() if state == "pending"
    } == {
        1440: moved - timedelta(days=1),
        180: moved - timedelta(hours=3),
    }
    assert list(confirmed.deliveries.filter(kind="update").values_list("key", flat=True)) == [
        "update-1"
    ]


def test_pending_reminders_follow_edited_offsets(editor_client):
    event = EventFactory(takes_registrations=True, capacity=10, local_start="2031-03-28 10:00")
    confirmed = register(event, "alena@example.org")
    sent = register(event, "ivan@example.org")
    sent.deliveries.filter(offset_minutes=120).update(state=Delivery.State.SENT)
    before = reminders(confirmed)
    assert {minutes: state for minutes, (state, _due) in before.items()} == {
        10080: "pending",
        1440: "pending",
        120: "pending",
    }
    data = event_form_data(event)
    data.update(
        {
            "reminder_offsets-0-DELETE": "on",  # 7 days: dropped
            "reminder_offsets-2-amount": 3,  # 2 hours -> 3 hours
        }
    )
    response = editor_client.post(f"{EVENTS}{event.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    assert offsets(event) == {1440, 180}
    start = event.starts_at
    now = reminders(confirmed)
    assert now[10080][0] == Delivery.State.SKIPPED
    assert now[120][0] == Delivery.State.SKIPPED
    assert now[1440] == ("pending", start - timedelta(days=1))
    assert now[180] == ("pending", start - timedelta(hours=3))
    # A reminder already sent stays as it was; the new offset is still owed.
    after = reminders(sent)
    assert after[120][0] == Delivery.State.SENT
    assert after[180][0] == Delivery.State.PENDING


def test_takes_registrations_is_on_the_event_form(editor_client):
    event = EventFactory()
    html = editor_client.get(f"{EVENTS}{event.pk}/change/").content.decode()
    assert 'name="takes_registrations"' in html
    response = editor_client.post(
        f"{EVENTS}{event.pk}/change/", event_form_data(event, takes_registrations="on")
    )
    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert event.takes_registrations


# --- The event list: registrations column and the delivery filter ----------------------


def test_the_registrations_column_counts_and_links(editor_client):
    full = EventFactory(title_en="Full exchange", takes_registrations=True, capacity=2)
    for n in range(3):
        register(full, f"p{n}@example.org")
    open_ended = EventFactory(title_en="Open talk", takes_registrations=True)
    register(open_ended, "a@example.org")
    EventFactory(title_en="No registration here")
    html = editor_client.get(EVENTS).content.decode()
    cells = dict(
        re.findall(
            r'>([^<>]+)</a></th>.*?<td class="field-registrations">(.*?)</td>', tbody(html), re.S
        )
    )
    # Counts only, linked to the event's counts page (the names are not the editors').
    assert cells["Full exchange"] == (
        f'<a href="{EVENTS}{full.pk}/registrations/">2/2 confirmed, 1 on the waitlist</a>'
    )
    assert ">1 confirmed</a>" in cells["Open talk"]
    assert cells["No registration here"] == "—"


def test_the_event_filter_of_failed_or_missed_deliveries(editor_client):
    def event_with(title, state):
        event = EventFactory(title_en=title, takes_registrations=True)
        registration = register(event, f"{title.split()[0].lower()}@example.org")
        registration.deliveries.update(state=Delivery.State.SENT)
        if state:
            registration.deliveries.filter(offset_minutes=120).update(state=state)
        return event

    event_with("Failing forum", Delivery.State.FAILED)
    event_with("Missed concert", Delivery.State.MISSED)
    event_with("Waiting exchange", Delivery.State.PENDING)
    event_with("Sent talk", None)
    EventFactory(title_en="Quiet day")
    html = editor_client.get(EVENTS).content.decode()
    assert "email deliveries" in html and "Failed or missed" in html
    rows = tbody(editor_client.get(EVENTS, {"deliveries": "problems"}).content.decode())
    assert "Failing forum" in rows and "Missed concert" in rows
    assert "Waiting exchange" not in rows and "Sent talk" not in rows and "Quiet day" not in rows
    rows = tbody(editor_client.get(EVENTS, {"deliveries": "pending"}).content.decode())
    assert "Waiting exchange" in rows
    assert "Failing forum" not in rows and "Sent talk" not in rows


# --- The test reminder ------------------------------------------------------------------


def test_staff_get_a_test_reminder_in_their_language(editor_client, content_editor):
    staff_language_remember(user=content_editor, language="ru")
    event = EventFactory(title_en="Youth exchange", title_ru="Молодёжный обмен")
    response = act(editor_client, EVENTS, "send_test_reminder", [event])
    assert response.status_code == 200
    assert messages_of(response) == [
        "A test reminder of “Youth exchange” was sent to editor@example.org."
    ]
    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.extra_headers["Content-Language"] == "ru"
    assert "List-Unsubscribe" not in message.extra_headers
    with translation.override("ru"):
        prefix = translation.gettext("[Test] %(subject)s").split("%(subject)s")[0]
    assert message.subject.startswith(prefix)
    assert "Молодёжный обмен" in message.subject


def test_without_a_remembered_language_the_test_reminder_is_in_the_admin_language(
    editor_client,
):
    event = EventFactory(title_en="Youth exchange", title_zh_hans="青少年交流")
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    act(editor_client, EVENTS, "send_test_reminder", [event])
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "zh-hans"
    with translation.override("zh-hans"):
        prefix = translation.gettext("[Test] %(subject)s").split("%(subject)s")[0]
    assert message.subject.startswith(prefix)
    assert "青少年交流" in message.subject


def test_no_test_reminder_without_an_email_address(editor_client, content_editor):
    content_editor.email = ""
    content_editor.save()
    response = act(editor_client, EVENTS, "send_test_reminder", [EventFactory()])
    assert response.status_code == 200
    assert messages_of(response) == [
        "Your account has no email address. Add one to your account first."
    ]
    assert mail.outbox == []


def test_a_mail_server_that_is_down_is_a_message_not_a_500(editor_client, settings):
    # A port that is bound but not listening: the connection is refused at once.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = closed.getsockname()
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        event = EventFactory(title_en="Youth exchange")
        response = act(editor_client, EVENTS, "send_test_reminder", [event])
    finally:
        closed.close()
    assert response.status_code == 200
    (message,) = messages_of(response)
    assert message.startswith(
        "The test reminder of “Youth exchange” could not be sent: the mail server did not "
        "accept it (ConnectionRefusedError"
    )


def test_at_most_ten_test_reminders_at_once(editor_client):
    events = [EventFactory() for _n in range(11)]
    response = act(editor_client, EVENTS, "send_test_reminder", events)
    assert messages_of(response) == ["Select at most 10 events for test reminders."]
    assert mail.outbox == []
    act(editor_client, EVENTS, "send_test_reminder", events[:2])
    assert len(mail.outbox) == 2


# --- The registration list and page -----------------------------------------------------


def test_the_event_registrations_group_sees_the_registrations(registrations_client):
    event = EventFactory(title_en="Youth exchange", takes_registrations=True)
    register(event, "alena@example.org", organisation="Minsk Youth Centre")
    assert (
        'href="/admin/events/registration/"' in registrations_client.get("/admin/").content.decode()
    )
    html = registrations_client.get(REGISTRATIONS).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "event",
        "name",
        "email",
        "status",
        "language",
        "country",
        "created_at",
    ]
    row = tbody(html)
    assert "Youth exchange" in row
    assert ">Alena Ivanova</a>" in row
    assert '<td class="field-status">Confirmed</td>' in row
    assert '<td class="field-language">Russian</td>' in row
    assert '<td class="field-country">Belarus</td>' in row
    assert "Add registration" not in html
    assert registrations_client.get(REGISTRATIONS + "add/").status_code == 403
    for query in ("Minsk Youth", "ALENA@", "Ivanova"):
        assert "Alena Ivanova" in tbody(
            registrations_client.get(REGISTRATIONS, {"q": query}).content.decode()
        )


def test_registration_filters(registrations_client):
    forum = EventFactory(title_en="Forum", takes_registrations=True, capacity=1)
    EventFactory(title_en="Never registered for")
    register(forum, "alena@example.org")
    register(forum, "pierre@example.org", name="Pierre", language="fr", country="FR")
    html = registrations_client.get(REGISTRATIONS).content.decode()
    # Only events and countries that have registrations are offered.
    assert "Never registered for" not in html
    assert "?country=FR" in html and "?country=BY" in html and "?country=DE" not in html
    rows = tbody(
        registrations_client.get(REGISTRATIONS, {"status__exact": "waitlisted"}).content.decode()
    )
    assert "Pierre" in rows and "Alena" not in rows
    rows = tbody(registrations_client.get(REGISTRATIONS, {"country": "BY"}).content.decode())
    assert "Alena" in rows and "Pierre" not in rows
    rows = tbody(
        registrations_client.get(REGISTRATIONS, {"language__exact": "fr"}).content.decode()
    )
    assert "Pierre" in rows and "Alena" not in rows
    assert 'href="?created_at__year=' in html


def test_script_in_every_field_is_escaped_in_the_list_and_the_page(registrations_client):
    event = EventFactory(title_en=f"Forum {SCRIPT}", takes_registrations=True)
    registration = register(event, "x@example.org", name=SCRIPT, organisation=SCRIPT)
    for url in (REGISTRATIONS, f"{REGISTRATIONS}{registration.pk}/change/", EVENTS):
        html = registrations_client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_the_registration_page_shows_the_data_and_the_delivery_log(registrations_client):
    event = EventFactory(takes_registrations=True, local_start="2031-03-28 10:00")
    registration = register(event, "alena@example.org")
    registration.deliveries.filter(kind="confirmation").update(
        state=Delivery.State.SENT, attempts=1, sent_at=timezone.now()
    )
    registration.deliveries.filter(offset_minutes=120).update(
        state=Delivery.State.FAILED, attempts=8, last_error="SMTPDataError: <b>mailbox full</b>"
    )
    html = registrations_client.get(f"{REGISTRATIONS}{registration.pk}/change/").content.decode()
    log = re.search(r'id="deliveries-group".*?</fieldset>', html, re.S).group(0)
    assert "Confirmation" in log
    assert "Reminder (7 days before)" in log
    assert "Reminder (2 hours before)" in log
    assert "Failed" in log and "Sent" in log and "Pending" in log
    assert "SMTPDataError: &lt;b&gt;mailbox full&lt;/b&gt;" in log
    assert 'name="deliveries-0-state"' not in log  # a log, not a form
    assert 'name="deliveries-MAX_NUM_FORMS" value="0"' in log  # and nothing to add
    # Status is shown, not edited; the private link is never shown to staff.
    assert 'name="status"' not in html
    assert '<div class="readonly">Confirmed</div>' in html
    assert registration_token(registration) not in html


def _change_data(registration, **changes) -> dict:
    count = registration.deliveries.count()
    data = {
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "country": registration.country.code,
        "language": registration.language,
        "time_zone": registration.time_zone,
        "deliveries-TOTAL_FORMS": count,
        "deliveries-INITIAL_FORMS": count,
        "deliveries-MIN_NUM_FORMS": 0,
        "deliveries-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def test_staff_correct_the_details_but_not_the_status(registrations_client):
    event = EventFactory(takes_registrations=True, capacity=1)
    registration = register(event, "alena@example.org")
    url = f"{REGISTRATIONS}{registration.pk}/change/"
    response = registrations_client.post(
        url, _change_data(registration, email="alena.ivanova@example.org", status="cancelled")
    )
    assert response.status_code == 302, errors(response)
    registration.refresh_from_db()
    assert registration.email == "alena.ivanova@example.org"
    assert registration.status == Registration.Status.CONFIRMED


def test_an_address_already_registered_is_a_form_error(registrations_client):
    event = EventFactory(takes_registrations=True)
    register(event, "ivan@example.org", name="Ivan")
    registration = register(event, "alena@example.org")
    response = registrations_client.post(
        f"{REGISTRATIONS}{registration.pk}/change/",
        _change_data(registration, email="IVAN@example.org"),
    )
    assert response.status_code == 200
    assert "This email address is already registered for this event." in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "alena@example.org"


def test_only_a_cancelled_registration_can_be_deleted(registrations_client):
    event = EventFactory(takes_registrations=True)
    active = register(event, "alena@example.org")
    cancelled = register(event, "ivan@example.org")
    act(registrations_client, REGISTRATIONS, "cancel_registrations", [cancelled])
    assert registrations_client.get(f"{REGISTRATIONS}{active.pk}/delete/").status_code == 403
    html = registrations_client.get(REGISTRATIONS).content.decode()
    assert 'value="delete_selected"' not in html
    response = registrations_client.post(f"{REGISTRATIONS}{cancelled.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(Registration.objects.all()) == [active]


def test_the_service_desk_cannot_see_registrations(client, service_desk_officer):
    event = EventFactory(takes_registrations=True)
    registration = register(event, "alena@example.org")
    client.force_login(service_desk_officer)
    for url in (REGISTRATIONS, f"{REGISTRATIONS}{registration.pk}/change/", DELIVERIES, SUMMARIES):
        assert client.get(url).status_code == 403, url
    response = act(client, REGISTRATIONS, "export_csv", [registration])
    assert response.status_code == 403


# --- Actions ----------------------------------------------------------------------------


def test_move_from_the_waitlist(registrations_client):
    event = EventFactory(title_en="Forum", takes_registrations=True, capacity=1)
    first = register(event, "first@example.org", name="First")
    second = register(event, "second@example.org", name=SCRIPT)
    third = register(event, "third@example.org", name="Third")
    # A place is added without the waitlist being served (as after the event started).
    Event.objects.filter(pk=event.pk).update(capacity=2)

    # Staff pick the third, out of turn.
    response = act(registrations_client, REGISTRATIONS, "confirm_from_waitlist", [third])
    assert messages_of(response) == ["1 registration moved to a confirmed place."]
    third.refresh_from_db()
    assert third.status == Registration.Status.CONFIRMED
    assert set(third.deliveries.values_list("kind", "state")) >= {
        (Delivery.Kind.PROMOTED, Delivery.State.PENDING),
        (Delivery.Kind.REMINDER, Delivery.State.PENDING),
    }

    # Now full: the second gets an error of its own, the first is skipped.
    response = act(registrations_client, REGISTRATIONS, "confirm_from_waitlist", [first, second])
    assert messages_of(response) == [
        f"{SCRIPT}: All 2 places of “Forum” are taken. Add places to the event first.",
        "1 registration skipped: not on the waitlist.",
    ]
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITLISTED
    # The page after the action shows the registrant's name as text.
    shown = page_messages(response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;: All 2 places" in shown
    assert SCRIPT not in shown


def test_move_several_fills_the_free_places_in_waitlist_order(registrations_client):
    event = EventFactory(takes_registrations=True, capacity=1)
    register(event, "first@example.org")
    waiting = [register(event, f"w{n}@example.org", name=f"Waiting {n}") for n in range(3)]
    Event.objects.filter(pk=event.pk).update(capacity=3)
    response = act(registrations_client, REGISTRATIONS, "confirm_from_waitlist", waiting)
    assert messages_of(response) == [
        f"Waiting 2: All 3 places of “{event}” are taken. Add places to the event first.",
        "2 registrations moved to a confirmed place.",
    ]
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_nobody_is_moved_to_a_place_at_a_cancelled_event(registrations_client):
    event = EventFactory(title_en="Forum", takes_registrations=True, capacity=1)
    register(event, "first@example.org")
    waiting = register(event, "second@example.org", name="Second")
    Event.objects.filter(pk=event.pk).update(capacity=2, event_status=Event.Status.CANCELLED)
    response = act(registrations_client, REGISTRATIONS, "confirm_from_waitlist", [waiting])
    assert messages_of(response) == [
        "Second: This event has been cancelled: registration is closed."
    ]
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    assert not waiting.deliveries.filter(kind=Delivery.Kind.PROMOTED).exists()


def test_cancel_the_selected_registrations(registrations_client):
    event = EventFactory(takes_registrations=True, capacity=1)
    confirmed = register(event, "first@example.org")
    waiting = register(event, "second@example.org")
    response = act(registrations_client, REGISTRATIONS, "cancel_registrations", [confirmed])
    assert messages_of(response) == ["1 registration cancelled; the registrant is told by email."]
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED  # the freed place went on
    assert confirmed.deliveries.filter(kind=Delivery.Kind.CANCELLED).count() == 1
    assert not confirmed.deliveries.filter(state__in=Delivery.OPEN_STATES).exclude(
        kind=Delivery.Kind.CANCELLED
    )
    response = act(
        registrations_client, REGISTRATIONS, "cancel_registrations", [confirmed, waiting]
    )
    assert messages_of(response) == [
        "1 registration cancelled; the registrant is told by email.",
        "1 registration was already cancelled.",
    ]
    assert confirmed.deliveries.filter(kind=Delivery.Kind.CANCELLED).count() == 1


# --- Exports ----------------------------------------------------------------------------

NASTY = {
    '=HYPERLINK("http://evil.example","x")': '\'=HYPERLINK("http://evil.example","x")',
    "+1 555 0100": "'+1 555 0100",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tcmd": "'\tcmd",
    "\rcmd": "'\rcmd",
    "＝1+1": "'＝1+1",
    "Minsk Youth Centre": "Minsk Youth Centre",
    "Pay = 3": "Pay = 3",
}


@pytest.mark.parametrize(("value", "cell"), [*NASTY.items(), (-3, -3), (2.5, 2.5), (None, "")])
def test_neutralise_formula(value, cell):
    assert neutralise_formula(value) == cell


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("registrations-2026-11-29.csv", "registrations-2026-11-29.csv"),
        ('报名 "list"\r\n.csv', "list.csv"),
        ("../../etc/passwd", "etc-passwd"),
        ("名单.xlsx", "export.xlsx"),
    ],
)
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


@pytest.fixture
def exported():
    """Two events' registrations, with text that would be formulas in a spreadsheet."""
    forum = EventFactory(
        slug="financial-forum", title_en="Financial forum", takes_registrations=True, capacity=1
    )
    alena = register(
        forum,
        "alena@example.org",
        name='=HYPERLINK("http://evil.example","x")',
        organisation="+1 555 0100",
    )
    wang = register(
        forum,
        "wang@example.org",
        name="王小明",
        organisation="@SUM(A1)",
        country="CN",
        language="zh-hans",
        time_zone="Asia/Shanghai",
    )
    other = EventFactory(slug="youth-exchange", title_en="Youth exchange", takes_registrations=True)
    pierre = register(
        other,
        "pierre@example.org",
        name="-Pierre\x01",
        country="FR",
        language="fr",
        time_zone="Europe/Paris",
    )
    pierre_cancelled = timezone.now()
    Registration.objects.filter(pk=pierre.pk).update(
        status=Registration.Status.CANCELLED, cancelled_at=pierre_cancelled
    )
    moment = datetime(2026, 11, 29, 1, 30, tzinfo=ZoneInfo("UTC"))
    Registration.objects.filter(pk=alena.pk).update(created_at=moment, confirmed_at=moment)
    return {"forum": forum, "other": other, "rows": [alena, wang, pierre]}


HEADER = [
    "Event",
    "Name",
    "Email",
    "Organisation",
    "Country code",
    "Country or region",
    "Language",
    "Time zone",
    "Status",
    "Registered at",
    "Place confirmed at",
    "Cancelled at",
]


def _today():
    return timezone.now().astimezone(SHANGHAI).date()


def test_export_as_csv(registrations_client, exported):
    before = _today()
    response = act(registrations_client, REGISTRATIONS, "export_csv", exported["rows"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] in {
        f'attachment; filename="registrations-{day}.csv"' for day in (before, _today())
    }
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    by_email = {row[2]: row for row in rows[1:]}
    assert [row[2] for row in rows[1:]] in (
        ["alena@example.org", "wang@example.org", "pierre@example.org"],
        ["wang@example.org", "alena@example.org", "pierre@example.org"],
    )
    assert by_email["alena@example.org"] == [
        "Financial forum",
        '\'=HYPERLINK("http://evil.example","x")',
        "alena@example.org",
        "'+1 555 0100",
        "BY",
        "Belarus",
        "Russian",
        "Europe/Minsk",
        "Confirmed",
        "2026-11-29T09:30:00+08:00",
        "2026-11-29T09:30:00+08:00",
        "",
    ]
    wang = by_email["wang@example.org"]
    assert wang[1] == "王小明"
    assert wang[3] == "'@SUM(A1)"
    assert wang[4:9] == ["CN", "China", "Simplified Chinese", "Asia/Shanghai", "On the waitlist"]
    pierre = by_email["pierre@example.org"]
    assert pierre[0] == "Youth exchange"
    assert pierre[1] == "'-Pierre\x01"
    assert pierre[8] == "Cancelled"
    assert pierre[11].endswith("+08:00")


def test_export_as_xlsx(registrations_client, exported):
    response = act(registrations_client, REGISTRATIONS, "export_xlsx", exported["rows"])
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Registrations"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    by_email = {row[2]: row for row in rows[1:]}
    alena = by_email["alena@example.org"]
    # Text cells hold the real text (no apostrophe as in CSV), never a formula.
    assert alena[1] == '=HYPERLINK("http://evil.example","x")'
    assert alena[3] == "+1 555 0100"
    assert alena[9] == "2026-11-29T09:30:00+08:00"
    assert by_email["wang@example.org"][1] == "王小明"
    assert by_email["wang@example.org"][3] == "@SUM(A1)"
    assert by_email["pierre@example.org"][1] == "-Pierre"  # the control character is dropped
    # Nothing in the file is a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_export_of_one_event_is_named_after_it(registrations_client, exported):
    forum_rows = exported["rows"][:2]
    response = act(registrations_client, REGISTRATIONS, "export_csv", forum_rows)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="registrations-financial-forum-'
    )
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == 3


def test_the_export_is_in_the_admin_language(registrations_client, exported):
    registrations_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = act(registrations_client, REGISTRATIONS, "export_csv", exported["rows"][:1])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("zh-hans"):
        assert rows[0][0] == translation.gettext("Event")
        assert rows[1][5] == str(exported["rows"][0].country.name)
        assert rows[1][5] != "Belarus"


# --- Delivery log and summaries ---------------------------------------------------------


def test_the_delivery_list_is_read_only_and_filterable(registrations_client):
    event = EventFactory(title_en="Forum", takes_registrations=True)
    registration = register(event, "alena@example.org")
    registration.deliveries.filter(offset_minutes=120).update(state=Delivery.State.MISSED)
    html = registrations_client.get(DELIVERIES).content.decode()
    assert "Add email delivery" not in html
    rows = tbody(registrations_client.get(DELIVERIES, {"state__exact": "missed"}).content.decode())
    assert "Reminder (2 hours before)" in rows
    assert "Reminder (1 day before)" not in rows
    rows = tbody(
        registrations_client.get(DELIVERIES, {"kind__exact": "confirmation"}).content.decode()
    )
    assert "Confirmation" in rows and "Reminder" not in rows
    delivery = registration.deliveries.get(offset_minutes=120)
    page = registrations_client.get(f"{DELIVERIES}{delivery.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert registrations_client.get(DELIVERIES + "add/").status_code == 403
    assert (
        registrations_client.post(
            f"{DELIVERIES}{delivery.pk}/change/", {"state": "sent"}
        ).status_code
        == 403
    )
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.MISSED


def test_the_summaries_are_read_only(editor_client):
    event = EventFactory(title_en="Forum 2025")
    summary = RegistrationSummary.objects.create(
        event=event,
        confirmed=40,
        waitlisted=3,
        cancelled=5,
        reminders_sent=120,
        by_language={"ru": 20, "en": 28},
        purged_at=timezone.now(),
    )
    html = editor_client.get(SUMMARIES).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "event",
        "confirmed",
        "waitlisted",
        "cancelled",
        "reminders_sent",
        "purged_at",
    ]
    row = tbody(html)
    assert "Forum 2025" in row and '<td class="field-reminders_sent">120</td>' in row
    assert "Add registration summary" not in html
    assert editor_client.get(SUMMARIES + "add/").status_code == 403
    page = editor_client.get(f"{SUMMARIES}{summary.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "Delete" not in page
    assert (
        editor_client.post(f"{SUMMARIES}{summary.pk}/delete/", {"post": "yes"}).status_code == 403
    )


# --- Query counts -------------------------------------------------------------------------


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context)


COUNTRIES = ["BY", "FR", "CN", "JP", "DE"]


def _registrations(count: int, offset: int = 0):
    events = [EventFactory(takes_registrations=True, capacity=3) for _n in range(3)]
    for n in range(offset, offset + count):
        register(
            events[n % 3],
            f"p{n}@example.org",
            name=f"Person {n}",
            country=COUNTRIES[n % 5],
            language=["ru", "fr", "zh-hans"][n % 3],
        )


def test_the_registration_list_costs_the_same_for_5_or_50(registrations_client):
    _registrations(5)
    few = _queries(registrations_client, REGISTRATIONS)
    _registrations(45, offset=5)
    many = _queries(registrations_client, REGISTRATIONS)
    assert Registration.objects.count() == 50
    assert few == many, (few, many)


def test_the_event_list_costs_the_same_for_5_or_50(editor_client):
    def events(count, offset):
        for n in range(count):
            event = EventFactory(takes_registrations=True, capacity=1)
            register(event, f"a{offset + n}@example.org")
            register(event, f"b{offset + n}@example.org")

    events(5, 0)
    few = _queries(editor_client, EVENTS)
    problems = _queries(editor_client, EVENTS, deliveries="problems")
    events(45, 5)
    assert _queries(editor_client, EVENTS) == few
    assert _queries(editor_client, EVENTS, deliveries="problems") == problems


def test_the_delivery_list_costs_the_same_for_few_or_many(registrations_client):
    _registrations(2)
    few = _queries(registrations_client, DELIVERIES)
    _registrations(20, offset=2)
    assert _queries(registrations_client, DELIVERIES) == few


def test_the_history_of_an_event_lists_its_reminder_changes(editor_client):
    event = EventFactory()
    data = event_form_data(event)
    data.update(
        {
            "reminder_offsets-0-DELETE": "on",
            "reminder_offsets-2-amount": 3,
            "reminder_offsets-TOTAL_FORMS": 4,
            "reminder_offsets-3-amount": 30,
            "reminder_offsets-3-unit": "minutes",
        }
    )
    response = editor_client.post(f"{EVENTS}{event.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    with translation.override("en"):
        message = LogEntry.objects.latest("pk").get_change_message()
    assert "Added reminder “30 minutes before”." in message
    assert "Changed How long before the start for reminder “3 hours before”." in message
    assert "Deleted reminder “7 days before”." in message
