"""Messages staff write to an event's registrants (issue 17, item 4): who gets one, in
which language, the preview is the email, once per recipient, logged, and only for
staff who may see registrants.

The delivery through a real worker and SMTP server is test_registrant_messages_delivery.
"""

import html
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from apps.core.models import PersonalDataAccess
from apps.core.outbox import outbox_send
from apps.events.message_texts import message_text
from apps.events.models import MessageDelivery, RegistrantMessage, Registration
from apps.events.registrant_messages import (
    REGISTRANT_MESSAGES,
    message_audience,
    message_audience_counts,
    message_send,
)
from apps.events.registrations import registration_cancel, registrations_purge
from apps.events.tokens import registration_token

from .conftest import JOIN_URL, SITE_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status
Audience = RegistrantMessage.Audience

TEXTS = {
    "en": {"subject": "New entrance", "body": "Please use the **east gate**."},
    "fr": {"subject": "Nouvelle entrée", "body": "Veuillez passer par la **porte est**."},
    "zh-hans": {"subject": "入口变更", "body": "请从**东门**进入。"},
}

# name: (status, language)
REGISTRANTS = {
    "Alena": (Status.CONFIRMED, "ru"),
    "Pierre": (Status.CONFIRMED, "fr"),
    "Li Wei": (Status.CONFIRMED, "zh-hans"),
    "Yuki": (Status.WAITLISTED, "ja"),
    "Sam": (Status.WAITLISTED, "en"),
    "Omar": (Status.CANCELLED, "ar"),
    "Held": (Status.HELD, "es"),
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event():
    return EventFactory(
        title_en="Minsk exchange",
        title_zh_hans="明斯克交流",
        takes_registrations=True,
        online=True,
        join_url=JOIN_URL,
    )


@pytest.fixture
def registrants(event):
    now = timezone.now()
    return {
        name: Registration.objects.create(
            event=event,
            status=status,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            country="BY",
            language=language,
            time_zone="Europe/Minsk",
            consented_at=now,
        )
        for name, (status, language) in REGISTRANTS.items()
    }


@pytest.fixture
def officer(registrations_officer):
    return _client(registrations_officer)


def _write_url(event) -> str:
    return f"/admin/events/registrantmessage/write/{event.pk}/"


def _form(audience=Audience.ALL, texts=TEXTS, *, token=None, **extra) -> dict:
    data = {"audience": audience, "form_token": str(token or uuid.uuid4()), **extra}
    for code, text in texts.items():
        data[f"subject_{code}"] = text["subject"]
        data[f"body_{code}"] = text["body"]
    return data


def _send_all() -> list:
    ids = list(MessageDelivery.objects.order_by("pk").values_list("pk", flat=True))
    outbox_send(REGISTRANT_MESSAGES, ids)
    return ids


def _sent_to(address: str):
    (email,) = [email for email in mail.outbox if email.to == [address]]
    return email


# --- Who gets it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "names"),
    [
        (Audience.CONFIRMED, {"Alena", "Pierre", "Li Wei"}),
        (Audience.WAITLISTED, {"Yuki", "Sam"}),
        (Audience.ALL, {"Alena", "Pierre", "Li Wei", "Yuki", "Sam"}),
    ],
)
def test_the_audience_is_the_chosen_statuses_and_never_the_cancelled(
    event, registrants, audience, names
):
    assert {r.name for r in message_audience(event, audience)} == names


def test_an_address_nobody_confirmed_is_not_written_to_where_places_are_held(event, registrants):
    event.address_confirmation = event.AddressConfirmation.ALWAYS
    event.save()
    Registration.objects.filter(pk=registrants["Sam"].pk).update(
        address_confirmed_at=timezone.now()
    )
    assert {r.name for r in message_audience(event, Audience.WAITLISTED)} == {"Sam"}
    assert message_audience_counts(event) == {"confirmed": 3, "waitlisted": 1, "all": 4}


def test_a_registrant_who_cancels_before_the_email_goes_is_not_written_to(
    event, registrants, registrations_officer
):
    message_send(
        event=event,
        audience=Audience.ALL,
        texts=TEXTS,
        user=registrations_officer,
        form_token=uuid.uuid4(),
    )
    registration_cancel(registration_id=registrants["Sam"].pk)
    mail.outbox.clear()  # the cancellation's own email is another outbox's
    _send_all()
    assert "sam@example.org" not in {address for email in mail.outbox for address in email.to}
    skipped = MessageDelivery.objects.get(registration=registrants["Sam"])
    assert skipped.state == MessageDelivery.State.SKIPPED


# --- Languages -----------------------------------------------------------------------------


