"""When reminders are due, when they are not sent, and what a change of the event does."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, ngettext

from apps.events.deliveries import (
    deliveries_dispatch,
    deliveries_send,
    reminder_due_at,
    reminders_replan,
)
from apps.events.models import Delivery, Event, Registration
from apps.events.registrations import registration_cancel, registration_create
from apps.events.reminders import minutes_to_say
from apps.events.services import event_set_status, event_update
from xicheng_portal.celery import app as celery_app

from .conftest import JOIN_URL
from .factories import EventFactory

# The events here are in May 2027 and their changes are planned on the day the tests
# run: the module runs in December 2026, before them, whatever the machine's date.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02")]

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DEFAULT_OFFSETS = [10080, 1440, 120]


def _at(text, zone=BERLIN):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


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


def _elapsed(earlier, later):
    """Real time between two moments (Python subtracts wall clocks within one zone)."""
    return later.astimezone(UTC) - earlier.astimezone(UTC)


def _reminders(registration):
    """{offset in minutes: delivery} of one registration."""
    return {
        delivery.offset_minutes: delivery
        for delivery in registration.deliveries.filter(kind=Delivery.Kind.REMINDER)
    }


def _state(delivery):
    delivery.refresh_from_db()
    return delivery.state


def _lead(minutes):
    if minutes % 1440 == 0:
        days = minutes // 1440
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    hours = minutes // 60
    return ngettext("in %(count)d hour", "in %(count)d hours", hours) % {"count": hours}


# --- Which reminders a registration is owed --------------------------------------------------


def test_a_registration_well_ahead_gets_the_three_default_reminders():
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00")
    assert sorted(event.reminder_offsets.values_list("amount", "unit")) == [
        (1, "days"),
        (2, "hours"),
        (7, "days"),
    ]
    registration = _register(event, "a@example.org", now=_at("2027-04-01 12:00", SHANGHAI))
    reminders = _reminders(registration)
    assert sorted(reminders, reverse=True) == DEFAULT_OFFSETS
    assert {minutes: d.due_at for minutes, d in reminders.items()} == {
        10080: _at("2027-05-13 10:00", SHANGHAI),
        1440: _at("2027-05-19 10:00", SHANGHAI),
        120: _at("2027-05-20 08:00", SHANGHAI),
    }
    assert {d.state for d in reminders.values()} == {"pending"}
    assert {d.key for d in reminders.values()} == {f"reminder-{m}" for m in DEFAULT_OFFSETS}
    assert all(d.not_before == d.due_at for d in reminders.values())
    assert all(d.event_sequence == event.sequence for d in reminders.values())


def test_a_late_registration_gets_only_the_reminders_still_ahead():
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00")
    two_days_before = _register(event, "a@example.org", now=_at("2027-05-18 10:00", SHANGHAI))
    assert sorted(_reminders(two_days_before)) == [120, 1440]
    ninety_minutes_before = _register(event, "b@example.org", now=_at("2027-05-20 08:30", SHANGHAI))
    assert _reminders(ninety_minutes_before) == {}


def test_the_offsets_of_the_event_are_the_ones_used():
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00")
    event.reminder_offsets.all().delete()
    event.reminder_offsets.create(amount=3, unit="hours")
    event.reminder_offsets.create(amount=30, unit="minutes")
    registration = _register(event, "a@example.org", now=_at("2027-05-01 10:00", SHANGHAI))
    reminders = _reminders(registration)
    assert {m: d.due_at for m, d in reminders.items()} == {
        180: _at("2027-05-20 07:00", SHANGHAI),
        30: _at("2027-05-20 09:30", SHANGHAI),
    }


def test_nobody_on_the_waitlist_gets_reminders():
    event = EventFactory(takes_registrations=True, capacity=1, local_start="2027-05-20 10:00")
    now = _at("2027-04-01 12:00", SHANGHAI)
    _register(event, "seat@example.org", now=now)
    waiting = _register(event, "waiting@example.org", now=now)
    assert _reminders(waiting) == {}


def test_a_late_promotion_gets_only_the_reminders_still_ahead():
    event = EventFactory(takes_registrations=True, capacity=1, local_start="2027-05-20 10:00")
    seat = _register(event, "seat@example.org", now=_at("2027-04-01 12:00", SHANGHAI))
    waiting = _register(event, "waiting@example.org", now=_at("2027-04-01 12:00", SHANGHAI))
    registration_cancel(registration_id=seat.pk, now=_at("2027-05-18 09:00", SHANGHAI))
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert sorted(_reminders(waiting)) == [120, 1440]


def test_edited_offsets_are_followed_by_pending_reminders_only():
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00")
    registration = _register(event, "a@example.org", now=_at("2027-04-01 12:00", SHANGHAI))
    week = _reminders(registration)[10080]
    assert deliveries_send([week.pk], now=week.due_at)["sent"] == 1
    event.reminder_offsets.filter(minutes__in=[10080, 120]).delete()
    event.reminder_offsets.create(amount=30, unit="minutes")
    reminders_replan(event, now=_at("2027-05-14 12:00", SHANGHAI))
    states = {m: d.state for m, d in _reminders(registration).items()}
    # Sent stays sent; a removed offset is dropped; a new one is planned.
    assert states == {10080: "sent", 1440: "pending", 120: "skipped", 30: "pending"}
    assert _reminders(registration)[30].due_at == _at("2027-05-20 09:30", SHANGHAI)


# --- Daylight-saving time (Berlin changes on 29 March and 25 October 2026) -------------------


def test_whole_days_are_counted_on_the_wall_clock_across_the_spring_change():
    event = EventFactory(
        takes_registrations=True, time_zone="Europe/Berlin", local_start="2026-03-30 10:00"
    )
    assert event.starts_at == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    registration = _register(event, "a@example.org", now=_at("2026-03-01 12:00"))
    due = {minutes: d.due_at for minutes, d in _reminders(registration).items()}
    # "1 day before" is 10:00 the day before, on the summer clock already.
    assert due[1440] == _at("2026-03-29 10:00") == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert due[120] == _at("2026-03-30 08:00") == datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
    # A week before is 10:00 on the winter clock: 09:00 UTC, not 7 × 24 hours (08:00 UTC).
    assert due[10080] == _at("2026-03-23 10:00") == datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
    assert _elapsed(due[10080], event.starts_at) == timedelta(days=7, hours=-1)


def test_a_change_of_clock_between_the_reminder_and_the_start():
    # Spring: the night before loses an hour, so "1 day before" is 23 hours before.
    spring = EventFactory(
        takes_registrations=True, time_zone="Europe/Berlin", local_start="2026-03-29 10:00"
    )
    assert reminder_due_at(spring, 1440) == _at("2026-03-28 10:00")
    assert _elapsed(reminder_due_at(spring, 1440), spring.starts_at) == timedelta(hours=23)
    # Hours are elapsed time: two hours before 04:00 summer time is 01:00 winter time.
    early = EventFactory(
        takes_registrations=True, time_zone="Europe/Berlin", local_start="2026-03-29 04:00"
    )
    assert reminder_due_at(early, 120) == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert reminder_due_at(early, 120).astimezone(BERLIN).hour == 1
    # The same from the row as stored (UTC) and from an instance holding Berlin times.
    assert early.starts_at.tzinfo is BERLIN
    stored = Event.objects.get(pk=early.pk)
    assert {m: reminder_due_at(stored, m) for m in DEFAULT_OFFSETS} == {
        m: reminder_due_at(early, m) for m in DEFAULT_OFFSETS
    }
    # Autumn: the night before gains an hour, so "1 day before" is 25 hours before.
    autumn = EventFactory(
        takes_registrations=True, time_zone="Europe/Berlin", local_start="2026-10-25 10:00"
    )
    assert reminder_due_at(autumn, 1440) == _at("2026-10-24 10:00")
    assert _elapsed(reminder_due_at(autumn, 1440), autumn.starts_at) == timedelta(hours=25)
    registration = _register(autumn, "a@example.org", now=_at("2026-10-01 12:00"))
    assert _reminders(registration)[1440].due_at == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)


def test_replanning_with_the_admin_forms_instance_keeps_elapsed_hours():
    """The admin replans with its form's instance, whose times are in the event's zone."""
    event = EventFactory(
        takes_registrations=True, time_zone="Europe/Berlin", local_start="2026-03-29 04:00"
    )
    registration = _register(event, "a@example.org", now=_at("2026-03-01 12:00"))
    planned = {m: d.due_at for m, d in _reminders(registration).items()}
    reminders_replan(event, now=_at("2026-03-01 12:00"))
    assert {m: d.due_at for m, d in _reminders(registration).items()} == planned
    assert planned[120] == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)


def test_each_reminder_is_sent_at_its_time_across_the_change_and_once():
    event = EventFactory(
        takes_registrations=True,
        time_zone="Europe/Berlin",
        local_start="2026-03-30 10:00",
        online=True,
        join_url=JOIN_URL,
    )
    registration = _register(event, "a@example.org", now=_at("2026-03-01 12:00"))
    reminders = _reminders(registration)
    for minutes in DEFAULT_OFFSETS:
        delivery = reminders[minutes]
        # A minute early it waits; at its time it goes; a second run sends nothing.
        early = delivery.due_at - timedelta(minutes=1)
        assert deliveries_send([delivery.pk], now=early)["pending"] == 1
        assert deliveries_send([delivery.pk], now=delivery.due_at)["sent"] == 1
        assert deliveries_send([delivery.pk], now=delivery.due_at)["not_open"] == 1
        assert _state(delivery) == "sent"
    assert len(mail.outbox) == 3
    with translation.override("ru"):
        expected = [
            gettext("Reminder: %(event)s starts %(when)s")
            % {"event": event.title, "when": _lead(minutes)}
            for minutes in DEFAULT_OFFSETS
        ]
    assert [message.subject for message in mail.outbox] == expected
    assert all(JOIN_URL in message.body for message in mail.outbox)


# --- Late and unwanted reminders -------------------------------------------------------------


def _one_reminder(minutes=1440, language="ru", **values):
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00", **values)
    registration = _register(
        event, "a@example.org", language=language, now=_at("2027-04-01 12:00", SHANGHAI)
    )
    return event, registration, _reminders(registration)[minutes]


def test_a_reminder_within_the_grace_period_is_still_sent(settings):
    settings.EVENT_REMINDER_GRACE_MINUTES = 60
    _event, _registration, reminder = _one_reminder()
    result = deliveries_send([reminder.pk], now=reminder.due_at + timedelta(minutes=60))
    assert result["sent"] == 1
    assert len(mail.outbox) == 1


def test_a_reminder_later_than_the_grace_period_is_missed_not_sent(settings):
    settings.EVENT_REMINDER_GRACE_MINUTES = 60
    _event, _registration, reminder = _one_reminder()
    result = deliveries_send([reminder.pk], now=reminder.due_at + timedelta(minutes=61))
    assert result["missed"] == 1
    assert _state(reminder) == "missed"
    assert mail.outbox == []
    # Missed is final: it is not tried again.
    assert deliveries_send([reminder.pk], now=reminder.due_at)["not_open"] == 1


def test_the_grace_period_is_a_setting(settings):
    settings.EVENT_REMINDER_GRACE_MINUTES = 5
    _event, _registration, reminder = _one_reminder()
    assert deliveries_send([reminder.pk], now=reminder.due_at + timedelta(minutes=6))["missed"]
    assert mail.outbox == []


def test_a_reminder_once_the_event_has_started_is_missed(settings):
    settings.EVENT_REMINDER_GRACE_MINUTES = 24 * 60
    event, _registration, reminder = _one_reminder(minutes=120)
    assert deliveries_send([reminder.pk], now=event.starts_at)["missed"] == 1
    assert mail.outbox == []


def test_nothing_is_sent_for_an_event_that_is_over():
    event, _registration, reminder = _one_reminder()
    assert deliveries_send([reminder.pk], now=event.ends_at + timedelta(minutes=1))["skipped"]
    assert _state(reminder) == "skipped"
    assert mail.outbox == []


def test_nothing_is_sent_for_an_event_that_was_unpublished():
    event, _registration, reminder = _one_reminder()
    event.status = "draft"
    event_update(event=event)
    assert deliveries_send([reminder.pk], now=reminder.due_at)["skipped"] == 1
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Event.Status.CANCELLED, Event.Status.POSTPONED])
def test_nothing_is_sent_for_an_event_cancelled_or_postponed(status):
    event, _registration, reminder = _one_reminder()
    # Straight in the database, as if the row changed while the reminder was queued.
    Event.objects.filter(pk=event.pk).update(event_status=status)
    assert deliveries_send([reminder.pk], now=reminder.due_at)["skipped"] == 1
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Event.Status.RESCHEDULED, Event.Status.MOVED_ONLINE])
def test_reminders_go_out_for_an_event_rescheduled_or_moved_online(status):
    event, _registration, reminder = _one_reminder()
    Event.objects.filter(pk=event.pk).update(event_status=status)
    assert deliveries_send([reminder.pk], now=reminder.due_at)["sent"] == 1


@pytest.mark.parametrize("status", [Registration.Status.CANCELLED, Registration.Status.WAITLISTED])
def test_nothing_is_sent_to_a_registration_no_longer_confirmed(status):
    _event, registration, reminder = _one_reminder()
    Registration.objects.filter(pk=registration.pk).update(status=status)
    assert deliveries_send([reminder.pk], now=reminder.due_at)["skipped"] == 1
    assert mail.outbox == []


def test_cancelling_drops_the_reminders_even_one_already_handed_to_a_worker():
    _event, registration, reminder = _one_reminder()
    Delivery.objects.filter(pk=reminder.pk).update(state="queued")
    registration_cancel(registration_id=registration.pk, now=_at("2027-04-02 12:00", SHANGHAI))
    assert set(registration.deliveries.filter(kind="reminder").values_list("state", flat=True)) == {
        "skipped"
    }
    assert deliveries_send([reminder.pk], now=reminder.due_at)["not_open"] == 1
    assert mail.outbox == []


# --- The dispatcher --------------------------------------------------------------------------


@pytest.fixture
def _empty_queue():
    """deliveries_dispatch hands ids to the real Redis queue: leave nothing behind."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


