"""Services of the sister-cities app: directory reads, structured data, anniversary reminders."""

import smtplib
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend

from apps.core.outbox import outbox_claim, outbox_send
from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    staff_language_remember,
)
from apps.sister_cities.anniversaries import Anniversary
from apps.sister_cities.models import AnniversaryNotice, SisterCity
from apps.sister_cities.notices import ANNIVERSARY_NOTICES
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
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 try again later")


class RefusingEmmaBackend(locmem.EmailBackend):
    """A mail server that refuses one mailbox and takes the rest."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["emma@example.org"]:
                raise smtplib.SMTPRecipientsRefused({"emma@example.org": (550, b"no mailbox")})
        return super().send_messages(email_messages)


def _at(day: date, hour: int = 9) -> datetime:
    """An instant of that Beijing day."""
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def tell(today: date = TODAY, *, at: datetime | None = None) -> int:
    """The daily task on `today` (Beijing), then the outbox at `at`: how many were sent."""
    anniversary_reminders_send(now=_at(today, hour=8))
    return send_owed(at or _at(today))


def send_owed(at: datetime) -> int:
    """What beat and a worker do with the notices due at `at`."""
    claimed = outbox_claim(ANNIVERSARY_NOTICES, now=at, limit=1000)
    return outbox_send(ANNIVERSARY_NOTICES, [row[0] for row in claimed], now=at)["sent"]


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
    assert tell(TODAY) == 2
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
    tell(TODAY)
    (message,) = mailoutbox
    assert "东京都中野区" in message.subject


def test_each_anniversary_is_told_once(mailoutbox, editors, nakano):
    assert tell(TODAY) == 2
    assert tell(TODAY) == 0
    assert tell(date(2021, 10, 31)) == 0
    assert len(mailoutbox) == 2
    # The next round anniversary is a new reminder.
    assert tell(date(2026, 6, 1)) == 2
    assert len(mailoutbox) == 4
    assert AnniversaryNotice.objects.filter(city=nakano).count() == 4


def test_an_editor_who_joins_later_is_told_too(mailoutbox, django_user_model, editors, nakano):
    tell(TODAY)
    newcomer = editor(django_user_model, "newcomer", language="fr")
    assert tell(TODAY) == 1
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
    assert tell(TODAY) == (2 if told else 0)
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
    assert tell(TODAY) == 0
    assert mailoutbox == []
    assert not AnniversaryNotice.objects.exists()


def test_a_refusing_server_defers_the_notices_and_they_go_out_later(
    mailoutbox, settings, editors, nakano
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    assert tell(TODAY) == 0
    assert mailoutbox == []
    notices = list(AnniversaryNotice.objects.order_by("pk"))
    # The first was tried and waits with back-off; the rest of the batch waits a minute.
    assert {n.state for n in notices} == {AnniversaryNotice.State.PENDING}
    assert [n.attempts for n in notices] == [1, 0]
    assert "451" in notices[0].last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = _at(TODAY) + timedelta(minutes=5)
    assert send_owed(later) == 2
    assert tell(TODAY, at=later) == 0
    assert len(mailoutbox) == 2
    assert len(mails_to(mailoutbox, editors["ja"])) == 1
    states = set(AnniversaryNotice.objects.values_list("state", flat=True))
    assert states == {AnniversaryNotice.State.SENT}


def test_a_refused_editor_does_not_stop_the_others(mailoutbox, settings, editors, nakano):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingEmmaBackend"
    assert tell(TODAY) == 1
    assert [m.to for m in mailoutbox] == [[editors["ja"].email]]
    refused = AnniversaryNotice.objects.get(recipient=editors["en"])
    assert (refused.state, refused.attempts) == (AnniversaryNotice.State.PENDING, 1)
    assert "no mailbox" in refused.last_error


def test_notices_carry_a_fixed_message_id(mailoutbox, editors, nakano):
    tell(TODAY)
    ids = {m.extra_headers["Message-ID"] for m in mailoutbox}
    expected = {
        f"<anniversary-{notice.pk}.35@testserver>" for notice in AnniversaryNotice.objects.all()
    }
    assert {i.replace(i.split("@")[1], "testserver>") for i in ids} == expected


def test_a_notice_being_sent_elsewhere_is_left_to_that_worker(mailoutbox, editors, nakano):
    """A notice another worker took a moment ago ("sending") is not sent twice."""
    for user in editors.values():
        AnniversaryNotice.objects.create(
            city=nakano,
            years=35,
            recipient=user,
            key="35",
            state=AnniversaryNotice.State.SENDING,
            sending_since=_at(TODAY),
        )
    assert tell(TODAY, at=_at(TODAY) + timedelta(minutes=1)) == 0
    assert mailoutbox == []


def test_a_notice_left_sending_by_a_crash_is_sent_again(mailoutbox, settings, editors, nakano):
    """The in-doubt rule: after OUTBOX_SENDING_TIMEOUT it goes again, same Message-ID."""
    notice = AnniversaryNotice.objects.create(
        city=nakano,
        years=35,
        recipient=editors["ja"],
        key="35",
        state=AnniversaryNotice.State.SENDING,
        sending_since=_at(TODAY),
    )
    later = _at(TODAY) + timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT + 1)
    assert send_owed(later) == 1
    notice.refresh_from_db()
    assert notice.state == AnniversaryNotice.State.SENT
    assert "In doubt" in notice.last_error
    [message] = mailoutbox
    assert message.extra_headers["Message-ID"].startswith(f"<anniversary-{notice.pk}.35@")


def test_a_notice_for_a_partner_no_longer_active_is_skipped(mailoutbox, editors, nakano):
    anniversary_reminders_send(now=_at(TODAY))
    nakano.relationship_status = SisterCity.RelationshipStatus.DORMANT
    nakano.save()
    assert send_owed(_at(TODAY)) == 0
    assert mailoutbox == []
    states = set(AnniversaryNotice.objects.values_list("state", flat=True))
    assert states == {AnniversaryNotice.State.SKIPPED}


def test_reminder_text_is_plain_not_html_escaped(mailoutbox, editors):
    SisterCityFactory(name_en="Val-d'Oise & Co <Paris>", established_on=date(1986, 11, 1))
    tell(TODAY)
    (message,) = mails_to(mailoutbox, editors["en"])
    assert "Val-d'Oise & Co <Paris>" in message.subject
    assert "Val-d'Oise & Co <Paris>" in message.body
