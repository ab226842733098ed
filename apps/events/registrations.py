"""Registering for events: places and the waitlist.

Every write takes the event's row lock first (`SELECT ... FOR UPDATE`), so registrations,
cancellations and promotions of one event happen one after the other and a place is
never given twice. Each write records the emails it owes in the same transaction
(see `deliveries.py`).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .deliveries import (
    deliveries_close_open,
    deliveries_kick,
    delivery_add,
    reminders_plan,
)
from .models import (
    Delivery,
    Event,
    Registration,
    RegistrationState,
    RegistrationSummary,
)


class RegistrationClosed(Exception):
    """The event does not take this registration now; `state` says why."""

    def __init__(self, state: str):
        self.state = RegistrationState(state)
        super().__init__(self.state.label)

    @property
    def message(self):
        return self.state.label


class PlaceNotFree(Exception):
    """Staff asked to move someone off the waitlist while every place is taken."""


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    # False when this is a registration that already existed: the same form posted
    # twice, or the same email address registering again.
    created: bool
    # True when the same form was posted again (the same visitor, so it may see it).
    same_form: bool = False


# --- Registering -------------------------------------------------------------------------


def _lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _has_free_place(event: Event, *, now: datetime) -> bool:
    return event.places_left(now=now) != 0


def _expire_past_holds(event: Event, *, now: datetime) -> list[Registration]:
    """End the event's holds past their time (event row locked) and give their places to
    the waitlist; returns the promoted.

    Every write to an event's places starts here, and `events.expire_holds` runs it every
    minute: a hold never outlives its time by more than the next write, whether or not a
    worker is up.
    """
    expired = list(event.registrations.holds_expired(now=now).select_for_update())
    return _expire(event, expired, now=now)


def _waitlist(event: Event):
    """Who is offered a freed place, in order: where places are held, only those whose
    address is confirmed (a script's addresses never hold up the list)."""
    waitlist = event.registrations.waitlisted()
    if event.holds_places():
        waitlist = waitlist.filter(address_confirmed_at__isnull=False)
    return waitlist


def _hold_until(event: Event, now: datetime) -> datetime:
    """When a place held now goes back unless confirmed: EVENT_REGISTRATION_HOLD_MINUTES,
    never past the start."""
    return min(now + timedelta(minutes=settings.EVENT_REGISTRATION_HOLD_MINUTES), event.starts_at)


def registration_create(
    *,
    event_id: int,
    name: str,
    email: str,
    country: str,
    language: str,
    time_zone: str,
    organisation: str = "",
    form_token=None,
    form_token_is_mine: bool = False,
    address_confirmed: bool = False,
    now: datetime | None = None,
) -> RegistrationResult:
    """Register a visitor: a place while there is one, else the waitlist.

    Where the event holds places (`Event.holds_places`) and the address is not known to
    be confirmed (`address_confirmed`: staff or the demo), the place is held and the email
    asks to confirm it (`registration_confirm_address`).
    `form_token` finds the registration of the same form posted twice, but only when
    `form_token_is_mine` (the caller's session sent that form before): the token is in
    the page, not a key, and someone else's must never lead to their registration.
    Raises RegistrationClosed when the event does not take registrations now.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event_id)
        if form_token is not None:
            again = Registration.objects.filter(form_token=form_token).first()
            if again is not None:
                if again.event_id == event.pk and form_token_is_mine:
                    return RegistrationResult(again, created=False, same_form=True)
                form_token = None  # another form's token: not ours to reuse
        state = event.registration_state(now=now)
        if state != RegistrationState.OPEN:
            raise RegistrationClosed(state)
        # First, places held past their time: to the waitlist's first, or to this visitor.
        _expire_past_holds(event, now=now)
        existing = event.registrations.filter(email__iexact=email).first()
        if existing is not None and existing.is_active:
            _tell_owner(existing, now=now)
            return RegistrationResult(existing, created=False)
        # Nobody jumps the waitlist: a freed place goes to the first in line.
        waiting = _waitlist(event).exists()
        place = not waiting and _has_free_place(event, now=now)
        hold = event.holds_places() and not address_confirmed
        confirmed = place and not hold
        registration = existing or Registration(event=event)
        registration.name = name
        registration.email = email
        registration.organisation = organisation
        registration.country = country
        registration.language = language
        registration.time_zone = time_zone
        registration.consented_at = now
        registration.form_token = form_token
        registration.cancelled_at = None
        registration.address_confirmed_at = None if hold else now
        registration.held_until = _hold_until(event, now) if place and hold else None
        if confirmed:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at, registration.waitlisted_at = now, None
        elif place:
            registration.status = Registration.Status.HELD
            registration.confirmed_at, registration.waitlisted_at = None, None
        else:
            registration.status = Registration.Status.WAITLISTED
            registration.confirmed_at, registration.waitlisted_at = None, now
        registration.save()
        if hold:
            kind = Delivery.Kind.CONFIRM_ADDRESS
        else:
            kind = Delivery.Kind.CONFIRMATION if confirmed else Delivery.Kind.WAITLISTED
        delivery_add(registration, kind=kind, now=now)
        if confirmed:
            reminders_plan(registration, event=event, now=now)
    deliveries_kick()
    return RegistrationResult(registration, created=True)


def registration_confirm_address(
    *, registration_id: int, now: datetime | None = None
) -> Registration:
    """The registrant opened the emailed link and confirmed their address.

    A held place becomes theirs (the confirmation email, with the join link, is owed); on
    the waitlist they join the line of confirmed addresses, and a free place is offered at
    once. Confirming twice, or after the hold expired, changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        # A hold past its time (the expiry task has not come round yet) ends here: too late.
        promoted = _expire_past_holds(event, now=now)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.address_confirmed_at is not None or not registration.is_active:
            if promoted:
                deliveries_kick()
            return registration
        registration.event = event
        registration.address_confirmed_at = now
        deliveries_close_open(
            Delivery.objects.filter(registration=registration, kind=Delivery.Kind.CONFIRM_ADDRESS)
        )
        if registration.status == Registration.Status.HELD:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at, registration.held_until = now, None
            registration.save()
            delivery_add(registration, kind=Delivery.Kind.CONFIRMATION, now=now)
            reminders_plan(registration, event=event, now=now)
        else:
            registration.save()
            _promote(event, now=now)
    deliveries_kick()
    return registration


def registrations_expire_holds(*, event_id: int, now: datetime | None = None) -> int:
    """Places held longer than their time go to the waitlist or back to the free places.

    Idempotent: a second run finds nothing held past its time. Returns how many expired.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event_id)
        expired = list(event.registrations.holds_expired(now=now).select_for_update())
        promoted = _expire(event, expired, now=now)
    if promoted:
        deliveries_kick()
    return len(expired)


def registration_as_of_now(registration: Registration, *, now: datetime | None = None):
    """The registration as it stands now, for its private page.

    When its own hold is past its time, or it waits on the list while holds past theirs
    keep places, those holds end first: what the registrant reads never waits for
    `events.expire_holds` (a worker may be down). Returns the registration, fresh.
    """
    now = now or timezone.now()
    Status = Registration.Status
    if registration.status == Status.HELD:
        stale = registration.held_until <= now
    elif registration.status == Status.WAITLISTED:
        stale = registration.event.registrations.holds_expired(now=now).exists()
    else:
        stale = False
    if not stale:
        return registration
    event = registration.event
    registrations_expire_holds(event_id=event.pk, now=now)
    registration.refresh_from_db()
    registration.event = event  # unchanged; refresh_from_db forgot it
    return registration


def _expire(event: Event, registrations: list, *, now: datetime) -> list[Registration]:
    """End these holds (rows locked); their places go to the waitlist. Returns the promoted."""
    for registration in registrations:
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        deliveries_close_open(Delivery.objects.filter(registration=registration))
    return _promote(event, now=now) if registrations else []


def events_with_expired_holds(*, now: datetime | None = None) -> list[int]:
    """The events where a place is held past its time."""
    now = now or timezone.now()
    return list(
        Registration.objects.holds_expired(now=now)
        .order_by()
        .values_list("event_id", flat=True)
        .distinct()
    )


def _tell_owner(registration: Registration, *, now: datetime) -> None:
    """Someone registered this address again: its owner gets an email with the private link.

    The visitor sees the same page as any new registrant (nothing tells them the address
    was registered); one such email waits at a time, however often the form is sent.
    """
    open_ones = Delivery.objects.filter(
        registration=registration, kind=Delivery.Kind.ALREADY, state__in=Delivery.OPEN_STATES
    )
    if not open_ones.exists():
        delivery_add(registration, kind=Delivery.Kind.ALREADY, now=now)
        deliveries_kick()


def registration_cancel(*, registration_id: int, now: datetime | None = None) -> Registration:
    """Cancel a place or leave the waitlist; a freed place goes to the next in line.

    Cancelling twice is harmless: the second time changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        promoted = _expire_past_holds(event, now=now)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            if promoted:
                deliveries_kick()
            return registration
        # A held place is taken too: either one, once freed, goes to the next in line.
        took_place = registration.status in (
            Registration.Status.CONFIRMED,
            Registration.Status.HELD,
        )
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        deliveries_close_open(Delivery.objects.filter(registration=registration))
        delivery_add(registration, kind=Delivery.Kind.CANCELLED, now=now)
        if took_place:
            _promote(event, now=now)
    deliveries_kick()
    return registration


def _promote(event: Event, *, now: datetime) -> list[Registration]:
    """Give free places to the waitlist, first come first served (event row locked)."""
    if event.starts_at <= now or event.is_cancelled:
        return []
    waitlist = _waitlist(event).select_for_update()
    free = event.places_left(now=now)
    if free == 0:
        return []
    if free is not None:
        waitlist = waitlist[:free]
    promoted = []
    for registration in waitlist:
        _confirm(registration, event=event, now=now)
        promoted.append(registration)
    return promoted


def _confirm(registration: Registration, *, event: Event, now: datetime) -> None:
    registration.status = Registration.Status.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    deliveries_close_open(
        Delivery.objects.filter(registration=registration, kind=Delivery.Kind.WAITLISTED)
    )
    delivery_add(registration, kind=Delivery.Kind.PROMOTED, now=now)
    reminders_plan(registration, event=event, now=now)


def registrations_fill_free_places(*, event_id: int, now: datetime | None = None) -> list:
    """After places were added to an event, offer them to the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event_id)
        promoted = _expire_past_holds(event, now=now) + _promote(event, now=now)
    if promoted:
        deliveries_kick()
    return promoted


def registration_confirm_from_waitlist(
    *, registration_id: int, now: datetime | None = None
) -> Registration:
    """Staff move one person off the waitlist, out of turn, into a free place.

    Raises PlaceNotFree when every place is taken, RegistrationClosed when the event
    is cancelled or has started; nothing is changed then.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
        event = _lock_event(event_id)
        promoted = _expire_past_holds(event, now=now)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status != Registration.Status.WAITLISTED:
            if promoted:
                deliveries_kick()
            return registration
        if event.is_cancelled:
            raise RegistrationClosed(RegistrationState.CANCELLED)
        if event.starts_at <= now:
            raise RegistrationClosed(RegistrationState.STARTED)
        if not _has_free_place(event, now=now):
            raise PlaceNotFree(
                _("All %(count)d places of “%(event)s” are taken. Add places to the event first.")
                % {"count": event.capacity, "event": event}
            )
        _confirm(registration, event=event, now=now)
    deliveries_kick()
    return registration


def registrations_event_changed(*, event: Event, now: datetime) -> int:
    """The event's time, place or status changed: owe everyone registered one email.

    Runs in the caller's transaction, which holds the event's row lock (see
    `services.event_update`, which also plans the reminders again). Returns how many
    are owed one.
    """
    if event.ends_at < now:
        return 0
    registrations = list(event.registrations.active())
    for registration in registrations:
        # One update per calendar revision; an update not sent yet is replaced by
        # this newer one, so a burst of edits sends a single email.
        deliveries_close_open(
            Delivery.objects.filter(registration=registration, kind=Delivery.Kind.UPDATE)
        )
        delivery_add(registration, kind=Delivery.Kind.UPDATE, now=now)
    return len(registrations)


# --- Retention ---------------------------------------------------------------------------


def registrations_purge(*, now: datetime | None = None) -> int:
    """Delete registrants' personal data some days after their event, keeping counts.

    Returns the number of registrations deleted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVENT_REGISTRATION_RETENTION_DAYS)
    deleted = 0
    event_ids = (
        Registration.objects.filter(event__ends_at__lt=cutoff)
        .values_list("event_id", flat=True)
        .distinct()
    )
    for event_id in list(event_ids):
        with transaction.atomic():
            event = _lock_event(event_id)
            registrations = event.registrations.all()
            statuses = Counter(dict(registrations.values_list("status").annotate(n=Count("pk"))))
            languages = Counter(dict(registrations.values_list("language").annotate(n=Count("pk"))))
            countries = Counter(dict(registrations.values_list("country").annotate(n=Count("pk"))))
            reminders = Delivery.objects.filter(
                Q(registration__event=event),
                kind=Delivery.Kind.REMINDER,
                state=Delivery.State.SENT,
            ).count()
            summary, _created = RegistrationSummary.objects.get_or_create(
                event=event, defaults={"purged_at": now}
            )
            summary.confirmed += statuses[Registration.Status.CONFIRMED]
            summary.waitlisted += statuses[Registration.Status.WAITLISTED]
            # A hold never confirmed (its expiry had not run) was no place: cancelled.
            summary.cancelled += (
                statuses[Registration.Status.CANCELLED] + statuses[Registration.Status.HELD]
            )
            summary.by_language = dict(Counter(summary.by_language) + languages)
            summary.by_country = dict(Counter(summary.by_country) + countries)
            summary.reminders_sent += reminders
            summary.purged_at = now
            summary.save()
            registrations.delete()
            deleted += statuses.total()
    return deleted