@pytest.mark.usefixtures("_empty_queue")
def test_the_dispatcher_claims_only_what_is_due_and_each_row_once():
    event = EventFactory(takes_registrations=True, local_start="2027-05-20 10:00")
    registration = _register(event, "a@example.org", now=_at("2027-04-01 12:00", SHANGHAI))
    Delivery.objects.filter(kind="confirmation").update(state="sent")
    reminders = _reminders(registration)
    week = reminders[10080]
    assert deliveries_dispatch(now=week.due_at - timedelta(seconds=1)) == 0
    assert deliveries_dispatch(now=week.due_at) == 1
    assert _state(week) == "queued"
    assert deliveries_dispatch(now=week.due_at) == 0  # claimed already
    assert deliveries_send([week.pk], now=week.due_at)["sent"] == 1
    assert [_state(reminders[m]) for m in DEFAULT_OFFSETS] == ["sent", "pending", "pending"]
    # Beat ran late: everything due is claimed in one go, and the stale one is missed.
    late = reminders[120].due_at + timedelta(minutes=1)
    assert deliveries_dispatch(now=late) == 2
    result = deliveries_send([reminders[1440].pk, reminders[120].pk], now=late)
    assert (result["missed"], result["sent"]) == (1, 1)
    assert len(mail.outbox) == 2


