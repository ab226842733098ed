"""Places, the waitlist and cancellations: the registration services, alone and in parallel."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone, translation

from apps.events.forms import form_shown_value
from apps.events.models import Delivery, Registration
from apps.events.registrations import (
    RegistrationClosed,
    registration_cancel,
    registration_create,
    registrations_fill_free_places,
)
from apps.events.tokens import registration_manage_url
from xicheng_portal.celery import app as celery_app

from .factories import EventFactory


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
    )


def _kinds(registration):
    return sorted(registration.deliveries.values_list("kind", "state"))


@pytest.fixture
def _empty_queue():
    """Kicks of committed registrations go to the test's Redis: leave nothing behind."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


# --- Places and the waitlist -----------------------------------------------------------------


@pytest.mark.django_db
def test_places_are_confirmed_until_full_then_the_waitlist_takes_over():
    event = EventFactory(takes_registrations=True, capacity=2)
    results = [_register(event, f"visitor{n}@example.org") for n in range(4)]
    statuses = [result.registration.status for result in results]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert all(result.created for result in results)
    confirmed, waitlisted = results[0].registration, results[2].registration
    # A confirmed place owes a confirmation and its reminders; the waitlist only its notice.
    assert _kinds(confirmed) == [("confirmation", "pending")] + [("reminder", "pending")] * 3
    assert _kinds(waitlisted) == [("waitlisted", "pending")]
    assert waitlisted.waitlisted_at is not None and waitlisted.confirmed_at is None


@pytest.mark.django_db
def test_an_event_without_a_limit_confirms_everyone():
    event = EventFactory(takes_registrations=True, capacity=None)
    for n in range(30):
        _register(event, f"visitor{n}@example.org")
    assert event.registrations.confirmed().count() == 30


@pytest.mark.django_db
def test_nobody_jumps_the_waitlist_when_a_place_is_added_later():
    event = EventFactory(takes_registrations=True, capacity=1)
    _register(event, "first@example.org")
    waiting = _register(event, "second@example.org").registration
    # A place added without the service (e.g. a bulk update): a newcomer still
    # queues behind the person already waiting.
    type(event).objects.filter(pk=event.pk).update(capacity=2)
    late = _register(event, "third@example.org").registration
    assert late.status == Registration.Status.WAITLISTED
    registrations_fill_free_places(event_id=event.pk)
    waiting.refresh_from_db()
    late.refresh_from_db()
    assert (waiting.status, late.status) == ("confirmed", "waitlisted")


@pytest.mark.django_db
def test_registration_is_refused_while_the_event_is_not_open():
    event = EventFactory(takes_registrations=True, capacity=5)
    with pytest.raises(RegistrationClosed) as refused:
        _register(event, "late@example.org", now=event.starts_at)
    assert refused.value.state == "started"
    with translation.override("fr"):
        assert refused.value.message == str(refused.value.state.label)
    assert not Registration.objects.exists()
    assert not Delivery.objects.exists()


# --- The same visitor twice ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_email_in_other_letters_gets_the_existing_registration_and_nothing_more():
    event = EventFactory(takes_registrations=True, capacity=5)
    first = _register(event, "Alena@Example.org").registration
    deliveries = Delivery.objects.count()
    again = _register(event, "alena@example.ORG", name="Someone Else", language="fr")
    assert again.created is False and again.same_form is False
    assert again.registration.pk == first.pk
    assert Registration.objects.count() == 1
    # Its owner is owed one email saying so, with their private link; nothing else.
    assert Delivery.objects.count() == deliveries + 1
    told = Delivery.objects.get(kind="already")
    assert (told.registration_id, told.state) == (first.pk, "pending")
    _register(event, "ALENA@example.org", name="Third Try")
    assert Delivery.objects.count() == deliveries + 1  # one waiting at a time
    first.refresh_from_db()
    # Whoever typed the address again changed nothing of the registration.
    assert (first.name, first.language) == ("Alena Kavalenka", "ru")


@pytest.mark.django_db
def test_the_same_form_posted_twice_is_one_registration():
    event = EventFactory(takes_registrations=True, capacity=5)
    token = uuid.uuid4()
    first = _register(event, "a@example.org", form_token=token)
    second = _register(event, "a@example.org", form_token=token, form_token_is_mine=True)
    assert first.created and not second.created and second.same_form
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert Delivery.objects.filter(kind="confirmation").count() == 1


@pytest.mark.django_db
def test_a_form_token_from_another_session_finds_nothing():
    event = EventFactory(takes_registrations=True, capacity=5)
    token = uuid.uuid4()
    first = _register(event, "a@example.org", form_token=token)
    other = _register(event, "b@example.org", form_token=token)
    assert other.created and not other.same_form
    assert other.registration.pk != first.registration.pk
    assert other.registration.form_token is None