def test_each_registrant_gets_their_language_or_the_sites_fallback(
    event, registrants, registrations_officer
):
    message_send(
        event=event,
        audience=Audience.ALL,
        texts=TEXTS,
        user=registrations_officer,
        form_token=uuid.uuid4(),
    )
    _send_all()
    assert len(mail.outbox) == 5
    # Their own language where it was written; else English, then Chinese (the site's
    # fallback for content).
    expected = {
        "pierre@example.org": ("fr", "Nouvelle entrée", "porte est"),
        "li.wei@example.org": ("zh-hans", "入口变更", "东门"),
        "alena@example.org": ("en", "New entrance", "east gate"),
        "yuki@example.org": ("en", "New entrance", "east gate"),
        "sam@example.org": ("en", "New entrance", "east gate"),
    }
    for address, (language, subject, words) in expected.items():
        email = _sent_to(address)
        assert email.subject.startswith(subject)
        assert words in email.body
        assert email.extra_headers["Content-Language"] == language
        html = email.alternatives[0][0]
        assert f"<strong>{words}</strong>" in html
    # The greeting and the event's details are in the registrant's own language, the
    # text in the one it was written in.
    alena = _sent_to("alena@example.org")
    with translation.override("ru"):
        hello = translation.gettext("Hello %(name)s,") % {"name": "Alena"}
        when = translation.gettext("When")
    assert hello != "Hello Alena," and alena.body.startswith(hello)
    assert f"\n{when}: " in alena.body
    assert alena.alternatives[0][0].startswith('<!doctype html>\n<html lang="ru"')
    assert '<div lang="en">' in alena.alternatives[0][0]
    assert dict(MessageDelivery.objects.values_list("registration__name", "language")) == {
        "Alena": "en",
        "Pierre": "fr",
        "Li Wei": "zh-hans",
        "Yuki": "en",
        "Sam": "en",
    }


def test_a_message_only_in_chinese_reaches_every_language():
    texts = {"zh-hans": TEXTS["zh-hans"]}
    for code, _name in settings.LANGUAGES:
        assert message_text(texts, code)[0] == "zh-hans"


def test_a_message_some_readers_could_not_read_is_refused(officer, event, registrants):
    response = officer.post(_write_url(event), _form(texts={"fr": TEXTS["fr"]}, send="1"))
    assert response.status_code == 200
    assert "would get no message" in response.content.decode()
    assert not RegistrantMessage.objects.exists()


def test_the_body_is_sanitised_and_no_join_link_is_added(event, registrants, registrations_officer):
    texts = {
        "en": {"subject": "Hi", "body": "Hello <script>alert(1)</script> [x](javascript:alert(1))"}
    }
    message_send(
        event=event,
        audience=Audience.CONFIRMED,
        texts=texts,
        user=registrations_officer,
        form_token=uuid.uuid4(),
    )
    _send_all()
    for email in mail.outbox:
        html = email.alternatives[0][0]
        assert "<script" not in html and "javascript:" not in html
        assert JOIN_URL not in email.body and JOIN_URL not in html


# --- The preview is the email --------------------------------------------------------------


@pytest.mark.parametrize(("reader", "name"), [("ru", "Alena"), ("fr", "Pierre")])
def test_the_preview_shows_exactly_what_is_sent(
    officer, registrations_officer, event, registrants, reader, name
):
    response = officer.post(_write_url(event), _form(preview="1", preview_language=reader))
    assert response.status_code == 200
    preview = response.context["preview"]
    page = response.content.decode()
    # The page shows what was rendered: the email whole in the frame, the text as it is.
    assert preview["subject"] in page
    assert f'srcdoc="{html.escape(preview["html"])}"' in page
    assert html.escape(preview["text"]) in page
    officer.post(_write_url(event), _form(send="1"))
    _send_all()
    registration = registrants[name]
    email = _sent_to(registration.email)
    manage_url = f"{SITE_URL}/{reader}/events/registration/{registration_token(registration)}/"
    with translation.override(reader):
        event_url = SITE_URL + event.get_absolute_url()
    # Only the registrant's name and private link differ from what staff saw.
    looking = registrations_officer.get_username()

    def as_previewed(text):
        return text.replace(manage_url, event_url).replace(name, looking)

    assert manage_url in email.body
    assert preview["subject"] == email.subject
    assert preview["text"] == as_previewed(email.body)
    assert preview["html"] == as_previewed(email.alternatives[0][0])


def test_the_preview_sends_nothing_and_names_no_registrant(officer, event, registrants):
    response = officer.post(_write_url(event), _form(preview="1", preview_language="ru"))
    page = response.content.decode()
    assert not RegistrantMessage.objects.exists() and not MessageDelivery.objects.exists()
    for registration in registrants.values():
        assert registration.email not in page
    # Counts by language only: who reads Russian gets the English text.
    rows = response.context["preview"]["recipients"]
    assert {"language": "Русский", "count": 1, "gets": "English"} in rows


# --- Once per recipient --------------------------------------------------------------------


def test_the_form_posted_twice_sends_one_message(officer, event, registrants):
    data = _form(send="1")
    first = officer.post(_write_url(event), data)
    second = officer.post(_write_url(event), data, follow=True)
    assert first.status_code == 302
    assert RegistrantMessage.objects.count() == 1
    assert MessageDelivery.objects.count() == 5
    assert "already sent; it was not sent again" in second.content.decode()
    _send_all()
    _send_all()  # a send task run twice
    assert sorted(address for email in mail.outbox for address in email.to) == sorted(
        r.email for r in registrants.values() if r.status in (Status.CONFIRMED, Status.WAITLISTED)
    )