# --- The event changes -----------------------------------------------------------------------


def _audience(event):
    """Two confirmed places, one on the waitlist and one cancelled: three to tell."""
    confirmed = [_register(event, f"c{n}@example.org", language="fr") for n in range(2)]
    waiting = _register(event, "waiting@example.org", language="ja")
    gone = _register(event, "gone@example.org")
    registration_cancel(registration_id=gone.pk)
    return confirmed, waiting, gone


def _send_updates():
    ids = list(Delivery.objects.filter(kind="update").order_by("pk").values_list("pk", flat=True))
    return deliveries_send(ids)


def _move(event, by):
    event.starts_at += by
    event.ends_at += by
    event_update(event=event)
    event.refresh_from_db()


def test_moving_the_event_moves_the_reminders_and_tells_each_registrant_once():
    event = EventFactory(takes_registrations=True, capacity=2, online=True, join_url=JOIN_URL)
    confirmed, waiting, gone = _audience(event)
    before = {m: d.due_at for m, d in _reminders(confirmed[0]).items()}
    _move(event, timedelta(days=1, hours=3))
    assert event.sequence == 1
    for registration in confirmed:
        reminders = _reminders(registration)
        assert {m: d.due_at for m, d in reminders.items()} == {
            m: reminder_due_at(event, m) for m in DEFAULT_OFFSETS
        }
        assert {d.state for d in reminders.values()} == {"pending"}
        assert {d.event_sequence for d in reminders.values()} == {1}
    assert before[120] + timedelta(days=1, hours=3) == _reminders(confirmed[0])[120].due_at
    updates = Delivery.objects.filter(kind="update")
    assert sorted(updates.values_list("registration_id", flat=True)) == sorted(
        [confirmed[0].pk, confirmed[1].pk, waiting.pk]
    )
    assert set(updates.values_list("key", "state")) == {("update-1", "pending")}
    assert not gone.deliveries.filter(kind="update").exists()
    assert _send_updates()["sent"] == 3
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        language = "ja" if message.to == ["waiting@example.org"] else "fr"
        with translation.override(language):
            title = event.title
            assert message.subject == gettext("Changed: new details for %(event)s") % {
                "event": title
            }
        calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["UID"]) == f"event-{event.pk}@portal.example.org"
        assert int(vevent["SEQUENCE"]) == 1
        assert vevent["DTSTART"].dt == event.local_start
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert (JOIN_URL in message.body) == (language == "fr")


