"""Messages staff write to the registrants of an event (a changed entrance, a passport
to bring): who gets one, in which language, what it looks like, and its outbox.

A message is written in one or more languages; each registrant gets the text of their
own language (the one they registered in) or, when it was not written in that
language, the fallback the site uses for content (`apps.core.i18n.fallback_chain`).
Sending records the message and one `MessageDelivery` per recipient in one
transaction; the row, unique per message and registration, is what the one outbox
(`apps/core/outbox.py`) sends once, however often the form is posted or a task runs.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.i18n import language_codes
from apps.core.models import PersonalDataAccess
from apps.core.outbox import Outbox, outbox_kick
from apps.core.richtext import render_markdown
from apps.core.services import personal_data_access_record

from .emails import _host
from .message_texts import message_text, message_written
from .models import Event, MessageDelivery, RegistrantMessage, Registration
from .tokens import registration_token

Audience = RegistrantMessage.Audience
Status = Registration.Status

# Who each choice of recipients reaches. A cancelled registrant is never written to; a
# place held until the address is confirmed is not either (the address may not be the
# registrant's). A new status is one line here.
AUDIENCE_STATUSES = {
    Audience.CONFIRMED: (Status.CONFIRMED,),
    Audience.WAITLISTED: (Status.WAITLISTED,),
    Audience.ALL: (Status.CONFIRMED, Status.WAITLISTED),
}


def message_audience(event: Event, audience: str):
    """The registrations a message to `audience` of `event` goes to."""
    registrations = Registration.objects.filter(event=event, status__in=AUDIENCE_STATUSES[audience])
    if event.holds_places():
        # Someone on the waitlist who never confirmed the address (it may be a stranger's)
        # is told nothing but the link to confirm it.
        registrations = registrations.exclude(
            status=Status.WAITLISTED, address_confirmed_at__isnull=True
        )
    return registrations.order_by("pk")


def message_audience_counts(event: Event) -> dict[str, int]:
    """How many each choice of recipients reaches (one query)."""
    return Registration.objects.filter(event=event).aggregate(
        **{
            audience: Count("pk", filter=Q(pk__in=message_audience(event, audience).values("pk")))
            for audience in AUDIENCE_STATUSES
        }
    )


# --- The email -----------------------------------------------------------------------------


def _subject(event: Event, subject: str) -> str:
    return " ".join(
        (gettext("%(subject)s · %(event)s") % {"subject": subject, "event": event.title}).split()
    )


def message_render(
    event: Event, texts: dict, registration: Registration, *, preview: bool = False
) -> dict:
    """The email one registrant gets, in their language: subject, text and HTML bodies.

    `preview` renders it for staff as the registrant would see it, with the event page
    in place of the private link (which exists only for a saved registration).
    """
    with translation.override(registration.language):
        text_language, subject, body = message_text(texts, registration.language)
        event_url = settings.SITE_URL + event.get_absolute_url()
        if preview or registration.pk is None:
            manage_url = event_url
        else:
            manage_url = settings.SITE_URL + reverse(
                "events:registration", kwargs={"token": registration_token(registration)}
            )
        context = {
            "event": event,
            "registration": registration,
            "venue": event.public_venue,
            "online": event.is_held_online,
            "event_url": event_url,
            "manage_url": manage_url,
            "same_zone": registration.time_zone == event.time_zone,
            "your_time": render_to_string(
                "events/email/_your_time.txt", {"event": event, "registration": registration}
            ).strip(),
            "body_text": body.strip(),
            # Sanitised like every Markdown staff write: no script, style or handler.
            "body_html": render_markdown(body),
            "text_language": text_language,
            "retention_days": settings.EVENT_REGISTRATION_RETENTION_DAYS,
            "LANGUAGE_CODE": registration.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        return {
            "language": text_language,
            "subject": _subject(event, subject),
            "text": render_to_string("events/email/message.txt", context),
            "html": render_to_string("events/email/message.html", context),
        }


def message_preview(
    event: Event, texts: dict, *, language: str, user, audience: str | None = None
) -> dict:
    """The email a registrant reading `language` would get, greeted with the name of the
    staff member looking (no registrant's data is shown). Its "your time" line is in the
    time zone most of those recipients gave, else the event's."""
    zones = (
        message_audience(event, audience).filter(language=language).order_by()
        if audience
        else Registration.objects.none()
    )
    common = (
        zones.values_list("time_zone", flat=True)
        .annotate(count=Count("pk"))
        .order_by("-count", "time_zone")
        .first()
    )
    registration = Registration(
        event=event,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        language=language,
        time_zone=common or event.time_zone,
        status=Status.CONFIRMED,
    )
    return message_render(event, texts, registration, preview=True)


def message_email(delivery: MessageDelivery) -> EmailMultiAlternatives:
    """The email a delivery row stands for; its Message-ID is the same on every attempt."""
    registration = delivery.registration
    message = delivery.message
    rendered = message_render(registration.event, message.texts, registration)
    email = EmailMultiAlternatives(
        subject=rendered["subject"],
        body=rendered["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        headers={
            "Message-ID": f"<message-{message.pk}.{registration.pk}@{_host()}>",
            "Content-Language": rendered["language"] or registration.language,
        },
    )
    email.attach_alternative(rendered["html"], "text/html")
    return email


# --- Sending -------------------------------------------------------------------------------


def message_send(
    *, event: Event, audience: str, texts: dict, user, form_token: uuid.UUID
) -> tuple[RegistrantMessage, bool]:
    """Record the message and one email per recipient, in one transaction; the outbox
    sends them after the commit. Returns (message, created).

    The form's token is unique: a second POST of the same form (a double click, a
    reload) finds the message already sent and adds nothing.
    """
    texts = {code: texts[code] for code in language_codes() if message_written(texts, code)}
    with transaction.atomic():
        message, created = RegistrantMessage.objects.get_or_create(
            form_token=form_token,
            defaults={
                "event": event,
                "audience": audience,
                "texts": texts,
                "author": user,
                "author_name": user.get_username(),
            },
        )
        if not created:
            return message, False
        # Locked so that no registration changes status between choosing and recording.
        registrations = list(
            message_audience(event, audience).select_for_update().only("pk", "language")
        )
        now = timezone.now()
        MessageDelivery.objects.bulk_create(
            [
                MessageDelivery(
                    message=message,
                    registration_id=registration.pk,
                    key=f"message-{message.pk}",
                    language=message_text(texts, registration.language)[0] or "",
                    not_before=now,
                )
                for registration in registrations
            ],
            ignore_conflicts=True,
        )
        message.recipient_count = len(registrations)
        message.save(update_fields=["recipient_count"])
        # The personal-data log: who wrote to whom (the event, the audience, how many),
        # never the addresses.
        personal_data_access_record(
            user=user,
            action=PersonalDataAccess.Action.MESSAGED,
            subject=Registration._meta.label_lower,
            row_count=len(registrations),
            object_id=str(message.pk),
            audience=audience,
            languages=sorted(texts),
            event={"id": event.pk, "slug": event.slug},
        )
        outbox_kick(REGISTRANT_MESSAGES.name)
    return message, True


def _verdict(delivery: MessageDelivery, now: datetime) -> str | None:
    if delivery.not_before > now:
        return MessageDelivery.State.PENDING
    # Cancelled since the message was written: the registrant asked to hear no more.
    if delivery.registration.status == Status.CANCELLED:
        return MessageDelivery.State.SKIPPED
    return None


class RegistrantMessages(Outbox):
    """Messages staff wrote to the registrants of an event."""

    name = "events.messages"
    model = MessageDelivery
    label = _("messages to registrants")
    related = ("registration__event__venue", "message")

    def verdict(self, row, now):
        return _verdict(row, now)

    def message(self, row, batch, *, now):
        return message_email(row)


REGISTRANT_MESSAGES = RegistrantMessages()