def test_each_registration_has_one_email_per_message_in_the_database(
    event, registrants, registrations_officer
):
    message, _created = message_send(
        event=event,
        audience=Audience.ALL,
        texts=TEXTS,
        user=registrations_officer,
        form_token=uuid.uuid4(),
    )
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MessageDelivery.objects.create(
            message=message, registration=registrants["Alena"], key="again", language="en"
        )


# --- Logged and audited --------------------------------------------------------------------


def test_sending_is_logged_with_its_author_counts_and_an_audit_line(
    officer, registrations_officer, event, registrants
):
    officer.post(_write_url(event), _form(audience=Audience.CONFIRMED, send="1"))
    message = RegistrantMessage.objects.get()
    assert (message.author, message.recipient_count, message.audience) == (
        registrations_officer,
        3,
        Audience.CONFIRMED,
    )
    # Its own action: a message is not a change to the registrations.
    line = PersonalDataAccess.objects.get(action=PersonalDataAccess.Action.MESSAGED)
    assert line.get_action_display() == "Message sent"
    assert line.actor == registrations_officer
    assert "operation" not in line.detail
    assert line.subject == "events.registration"
    assert line.row_count == 3
    assert line.object_id == str(message.pk)
    assert line.detail["event"] == {"id": event.pk, "slug": event.slug}
    assert line.detail["audience"] == "confirmed"
    for registration in registrants.values():
        assert registration.email not in str(line.detail)
        assert registration.name not in str(line.detail)
    # The list of messages counts their emails by state.
    _send_all()
    page = officer.get("/admin/events/registrantmessage/")
    assert page.status_code == 200
    row = page.context["cl"].result_list[0]
    assert (row.sent_count, row.waiting_count, row.failed_count) == (3, 0, 0)


# --- Who may ------------------------------------------------------------------------------


def test_content_editors_without_registrant_access_are_refused(content_editor, event, registrants):
    editor = _client(content_editor)
    assert editor.get(_write_url(event)).status_code == 403
    assert editor.post(_write_url(event), _form(send="1")).status_code == 403
    assert editor.get("/admin/events/registrantmessage/").status_code == 403
    assert editor.get("/admin/events/messagedelivery/").status_code == 403
    assert not RegistrantMessage.objects.exists()
    change_page = editor.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert _write_url(event) not in change_page


def test_the_event_page_leads_the_group_to_write_to_registrants(officer, event, registrants):
    change_page = officer.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert _write_url(event) in change_page
    page = officer.get(_write_url(event))
    assert page.status_code == 200
    assert "Write to the registrants of Minsk exchange" in page.content.decode()


def test_an_event_without_registrants_sends_nothing(officer):
    empty = EventFactory(takes_registrations=True, starts_at=timezone.now() + timedelta(days=9))
    response = officer.post(_write_url(empty), _form(audience=Audience.CONFIRMED, send="1"))
    assert response.status_code == 200
    assert "No registrant is in this group." in response.content.decode()
    assert not RegistrantMessage.objects.exists()


def test_a_messages_page_shows_its_texts_and_its_emails_are_listed_and_logged(
    officer, event, registrants
):
    officer.post(_write_url(event), _form(send="1"))
    message = RegistrantMessage.objects.get()
    page = officer.get(f"/admin/events/registrantmessage/{message.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    for written in TEXTS.values():
        assert written["subject"] in text
    emails = officer.get(f"/admin/events/messagedelivery/?message__id__exact={message.pk}")
    assert emails.status_code == 200
    assert emails.context["cl"].result_count == 5
    line = PersonalDataAccess.objects.filter(subject="events.messagedelivery").get()
    assert line.action == PersonalDataAccess.Action.LIST_VIEWED and line.row_count == 5


def test_the_retention_deletion_takes_the_emails_and_keeps_the_message(
    event, registrants, registrations_officer
):
    message, _created = message_send(
        event=event,
        audience=Audience.ALL,
        texts=TEXTS,
        user=registrations_officer,
        form_token=uuid.uuid4(),
    )
    _send_all()
    later = event.ends_at + timedelta(days=settings.EVENT_REGISTRATION_RETENTION_DAYS + 1)
    assert registrations_purge(now=later) == len(registrants)
    assert not MessageDelivery.objects.exists()
    message.refresh_from_db()
    assert (message.recipient_count, message.texts["en"]["subject"]) == (5, "New entrance")


def test_markup_in_the_text_is_never_markup_of_the_preview_page(officer, event, registrants):
    texts = {"en": {"subject": "<b>Hi</b>", "body": 'Hi <script>alert("x")</script>'}}
    page = officer.post(_write_url(event), _form(texts=texts, preview="1")).content.decode()
    assert "<script>alert" not in page and "<b>Hi</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # the plain text
