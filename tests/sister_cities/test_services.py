"""Services of the sister-cities app: directory reads, structured data, anniversary reminders."""

import smtplib
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.core.mail.backends.base import BaseEmailBackend

from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    staff_language_remember,
)
from apps.sister_cities.anniversaries import Anniversary
from apps.sister_cities.models import AnniversaryNotice, SisterCity
from apps.sister_cities.services import (
    REMINDER_HORIZON_DAYS,
    anniversary_recipients,
    anniversary_reminders_send,
    city_structured_data,
    directory_totals,
    timeline_for,
    upcoming_anniversaries,
)
from tests.events.factories import make_event

from .factories import SisterCityFactory

pytestmark = pytest.mark.django_db

# 1 June 2021: Nakano's 35th anniversary (1 November 2021) is 153 days away.
TODAY = date(2021, 6, 1)


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 try again later")


def editor(
    django_user_model, username, *, language=None, group=STAFF_GROUP_CONTENT_EDITOR, **extra
):
    user = django_user_model.objects.create_user(
        username=username,
        email=extra.pop("email", f"{username}@example.org"),
        password="a long test password",
        is_staff=True,
        **extra,
    )
    user.groups.add(Group.objects.get(name=group))
    if language:
        staff_language_remember(user=user, language=language)
    return user


@pytest.fixture
def editors(django_user_model):
    return {
        "en": editor(django_user_model, "emma", language="en"),
        "ja": editor(django_user_model, "haruto", language="ja"),
    }


@pytest.fixture
def nakano():
    return SisterCityFactory(
        slug="nakano",
        name_zh_hans="东京都中野区",
        name_en="Nakano City, Tokyo",
        name_ja="東京都中野区",
        established_on=date(1986, 11, 1),
    )


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


# Directory reads


def test_directory_totals():
    cities = [
        SisterCityFactory.build(country="JP"),
        SisterCityFactory.build(country="JP"),
        SisterCityFactory.build(country="BY"),
        SisterCityFactory.build(country="BR"),
    ]
    assert directory_totals(cities) == {"partners": 4, "countries": 3, "continents": 3}
    assert directory_totals([]) == {"partners": 0, "countries": 0, "continents": 0}


def test_upcoming_anniversaries_within_the_window_soonest_first():
    soon = SisterCityFactory.build(established_on=date(1991, 6, 10))  # 30th in 9 days
    later = SisterCityFactory.build(established_on=date(1986, 11, 1))  # 35th in 153 days
    today = SisterCityFactory.build(established_on=date(2016, 6, 1))  # 5th today
    far = SisterCityFactory.build(established_on=date(2019, 1, 1))  # 5th in 2024
    pairs = upcoming_anniversaries([later, far, soon, today], today=TODAY, within_days=365)
    assert pairs == [
        (today, Anniversary(5, date(2021, 6, 1))),
        (soon, Anniversary(30, date(2021, 6, 10))),
        (later, Anniversary(35, date(2021, 11, 1))),
    ]
    assert upcoming_anniversaries([soon, later], today=TODAY, within_days=9) == [
        (soon, Anniversary(30, date(2021, 6, 10)))
    ]


def test_timeline_is_empty_without_a_provider(no_extension_providers):
    city = SisterCityFactory()
    make_event(city=city, title="Visit", day=date(2020, 1, 1))
    assert timeline_for(city) == []


def test_structured_data_of_a_partner_without_optional_facts():
    city = SisterCityFactory(slug="x", off_map=True, country="BY", native_name="", website="")
    data = city_structured_data(city)
    assert data == {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.name,
        "url": data["url"],
        "address": {"@type": "PostalAddress", "addressCountry": "BY"},
    }
    assert data["url"].endswith("/en/sister-cities/x/")


# Anniversary reminders


def test_recipients_are_active_content_editors_with_an_email(django_user_model, editors):
    editor(django_user_model, "gone", is_active=False)
    editor(django_user_model, "silent", email="")
    editor(django_user_model, "desk", group=STAFF_GROUP_SERVICE_DESK)
    assert list(anniversary_recipients()) == [editors["en"], editors["ja"]]


def test_each_editor_is_told_in_their_language(mailoutbox, editors, nakano):
    assert anniversary_reminders_send(today=TODAY) == 2
    assert len(mailoutbox) == 2
    (english,) = mails_to(mailoutbox, editors["en"])
    (japanese,) = mails_to(mailoutbox, editors["ja"])
    assert "Nakano City, Tokyo" in english.subject and "35" in english.subject
    assert "東京都中野区" in japanese.subject and "35" in japanese.subject
    assert english.subject != japanese.subject
    assert "\n" not in english.subject
    assert "/en/sister-cities/nakano/" in english.body
    assert "/ja/sister-cities/nakano/" in japanese.body
    assert f"/admin/sister_cities/sistercity/{nakano.pk}/change/" in english.body
    assert "153" in english.body  # days to go
    notices = AnniversaryNotice.objects.filter(city=nakano, years=35)
    assert {n.state for n in notices} == {AnniversaryNotice.State.SENT}
    assert all(n.sent_at for n in notices)