def test_moving_the_event_closer_drops_the_reminders_whose_time_has_passed():
    event = EventFactory(takes_registrations=True, in_days=30)
    registration = _register(event, "a@example.org")
    _move(event, -timedelta(days=27))  # now three days ahead
    reminders = _reminders(registration)
    assert reminders[10080].state == "skipped"
    assert (reminders[1440].state, reminders[120].state) == ("pending", "pending")
    # Moved back out again, the week-before reminder is owed again.
    _move(event, timedelta(days=27))
    assert _state(reminders[10080]) == "pending"
    assert reminders[10080].due_at == reminder_due_at(event, 10080)


def test_a_reminder_already_sent_stays_sent_when_the_event_moves():
    event = EventFactory(takes_registrations=True, in_days=5)
    registration = _register(event, "a@example.org", now=event.starts_at - timedelta(days=8))
    week = _reminders(registration)[10080]
    assert deliveries_send([week.pk], now=week.due_at)["sent"] == 1
    _move(event, timedelta(days=14))
    week.refresh_from_db()
    assert week.state == "sent"
    assert week.due_at != reminder_due_at(event, 10080)
    assert registration.deliveries.filter(kind="reminder").count() == 3


def test_two_quick_changes_send_only_the_newest_update():
    event = EventFactory(takes_registrations=True, capacity=2)
    confirmed, waiting, _gone = _audience(event)
    _move(event, timedelta(hours=1))
    event.location_en = "Xicheng Culture Centre, Hall 2"
    event_update(event=event)
    event.refresh_from_db()
    assert event.sequence == 2
    assert dict(
        Delivery.objects.filter(registration=confirmed[0], kind="update").values_list(
            "key", "state"
        )
    ) == {"update-1": "skipped", "update-2": "pending"}
    result = _send_updates()
    assert (result["sent"], result["not_open"]) == (3, 3)
    assert len(mail.outbox) == 3
    sequences = {
        int(icalendar.Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")[0]["SEQUENCE"])
        for m in mail.outbox
    }
    assert sequences == {2}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed[0].email, confirmed[1].email, waiting.email]
    )


