"""The batch rendering of registration emails ("render once, replace stand-ins") gives
each registrant exactly the email a plain rendering gives, or fails loudly."""

import pytest
from django.core import mail
from django.template import engines

from apps.events import emails
from apps.events.deliveries import deliveries_send
from apps.events.emails import registration_message
from apps.events.models import Delivery, Registration
from apps.events.registrations import registration_cancel, registration_create
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db

REGISTRANTS = (
    # name, language, zone: the first two share every part of the batch's key.
    ("Li Wei", "ru", "Europe/Minsk"),
    ('Ålena "Al" <Ivanova> & Co', "ru", "Europe/Minsk"),
    ("王芳", "zh-hans", "Asia/Shanghai"),
    ("Omar al-Farsi", "ar", "America/New_York"),
)


@pytest.fixture
def registrants():
    """Two confirmed in one language and zone, one on the waitlist, one who cancelled."""
    event = EventFactory(
        takes_registrations=True,
        capacity=2,
        online=True,
        join_url=JOIN_URL,
        venue=VenueFactory(),
        summary_en="An evening of music & talk.",
    )
    people = [
        registration_create(
            event_id=event.pk,
            name=name,
            email=f"person-{number}@example.org",
            country="BY",
            language=language,
            time_zone=zone,
        ).registration
        for number, (name, language, zone) in enumerate(REGISTRANTS)
    ]
    registration_cancel(registration_id=people[3].pk)
    return [Registration.objects.select_related("event").get(pk=p.pk) for p in people]


def _parts(message) -> dict:
    return {
        "subject": message.subject,
        "to": message.to,
        "text": message.body,
        "html": message.alternatives[0][0],
        "attachments": message.attachments,
        "headers": message.extra_headers,
    }


@pytest.mark.parametrize("kind", Delivery.Kind.values)
@pytest.mark.parametrize("test", [False, True])
def test_every_email_is_the_same_rendered_plainly_or_in_a_batch(registrants, kind, test):
    offset = 1440 if kind == Delivery.Kind.REMINDER else None
    statuses = {registration.status for registration in registrants}
    assert statuses == {"confirmed", "waitlisted", "cancelled"}
    batch = {}
    event = registrants[0].event
    for registration in registrants:
        registration.event = event  # as a batch shares one event between its rows
        kwargs = {"kind": kind, "offset_minutes": offset, "message_id": "<same@x>", "test": test}
        plain = registration_message(registration, **kwargs)
        batched = registration_message(registration, batch_cache=batch, **kwargs)
        assert _parts(batched) == _parts(plain), registration.name
    # The second registrant's bodies came from the first one's rendering.
    assert any(key[0] == "body" for key in batch)


def _with_a_new_field(monkeypatch, field: str):
    """registration.txt as if someone added `{{ registration.<field> }}` to it."""
    render = emails.render_to_string
    source = "{{ registration.name }} <{{ registration." + field + " }}> {{ manage_url }}"

    def render_to_string(name, context):
        if name == "events/email/registration.txt":
            return engines["django"].from_string(source).render(context)
        return render(name, context)

    monkeypatch.setattr(emails, "render_to_string", render_to_string)


def test_a_registration_field_the_batch_does_not_know_fails_instead_of_rendering_empty(
    registrants, monkeypatch
):
    _with_a_new_field(monkeypatch, "email")
    registration = registrants[0]
    plain = registration_message(registration, kind=Delivery.Kind.CONFIRMATION)
    assert f"<{registration.email}>" in plain.body
    with pytest.raises(emails.StandInUnknown, match="registration.email"):
        registration_message(registration, kind=Delivery.Kind.CONFIRMATION, batch_cache={})


def test_such_a_delivery_is_recorded_as_failing_not_sent_with_a_gap(registrants, monkeypatch):
    _with_a_new_field(monkeypatch, "organisation")
    delivery = registrants[0].deliveries.get(kind=Delivery.Kind.CONFIRMATION)
    mail.outbox.clear()
    assert deliveries_send([delivery.pk])["broken"] == 1
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert "registration.organisation" in delivery.last_error
