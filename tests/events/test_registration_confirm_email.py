"""The email that asks to confirm an address goes to whoever owns it, sent by whoever
typed it: it repeats nothing they chose (issue 15: "greeting each recipient with a name
the sender chose")."""

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.events.deliveries import deliveries_send
from apps.events.models import Delivery, Event
from apps.events.registrations import registration_confirm_address, registration_create

from .factories import EventFactory

pytestmark = pytest.mark.django_db

CHOSEN = "Win a prize at prize.example.com"


def _send_due():
    mail.outbox.clear()
    due = Delivery.objects.filter(state__in=Delivery.OPEN_STATES, not_before__lte=timezone.now())
    deliveries_send(list(due.values_list("pk", flat=True)))
    return list(mail.outbox)


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_confirm_email_greets_nobody_by_the_typed_name_the_confirmation_does(language):
    event = EventFactory(
        takes_registrations=True, capacity=1, address_confirmation=Event.AddressConfirmation.AUTO
    )
    held, waiting = (
        registration_create(
            event_id=event.pk,
            name=CHOSEN,
            email=email,
            country="BY",
            language=language,
            time_zone="Europe/Minsk",
        ).registration
        for email in ("held@example.org", "waiting@example.org")
    )
    assert (held.status, waiting.status) == ("held", "waitlisted")
    messages = _send_due()
    assert len(messages) == 2
    with translation.override(language):
        hello = gettext("Hello,")
    for message in messages:
        assert CHOSEN not in message.body
        assert CHOSEN not in message.alternatives[0][0]
        assert hello in message.body and hello in message.alternatives[0][0]
    # Once the owner confirmed, the name is theirs: the confirmation uses it.
    registration_confirm_address(registration_id=held.pk)
    (confirmation,) = _send_due()
    assert CHOSEN in confirmation.body