def test_saving_without_a_change_of_schedule_tells_nobody():
    event = EventFactory(takes_registrations=True)
    _register(event, "a@example.org")
    event.summary_en = "A new summary."
    event_update(event=event)
    event.refresh_from_db()
    assert event.sequence == 0
    assert not Delivery.objects.filter(kind="update").exists()


def test_cancelling_the_event_withdraws_it_from_every_calendar():
    event = EventFactory(takes_registrations=True, capacity=2, online=True, join_url=JOIN_URL)
    confirmed, waiting, _gone = _audience(event)
    event_set_status(event=event, status=Event.Status.CANCELLED)
    event.refresh_from_db()
    assert event.sequence == 1
    assert set(
        Delivery.objects.filter(registration__in=confirmed, kind="reminder").values_list(
            "state", flat=True
        )
    ) == {"skipped"}
    assert _send_updates()["sent"] == 3
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        language = "ja" if message.to == [waiting.email] else "fr"
        with translation.override(language):
            assert message.subject == gettext("Cancelled: %(event)s will not take place") % {
                "event": event.title
            }
        filename, content, mimetype = message.attachments[0]
        assert "method=CANCEL" in mimetype
        calendar = icalendar.Calendar.from_ical(content)
        assert "METHOD:CANCEL" in calendar.to_ical().decode()
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert int(vevent["SEQUENCE"]) == 1
        assert JOIN_URL not in message.body and JOIN_URL not in content
    # Nothing more goes out for it, not even the reminders' original times.
    for delivery in Delivery.objects.filter(kind="reminder"):
        assert deliveries_send([delivery.pk], now=delivery.due_at)["not_open"] == 1