@pytest.mark.django_db
def test_a_form_token_of_another_event_is_not_reused():
    one = EventFactory(takes_registrations=True)
    other = EventFactory(takes_registrations=True)
    token = uuid.uuid4()
    _register(one, "a@example.org", form_token=token)
    result = _register(other, "a@example.org", form_token=token)
    assert result.created
    assert result.registration.event_id == other.pk
    assert result.registration.form_token is None


@pytest.mark.django_db
def test_registering_again_after_cancelling_reuses_the_row_and_owes_a_new_confirmation():
    event = EventFactory(takes_registrations=True, capacity=5)
    first = _register(event, "a@example.org").registration
    registration_cancel(registration_id=first.pk)
    again = _register(event, "A@example.org", language="fr")
    assert again.created
    assert again.registration.pk == first.pk
    assert Registration.objects.count() == 1
    registration = again.registration
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.cancelled_at is None
    assert registration.language == "fr"
    confirmations = dict(
        registration.deliveries.filter(kind="confirmation").values_list("key", "state")
    )
    assert confirmations == {"confirmation-1": "skipped", "confirmation-2": "pending"}
    # The reminders dropped at the cancellation are owed again.
    reminders = registration.deliveries.filter(kind="reminder")
    assert sorted(reminders.values_list("state", flat=True)) == ["pending"] * 3


@pytest.mark.django_db
def test_registering_again_while_the_event_is_full_joins_the_waitlist():
    event = EventFactory(takes_registrations=True, capacity=1)
    first = _register(event, "a@example.org").registration
    registration_cancel(registration_id=first.pk)
    _register(event, "b@example.org")  # takes the freed place
    again = _register(event, "a@example.org").registration
    assert again.pk == first.pk
    assert again.status == Registration.Status.WAITLISTED
    assert again.confirmed_at is None and again.waitlisted_at is not None
    assert not again.deliveries.filter(kind="reminder", state="pending").exists()


# --- Cancelling and promotion ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_cancellation_frees_the_place_for_the_first_on_the_waitlist_with_an_email():
    event = EventFactory(takes_registrations=True, capacity=1)
    start = timezone.now() - timedelta(hours=1)
    seat = _register(event, "seat@example.org", now=start).registration
    first = _register(event, "first@example.org", now=start + timedelta(minutes=1)).registration
    second = _register(event, "second@example.org", now=start + timedelta(minutes=2)).registration
    cancelled = registration_cancel(registration_id=seat.pk)
    assert cancelled.status == Registration.Status.CANCELLED
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert first.confirmed_at is not None
    assert ("promoted", "pending") in _kinds(first)
    # The "you are on the waitlist" email not sent yet is no longer wanted.
    assert ("waitlisted", "skipped") in _kinds(first)
    assert [kind for kind, _state in _kinds(first)].count("reminder") == 3
    assert (
        _kinds(seat)
        == [("cancelled", "pending")]
        + [("confirmation", "skipped")]
        + [("reminder", "skipped")] * 3
    )


@pytest.mark.django_db
def test_cancelling_twice_changes_nothing_the_second_time():
    event = EventFactory(takes_registrations=True, capacity=1)
    seat = _register(event, "seat@example.org").registration
    waiting = _register(event, "waiting@example.org").registration
    registration_cancel(registration_id=seat.pk)
    before = sorted(Delivery.objects.values_list("pk", "state"))
    again = registration_cancel(registration_id=seat.pk)
    assert again.status == Registration.Status.CANCELLED
    assert sorted(Delivery.objects.values_list("pk", "state")) == before
    assert waiting.deliveries.filter(kind="promoted").count() == 1


@pytest.mark.django_db
def test_nobody_is_promoted_once_the_event_has_started():
    event = EventFactory(takes_registrations=True, capacity=1)
    seat = _register(event, "seat@example.org").registration
    waiting = _register(event, "waiting@example.org").registration
    registration_cancel(registration_id=seat.pk, now=event.starts_at + timedelta(minutes=5))
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED
    assert not waiting.deliveries.filter(kind="promoted").exists()
    assert registrations_fill_free_places(event_id=event.pk, now=event.starts_at) == []


@pytest.mark.django_db
def test_someone_who_left_the_waitlist_is_never_promoted():
    event = EventFactory(takes_registrations=True, capacity=1)
    start = timezone.now() - timedelta(hours=1)
    seat = _register(event, "seat@example.org", now=start).registration
    gone = _register(event, "gone@example.org", now=start + timedelta(minutes=1)).registration
    next_ = _register(event, "next@example.org", now=start + timedelta(minutes=2)).registration
    registration_cancel(registration_id=gone.pk)
    registration_cancel(registration_id=seat.pk)
    gone.refresh_from_db()
    next_.refresh_from_db()
    assert gone.status == Registration.Status.CANCELLED
    assert next_.status == Registration.Status.CONFIRMED
    assert not gone.deliveries.filter(kind="promoted").exists()