def test_editor_without_a_language_is_written_to_in_chinese(mailoutbox, django_user_model, nakano):
    editor(django_user_model, "li")
    anniversary_reminders_send(today=TODAY)
    (message,) = mailoutbox
    assert "东京都中野区" in message.subject


def test_each_anniversary_is_told_once(mailoutbox, editors, nakano):
    assert anniversary_reminders_send(today=TODAY) == 2
    assert anniversary_reminders_send(today=TODAY) == 0
    assert anniversary_reminders_send(today=date(2021, 10, 31)) == 0
    assert len(mailoutbox) == 2
    # The next round anniversary is a new reminder.
    assert anniversary_reminders_send(today=date(2026, 6, 1)) == 2
    assert len(mailoutbox) == 4
    assert AnniversaryNotice.objects.filter(city=nakano).count() == 4


def test_an_editor_who_joins_later_is_told_too(mailoutbox, django_user_model, editors, nakano):
    anniversary_reminders_send(today=TODAY)
    newcomer = editor(django_user_model, "newcomer", language="fr")
    assert anniversary_reminders_send(today=TODAY) == 1
    assert len(mails_to(mailoutbox, newcomer)) == 1


@pytest.mark.parametrize(
    ("established_on", "told"),
    [
        (date(1991, 11, 28), True),  # 30th in exactly 180 days
        (date(1991, 11, 29), False),  # 181 days
        (date(1986, 1, 1), False),  # 35th passed in January, the 40th is years away
        (date(2016, 6, 1), True),  # the 5th is today
    ],
)
def test_only_anniversaries_within_180_days(mailoutbox, editors, established_on, told):
    assert REMINDER_HORIZON_DAYS == 180
    SisterCityFactory(established_on=established_on)
    assert anniversary_reminders_send(today=TODAY) == (2 if told else 0)
    assert len(mailoutbox) == (2 if told else 0)


@pytest.mark.parametrize(
    "state",
    [
        {"relationship_status": SisterCity.RelationshipStatus.DORMANT},
        {"draft": True},
        {"archived": True},
        {"publish_at": datetime(2099, 1, 1, tzinfo=UTC)},
    ],
)
def test_dormant_or_unpublished_partners_are_not_reminded(mailoutbox, editors, state):
    SisterCityFactory(established_on=date(1986, 11, 1), **state)
    assert anniversary_reminders_send(today=TODAY) == 0
    assert mailoutbox == []
    assert not AnniversaryNotice.objects.exists()


def test_failed_sending_is_recorded_and_retried_once(mailoutbox, settings, editors, nakano):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    assert anniversary_reminders_send(today=TODAY) == 0
    assert mailoutbox == []
    states = set(AnniversaryNotice.objects.values_list("state", flat=True))
    assert states == {AnniversaryNotice.State.FAILED}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert anniversary_reminders_send(today=TODAY) == 2
    assert anniversary_reminders_send(today=TODAY) == 0
    assert len(mailoutbox) == 2
    assert len(mails_to(mailoutbox, editors["ja"])) == 1
    states = set(AnniversaryNotice.objects.values_list("state", flat=True))
    assert states == {AnniversaryNotice.State.SENT}


def test_a_failure_for_one_editor_does_not_stop_the_others(
    mailoutbox, settings, monkeypatch, editors, nakano
):
    from apps.sister_cities import services

    real_send_mail = services.send_mail

    def flaky_send_mail(subject, body, from_email, recipients):
        if recipients == [editors["en"].email]:
            raise smtplib.SMTPRecipientsRefused({recipients[0]: (550, b"no such mailbox")})
        return real_send_mail(subject, body, from_email, recipients)

    monkeypatch.setattr(services, "send_mail", flaky_send_mail)
    assert anniversary_reminders_send(today=TODAY) == 1
    assert [m.to for m in mailoutbox] == [[editors["ja"].email]]
    failed = AnniversaryNotice.objects.get(state=AnniversaryNotice.State.FAILED)
    assert failed.recipient == editors["en"]


def test_a_notice_being_sent_elsewhere_is_not_sent_again(mailoutbox, editors, nakano):
    """A notice claimed by another worker (state "sending") is left to that worker."""
    for user in editors.values():
        AnniversaryNotice.objects.create(
            city=nakano, years=35, recipient=user, state=AnniversaryNotice.State.SENDING
        )
    assert anniversary_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


def test_reminder_text_is_plain_not_html_escaped(mailoutbox, editors):
    SisterCityFactory(name_en="Val-d'Oise & Co <Paris>", established_on=date(1986, 11, 1))
    anniversary_reminders_send(today=TODAY)
    (message,) = mails_to(mailoutbox, editors["en"])
    assert "Val-d'Oise & Co <Paris>" in message.subject
    assert "Val-d'Oise & Co <Paris>" in message.body
