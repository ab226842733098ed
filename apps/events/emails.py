"""The emails registrants get, each rendered in the registrant's own language."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from . import reminders
from .calendar import registration_calendar_bytes
from .models import Delivery, Event, Registration
from .tokens import registration_token


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _subject(kind: str, event: Event, offset_minutes: int | None) -> str:
    title = event.title
    if kind == Delivery.Kind.CONFIRMATION:
        subject = gettext("Your place is confirmed: %(event)s")
    elif kind == Delivery.Kind.WAITLISTED:
        subject = gettext("You are on the waitlist: %(event)s")
    elif kind == Delivery.Kind.PROMOTED:
        subject = gettext("A place is now yours: %(event)s")
    elif kind == Delivery.Kind.CANCELLED:
        subject = gettext("Registration cancelled: %(event)s")
    elif kind == Delivery.Kind.CONFIRM_ADDRESS:
        subject = gettext("Please confirm your registration: %(event)s")
    elif kind == Delivery.Kind.ALREADY:
        subject = gettext("You are already registered: %(event)s")
    elif kind == Delivery.Kind.UPDATE and event.is_cancelled:
        subject = gettext("Cancelled: %(event)s will not take place")
    elif kind == Delivery.Kind.UPDATE:
        subject = gettext("Changed: new details for %(event)s")
    else:
        return gettext("Reminder: %(event)s starts %(when)s") % {
            "event": title,
            "when": reminders.lead_time(offset_minutes or 0),
        }
    return subject % {"event": title}


# Stand-ins for what differs between the registrants of one batch: rendered once with
# these, the bodies get each registrant's name and link by replacement. Random per
# process, so no registrant's name can contain them.
_NAME_STAND_IN = f"xcname{secrets.token_hex(12)}"
_LINK_STAND_IN = f"https://xclink{secrets.token_hex(12)}.invalid/"
_TIME_STAND_IN = f"xctime{secrets.token_hex(12)}"
_TOKEN_STAND_IN = f"xctoken{secrets.token_hex(12)}"


class StandInUnknown(Exception):
    """A body template read a registration field the batch rendering does not stand in for.

    Not an AttributeError: Django's templates would turn that into an empty string.
    """


class _RegistrationStandIn:
    """The registrant as a batch renders the bodies: a stand-in for the name, the status
    (part of the cache key), and an error for anything else.

    A new field in a template must be added here, replaced in `_bodies` (or made part
    of its key), or the email fails: it never goes out with the field left empty.
    `tests/events/test_email_contract.py` renders every email both ways.
    """

    def __init__(self, registration: Registration):
        self.name = _NAME_STAND_IN
        self.status = registration.status

    def __getattr__(self, name):
        if name.startswith("__"):  # Python's own protocol lookups (e.g. __html__)
            raise AttributeError(name)
        raise StandInUnknown(
            f"registration.{name} is not known to the batch rendering of registration emails"
        )


def _url(cache: dict | None, key: tuple, path) -> str:
    """SITE_URL + path() in the active language, reversed once per batch."""
    key = (*key, translation.get_language())
    if cache is not None and key in cache:
        return cache[key]
    url = settings.SITE_URL + path()
    if cache is not None:
        cache[key] = url
    return url


class _Message(EmailMultiAlternatives):
    """An email whose MIME boundaries are random from the start.

    Otherwise Python's email package compiles a regular expression per message to
    find a boundary that its text does not contain; 128 random bits never occur in it.
    """

    def message(self):
        message = super().message()
        for part in message.walk():
            if part.is_multipart() and part.get_boundary() is None:
                part.set_boundary(f"=_{secrets.token_hex(16)}")
        return message


def _your_time(event: Event, registration: Registration, *, cache: dict | None) -> str:
    """The event's time on the registrant's clock, in the active language."""
    key = ("your-time", event.pk, registration.time_zone, translation.get_language())
    kept = (cache or {}).get(key)
    if kept is None or kept[0] is not event:
        text = render_to_string(
            "events/email/_your_time.txt", {"event": event, "registration": registration}
        ).strip()
        kept = (event, text)
        if cache is not None:
            cache[key] = kept
    return kept[1]


def _bodies(context: dict, *, cache: dict | None, key: tuple) -> tuple[str, str]:
    """The text and HTML bodies; within a batch, each template is rendered once per key.

    A reminder batch sends the same email to hundreds of registrants of an event;
    rendering two templates for each was most of a worker's time.
    """
    registration = context["registration"]
    manage_url = context["manage_url"]
    if cache is None:
        return (
            render_to_string("events/email/registration.txt", context),
            render_to_string("events/email/registration.html", context),
        )
    event = context["event"]
    kept = cache.get(key)
    if kept is None or kept[0] is not event:
        generic = {
            **context,
            "registration": _RegistrationStandIn(registration),
            "manage_url": _LINK_STAND_IN,
            "cancel_url": _LINK_STAND_IN.rstrip("/") + "/cancel/",
            "your_time": _TIME_STAND_IN,
        }
        kept = (
            event,
            render_to_string("events/email/registration.txt", generic),
            render_to_string("events/email/registration.html", generic),
        )
        cache[key] = kept
    _event, text, html = kept
    your_time = context["your_time"]
    for stand_in, value in (
        (_NAME_STAND_IN, registration.name),
        (_LINK_STAND_IN, manage_url),
        (_TIME_STAND_IN, your_time),
    ):
        text = text.replace(stand_in, value)
        html = html.replace(stand_in, escape(value))
    return text, html


def registration_message(
    registration: Registration,
    *,
    kind: str,
    offset_minutes: int | None = None,
    message_id: str | None = None,
    test: bool = False,
    batch_cache: dict | None = None,
) -> EmailMultiAlternatives:
    """One email to one registrant (never a shared BCC), in the registrant's language.

    `test` renders a sample for staff: it points to the event page instead of a
    private link that would not work. `batch_cache` keeps, for a batch of emails, what
    does not differ between registrants of one event and language: rendered bodies,
    .ics files, reversed URLs.
    """
    event = registration.event
    with translation.override(registration.language):
        event_url = _url(batch_cache, ("event-url", event.pk), event.get_absolute_url)
        if test:
            manage_url = cancel_url = event_url
        else:
            pattern = _url(
                batch_cache,
                ("manage-url",),
                lambda: reverse("events:registration", kwargs={"token": _TOKEN_STAND_IN}),
            )
            manage_url = pattern.replace(_TOKEN_STAND_IN, registration_token(registration))
            cancel_url = manage_url.rstrip("/") + "/cancel/"
        # A cancellation, waitlist or "already registered" email never carries the link,
        # whatever the status (the last answers a stranger's form: the private page has it).
        show_join = registration.sees_join_link and kind not in (
            Delivery.Kind.CANCELLED,
            Delivery.Kind.WAITLISTED,
            Delivery.Kind.ALREADY,
            Delivery.Kind.CONFIRM_ADDRESS,
        )
        context = {
            "kind": kind,
            "event": event,
            "registration": registration,
            "venue": event.public_venue,
            "online": event.is_held_online,
            "join_url": event.join_url if show_join else "",
            "event_url": event_url,
            "manage_url": manage_url,
            "cancel_url": cancel_url,
            "same_zone": registration.time_zone == event.time_zone,
            "your_time": _your_time(event, registration, cache=batch_cache),
            "lead_time": reminders.lead_time(offset_minutes) if offset_minutes else "",
            "retention_days": settings.EVENT_REGISTRATION_RETENTION_DAYS,
            "test": test,
            "LANGUAGE_CODE": registration.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = " ".join(_subject(kind, event, offset_minutes).split())
        if test:
            subject = gettext("[Test] %(subject)s") % {"subject": subject}
        text, html = _bodies(
            context,
            cache=batch_cache,
            key=(
                "body",
                event.pk,
                kind,
                offset_minutes,
                registration.language,
                registration.time_zone == event.time_zone,
                registration.status,
                test,
            ),
        )
        attach_calendar = kind not in (
            Delivery.Kind.WAITLISTED,
            Delivery.Kind.ALREADY,
            Delivery.Kind.CONFIRM_ADDRESS,
        )
        if attach_calendar:
            cancel = kind == Delivery.Kind.CANCELLED
            confirmed = registration.status == Registration.Status.CONFIRMED
            key = (event.pk, registration.language, confirmed, cancel)
            kept = (batch_cache or {}).get(key)
            if kept is not None and kept[0] is event:
                calendar = kept[1]
            else:
                calendar = registration_calendar_bytes(
                    event, registration=registration, cancel=cancel
                )
                if batch_cache is not None:
                    batch_cache[key] = (event, calendar)
    headers = {
        "Message-ID": message_id or make_msgid(domain=_host()),
        "Content-Language": registration.language,
        "Auto-Submitted": "auto-generated",
    }
    if not test:
        # RFC 2369 / 8058: mail apps offer a one-click "unsubscribe" that cancels.
        headers["List-Unsubscribe"] = f"<{cancel_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = _Message(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    if attach_calendar:
        method = "CANCEL" if b"METHOD:CANCEL" in calendar else "PUBLISH"
        message.attach(
            # Django adds the charset of a text part itself; a second one confuses clients.
            f"{event.slug}.ics",
            calendar.decode(),
            f"text/calendar; method={method}",
        )
    return message


def delivery_message(
    delivery: Delivery, *, batch_cache: dict | None = None, now=None
) -> EmailMultiAlternatives:
    """The email a delivery row stands for; its Message-ID is the same on every attempt.

    A reminder says how soon the event starts as of `now` (see reminders.minutes_to_say).
    """
    lead = delivery.offset_minutes
    if delivery.kind == Delivery.Kind.REMINDER and lead and now is not None:
        lead = reminders.minutes_to_say(
            offset_minutes=lead,
            due_at=delivery.due_at,
            starts_at=delivery.registration.event.starts_at,
            now=now,
        )
    return registration_message(
        delivery.registration,
        kind=delivery.kind,
        offset_minutes=lead,
        message_id=f"<delivery-{delivery.pk}.{delivery.key}@{_host()}>",
        batch_cache=batch_cache,
    )


def sample_reminder_message(event: Event, *, user, language: str) -> EmailMultiAlternatives:
    """A sample reminder for staff to check how registrants will see it."""
    offsets = list(event.reminder_offsets.values_list("minutes", flat=True))
    registration = Registration(
        event=event,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        language=language,
        time_zone=event.time_zone,
        status=Registration.Status.CONFIRMED,
    )
    return registration_message(
        registration,
        kind=Delivery.Kind.REMINDER,
        # The last reminder before the start, else the last of the defaults.
        offset_minutes=offsets[-1] if offsets else reminders.minutes_of(*reminders.DEFAULTS[-1]),
        test=True,
    )