@pytest.mark.django_db
def test_leaving_the_waitlist_frees_no_place():
    event = EventFactory(takes_registrations=True, capacity=1)
    seat = _register(event, "seat@example.org").registration
    leaving = _register(event, "leaving@example.org").registration
    waiting = _register(event, "waiting@example.org").registration
    registration_cancel(registration_id=leaving.pk)
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.status, waiting.status) == ("confirmed", "waitlisted")
    assert not Delivery.objects.filter(kind="promoted").exists()
    assert _kinds(leaving) == [("cancelled", "pending"), ("waitlisted", "skipped")]


@pytest.mark.django_db
def test_nobody_is_promoted_to_a_cancelled_event():
    from apps.events.services import event_set_status

    event = EventFactory(takes_registrations=True, capacity=1)
    seat = _register(event, "seat@example.org").registration
    waiting = _register(event, "waiting@example.org").registration
    event_set_status(event=event, status="cancelled")
    registration_cancel(registration_id=seat.pk)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED


# --- In parallel, against PostgreSQL ---------------------------------------------------------


def _in_parallel(count, work):
    """Run `work(n)` for n in range(count) in threads released together; their results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(n):
        try:
            barrier.wait(timeout=20)
            results[n] = work(n)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    assert not errors, errors
    return results


def _form(email):
    return {
        "name": "Visitor",
        "email": email,
        "country": "BY",
        "language": "ru",
        "time_zone": "Europe/Minsk",
        "consent": "on",
        "form_token": str(uuid.uuid4()),
        "shown": form_shown_value(now=time.time() - 60),  # shown a minute ago
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_parallel_registrations_never_overbook(settings):
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 100  # twenty visitors, one test address
    event = EventFactory(takes_registrations=True, capacity=5)
    url = event.get_register_url()

    def post(n):
        return Client().post(url, _form(f"visitor{n}@example.org")).status_code

    assert _in_parallel(20, post) == [200] * 20
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 20
    assert registrations.confirmed().count() == 5
    assert registrations.waitlisted().count() == 15
    assert len(set(registrations.values_list("email", flat=True))) == 20
    # Each owes exactly one first email, of the kind that matches its place.
    assert Delivery.objects.filter(kind="confirmation").count() == 5
    assert Delivery.objects.filter(kind="waitlisted").count() == 15
    assert Delivery.objects.filter(kind="reminder").count() == 5 * 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_the_same_email_in_parallel_is_registered_once(settings):
    settings.EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR = 100  # one visitor, one address each
    settings.EVENT_REGISTRATION_CHALLENGE_AFTER = 100
    event = EventFactory(takes_registrations=True, capacity=5)
    url = event.get_register_url()

    def post(n):
        return Client().post(url, _form("Same@example.org" if n % 2 else "same@EXAMPLE.org"))

    responses = _in_parallel(8, post)
    assert [response.status_code for response in responses] == [200] * 8
    assert Registration.objects.count() == 1
    assert Delivery.objects.filter(kind="confirmation").count() == 1
    # The owner is told once that the address was registered again, however often.
    assert Delivery.objects.filter(kind="already").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_parallel_cancellations_promote_as_many_in_waitlist_order():
    event = EventFactory(takes_registrations=True, capacity=5)
    start = timezone.now() - timedelta(hours=1)
    registrations = [
        _register(event, f"r{n}@example.org", now=start + timedelta(seconds=n)).registration
        for n in range(12)
    ]
    confirmed, waitlist = registrations[:5], registrations[5:]
    assert {r.status for r in confirmed} == {"confirmed"}
    assert {r.status for r in waitlist} == {"waitlisted"}
    leaving = confirmed[:3]
    manage_urls = [registration_manage_url(registration) for registration in leaving]

    def work(n):
        # Three cancel on their private page while four newcomers register.
        if n < len(leaving):
            return Client().post(manage_urls[n], {"action": "cancel"}).status_code
        return Client().post(event.get_register_url(), _form(f"new{n}@example.org")).status_code

    assert _in_parallel(7, work) == [302] * 3 + [200] * 4
    assert event.registrations.confirmed().count() == 5
    now_confirmed = set(event.registrations.confirmed().values_list("pk", flat=True))
    assert now_confirmed - {r.pk for r in confirmed} == {r.pk for r in waitlist[:3]}
    assert Delivery.objects.filter(kind="promoted").count() == 3
    assert set(
        Delivery.objects.filter(kind="promoted").values_list("registration_id", flat=True)
    ) == {r.pk for r in waitlist[:3]}
    # Newcomers queue behind everyone who was already waiting.
    order = list(event.registrations.waitlisted().values_list("email", flat=True))
    assert order[:4] == [r.email for r in waitlist[3:]]
    assert sorted(order[4:]) == [f"new{n}@example.org" for n in range(3, 7)]
    assert event.registrations.filter(status="cancelled").count() == 3