def test_postponing_holds_the_reminders_and_rescheduling_brings_them_back():
    event = EventFactory(takes_registrations=True)
    registration = _register(event, "a@example.org")
    event_set_status(event=event, status=Event.Status.POSTPONED)
    reminders = _reminders(registration)
    assert {d.state for d in reminders.values()} == {"skipped"}
    event.refresh_from_db()
    event.starts_at += timedelta(days=7)
    event.ends_at += timedelta(days=7)
    event.event_status = Event.Status.RESCHEDULED
    event_update(event=event)
    reminders = _reminders(registration)
    assert {d.state for d in reminders.values()} == {"pending"}
    assert {m: d.due_at for m, d in reminders.items()} == {
        m: reminder_due_at(event, m) for m in DEFAULT_OFFSETS
    }
    # Postponed, then rescheduled: the second update replaces the first.
    assert dict(registration.deliveries.filter(kind="update").values_list("key", "state")) == {
        "update-1": "skipped",
        "update-2": "pending",
    }


def test_adding_places_promotes_the_waitlist_in_order():
    event = EventFactory(takes_registrations=True, capacity=1)
    _register(event, "seat@example.org")
    waiting = [_register(event, f"w{n}@example.org") for n in range(3)]
    event.capacity = 3
    event_update(event=event)
    for registration in waiting:
        registration.refresh_from_db()
    assert [r.status for r in waiting] == ["confirmed", "confirmed", "waitlisted"]
    assert Delivery.objects.filter(kind="promoted").count() == 2
    assert sorted(_reminders(waiting[0])) == sorted(DEFAULT_OFFSETS)
    assert not Delivery.objects.filter(kind="update").exists()


@pytest.mark.parametrize(
    ("late", "says"),
    [
        (timedelta(minutes=3), "in 1 day"),  # on time: beat runs every minute
        (timedelta(hours=3), "in 21 hours"),
        (timedelta(hours=23, minutes=20), "in 40 minutes"),
    ],
)
def test_a_late_reminder_says_the_time_really_left(settings, late, says):
    settings.EVENT_REMINDER_GRACE_MINUTES = 24 * 60
    event, registration, reminder = _one_reminder(language="en")
    assert deliveries_send([reminder.pk], now=reminder.due_at + late)["sent"] == 1
    [message] = mail.outbox
    assert says in message.subject
    assert says in message.body


def test_how_long_a_reminder_says_is_left():
    due = datetime(2027, 5, 19, 2, 0, tzinfo=UTC)
    start = due + timedelta(days=7)

    def says(late):
        return minutes_to_say(
            offset_minutes=7 * 24 * 60, due_at=due, starts_at=start, now=due + late
        )

    assert says(timedelta(minutes=5)) == 7 * 24 * 60
    assert says(timedelta(hours=13)) == 6 * 24 * 60  # 6 days 11 hours: "in 6 days"
    assert says(timedelta(days=5, hours=1)) == 47 * 60  # 1 day 23 hours: "in 47 hours"
    assert says(timedelta(days=6, hours=22, minutes=30)) == 90  # "in 90 minutes"
    assert says(timedelta(days=7)) == 1  # never "in 0 minutes"
