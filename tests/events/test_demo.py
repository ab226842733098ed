"""Demo content: the series, upcoming editions and past exchanges of the source article."""

import re
import zoneinfo
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.events import demo
from apps.events.models import Delivery, Event, EventSeries, Registration, RegistrationState
from apps.events.registrations import registration_create
from apps.events.services import event_set_status, event_update
from apps.sister_cities.models import SisterCity
from apps.venues.models import Venue
from tests.languages import FIELD_SUFFIXES

pytestmark = pytest.mark.django_db
NAKANO_PAST = {
    "nakano-35th-anniversary-online-celebration",
    "tokyo-online-calligraphy-exchange",
    "tokyo-online-floral-art-exchange",
}
MINSK_PAST = "minsk-lenin-district-online-enterprise-promotion"
MINSK_ONLINE = "minsk-lenin-district-online-exchange-sample"


def _counts():
    return EventSeries.objects.count(), Event.objects.count()


def _rows():
    return (
        sorted(Registration.objects.values_list("email", "status", "event__slug")),
        sorted(Delivery.objects.values_list("registration__email", "key", "state", "due_at")),
    )


def test_loading_twice_keeps_the_same_content():
    assert demo.load().endswith(
        "; created 9, kept 0 existing series; created 16, kept 0 existing events"
    )
    first, rows = _counts(), _rows()
    assert demo.load() == (
        "created 0, kept 7 existing lookups; created 0, kept 9 existing series; "
        "created 0, kept 16 existing events"
    )
    assert _counts() == first == (9, 16)
    assert _rows() == rows
    assert Event.objects.filter(takes_registrations=True).count() == 3
    assert Registration.objects.count() == 4
    assert Event.objects.filter(sequence__gt=0).count() == 0


def test_loading_again_keeps_staff_edits_to_an_event_and_everything_under_it():
    demo.load()
    talk = Event.objects.get(series__slug="white-tower-night-talk")
    talk.title_fr = "Causerie nocturne (modifiée)"
    talk.capacity = 10
    event_update(event=talk)
    event_set_status(event=talk, status=Event.Status.POSTPONED)
    talk.languages.set([])
    talk.reminder_offsets.filter(minutes=120).delete()
    talk.registrations.get(email="sample-participant-d@example.org").delete()
    exchange = Event.objects.get(slug=MINSK_ONLINE)
    exchange.partner_cities.clear()
    series = EventSeries.objects.get(slug="white-tower-night-talk")
    series.name_en = "White Tower Night Talk (edited)"
    series.full_clean()
    series.save()
    deliveries = Delivery.objects.count()

    demo.load()

    talk.refresh_from_db()
    assert talk.title_fr == "Causerie nocturne (modifiée)"
    assert talk.capacity == 10
    assert talk.event_status == Event.Status.POSTPONED
    assert not talk.languages.exists()
    assert sorted(talk.reminder_offsets.values_list("minutes", flat=True)) == [1440, 10080]
    assert talk.registrations.count() == 3
    assert not exchange.partner_cities.exists()
    assert EventSeries.objects.get(slug="white-tower-night-talk").name_en == (
        "White Tower Night Talk (edited)"
    )
    assert Delivery.objects.count() == deliveries


def test_a_deleted_event_is_created_again_with_its_sample_registrants():
    demo.load()
    Event.objects.get(series__slug="white-tower-night-talk").delete()
    EventSeries.objects.filter(slug="october-literature-festival").delete()
    exchange = Event.objects.get(slug=MINSK_ONLINE)

    summary = demo.load()

    assert summary.endswith("created 1, kept 8 existing series; created 1, kept 15 existing events")
    talk = Event.objects.get(series__slug="white-tower-night-talk")
    assert talk.reminder_offsets.count() == 3
    assert talk.registrations.count() == 4
    # The literature festival's edition exists, so it is kept without its series.
    assert Event.objects.get(slug__startswith="october-literature-festival-").series is None
    assert EventSeries.objects.filter(slug="october-literature-festival").exists()
    assert Event.objects.get(slug=MINSK_ONLINE).updated_at == exchange.updated_at


def test_missing_partners_and_venues_are_loaded_first():
    assert not SisterCity.objects.exists()
    assert not Venue.objects.exists()
    demo.load()
    assert SisterCity.objects.filter(slug__in=["nakano", "minsk-lenin-district"]).count() == 2
    assert Venue.objects.filter(slug="beijing-financial-street").exists()


def test_every_series_is_published_in_seven_languages_with_an_upcoming_edition():
    demo.load()
    upcoming = Event.objects.upcoming()
    for series in EventSeries.objects.all():
        assert series.status == PublishingStatus.PUBLISHED
        for lang in FIELD_SUFFIXES:
            assert getattr(series, f"name_{lang}"), (series.slug, lang)
            assert getattr(series, f"summary_{lang}"), (series.slug, lang)
        editions = upcoming.filter(series=series)
        assert editions.exists(), series.slug
        for edition in editions:
            year = str(edition.local_start.year)
            assert edition.slug == f"{series.slug}-{year}"
            for lang in FIELD_SUFFIXES:
                assert year in getattr(edition, f"title_{lang}"), (edition.slug, lang)
    summary = EventSeries.objects.get(slug="financial-street-foreign-language-performance")
    assert "four consecutive years" in summary.summary_en


def test_every_event_is_published_and_written_in_seven_languages():
    demo.load()
    for event in Event.objects.all():
        assert event.is_published, event.slug
        assert event.time_zone == "Asia/Shanghai"
        assert event.languages.exists(), event.slug
        for lang in FIELD_SUFFIXES:
            for field in ("title", "summary", "organiser", "sample_note"):
                assert getattr(event, f"{field}_{lang}"), (event.slug, field, lang)
            if event.location_en:
                assert getattr(event, f"location_{lang}"), (event.slug, lang)
        event.full_clean()


def test_every_upcoming_event_is_sample_and_says_so_in_seven_languages():
    demo.load()
    today = timezone.localdate()
    upcoming = Event.objects.upcoming()
    assert upcoming.count() == 11
    for event in upcoming:
        assert event.is_sample, event.slug
        for lang in FIELD_SUFFIXES:
            assert getattr(event, f"sample_note_{lang}"), (event.slug, lang)
        # Relative to today: two months ahead at the earliest, within about a year.
        assert today + timedelta(days=55) <= event.timeline_date <= today + timedelta(days=430)
    postponed = upcoming.get(event_status=Event.Status.POSTPONED)
    assert "postponement" in postponed.sample_note_en


def test_editions_are_dated_from_the_day_the_demo_is_loaded(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 12, 1))
    demo.load()
    talk = Event.objects.get(slug="white-tower-night-talk-2031")
    assert talk.local_start.date() == date(2031, 2, 4)
    assert (talk.local_start.hour, talk.local_end.hour) == (19, 21)
    assert not talk.all_day
    assert talk.location_en == "White Pagoda Temple (Miaoying Temple)"
    literature = Event.objects.get(slug="october-literature-festival-2031")
    assert literature.all_day
    assert literature.local_start.date() == date(2031, 10, 1)
    assert literature.local_end.date() == date(2031, 10, 31)


def test_festivals_last_whole_days_and_forums_are_timed():
    demo.load()
    festival = Event.objects.get(series__slug="shichahai-cultural-tourism-festival")
    assert festival.all_day
    assert festival.category == Event.Category.FESTIVAL
    assert (festival.local_end.date() - festival.local_start.date()).days == 2
    assert festival.venue.slug == "prince-gongs-mansion"
    for slug in ("financial-street-forum", "global-fintech-summit"):
        forum = Event.objects.get(series__slug=slug)
        assert forum.category == Event.Category.FORUM
        assert not forum.all_day
        assert forum.venue.slug == "beijing-financial-street"
        assert forum in forum.venue.hosted_events.all()


def test_past_exchanges_are_linked_to_their_partner_cities():
    demo.load()
    now = timezone.now()
    nakano = SisterCity.objects.get(slug="nakano")
    nakano_past = set(nakano.exchange_activities.past(now=now).values_list("slug", flat=True))
    assert nakano_past == NAKANO_PAST
    anniversary = Event.objects.get(slug="nakano-35th-anniversary-online-celebration")
    assert anniversary.timeline_date == date(2021, 11, 1)
    minsk = SisterCity.objects.get(slug="minsk-lenin-district")
    assert list(minsk.exchange_activities.past(now=now).values_list("slug", flat=True)) == [
        MINSK_PAST
    ]
    for slug in [*NAKANO_PAST, MINSK_PAST]:
        event = Event.objects.get(slug=slug)
        assert event.is_past
        assert event.category == Event.Category.EXCHANGE
        assert event.is_online
        assert event.join_url == ""
        assert event.is_sample
        assert event.sample_note_en


def test_the_upcoming_online_exchanges_have_private_join_links_on_a_reserved_host():
    demo.load()
    online = Event.objects.upcoming().filter(is_online=True)
    partners = {event.partner_cities.get().slug: event for event in online}
    assert set(partners) == {"nakano", "minsk-lenin-district"}
    for event in online:
        assert urlsplit(event.join_url).hostname == "meeting.example.org"
        assert event.category == Event.Category.EXCHANGE
        assert event.is_sample
        for lang in FIELD_SUFFIXES:
            assert re.search(
                r"[(（](sample|示例|サンプル|пример|exemple|ejemplo|مثال)[)）]",
                getattr(event, f"title_{lang}"),
            ), (event.slug, lang)
    assert partners["nakano"].join_url == "https://meeting.example.org/xicheng-demo-join"
    assert Event.objects.exclude(join_url="").count() == 2


def test_the_online_exchange_with_minsk_is_open_for_registration_now():
    demo.load()
    now = timezone.now()
    event = Event.objects.get(slug=MINSK_ONLINE)
    assert event.registration_state(now=now) == RegistrationState.OPEN
    assert event.takes_registrations and event.capacity == 50
    assert event.registration_opens_at <= now < event.registration_closes_at < event.starts_at
    assert event.registration_closes_at == event.starts_at - timedelta(days=1)
    assert event.timeline_date >= timezone.localdate() + timedelta(days=60)
    # 15:00 in Beijing is 10:00 in Minsk.
    assert event.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Minsk")).hour == 10
    assert event.languages.filter(code="ru").exists()
    assert event.reminder_offsets.count() == 3
    assert not event.registrations.exists()
    for lang in FIELD_SUFFIXES:
        assert "Minsk" in event.title_en
        assert event.join_url not in getattr(event, f"summary_{lang}")
        assert getattr(event, f"sample_note_{lang}")


def test_which_events_take_registrations():
    demo.load()
    taking = Event.objects.filter(takes_registrations=True)
    assert {event.slug.rsplit("-", 1)[0] for event in taking if event.series_id} == {
        "white-tower-night-talk"
    }
    assert {event.slug for event in taking if not event.series_id} == {
        "nakano-online-exchange-sample",
        MINSK_ONLINE,
    }
    for event in taking:
        assert event.is_sample
        assert event.capacity
        assert event.registration_state() == RegistrationState.OPEN
    # Nothing past, cancelled or postponed takes registrations.
    assert not taking.exclude(event_status=Event.Status.SCHEDULED).exists()
    assert all(not event.is_past for event in taking)


def test_the_small_on_site_talk_is_full_and_has_a_waitlist_of_sample_people():
    demo.load()
    talk = Event.objects.get(series__slug="white-tower-night-talk")
    assert not talk.is_online and talk.venue is None and talk.location_en
    assert talk.join_url == ""
    assert talk.capacity == 3
    assert "people registered for it" in talk.sample_note_en
    registrations = list(talk.registrations.order_by("pk"))
    assert [r.status for r in registrations] == ["confirmed"] * 3 + ["waitlisted"]
    assert {r.language for r in registrations} == {"ru", "ja", "zh-hans", "fr"}
    for registration in registrations:
        assert registration.email.endswith("@example.org")
        assert registration.name.startswith("Sample Participant")
        registration.full_clean()
    assert Registration.objects.exclude(event=talk).count() == 0
    # The emails they are owed are in the outbox, nothing sent yet.
    confirmed = registrations[0]
    assert set(confirmed.deliveries.values_list("key", "state")) == {
        ("confirmation-1", "pending"),
        ("reminder-10080", "pending"),
        ("reminder-1440", "pending"),
        ("reminder-120", "pending"),
    }
    assert list(registrations[3].deliveries.values_list("key", flat=True)) == ["waitlisted-1"]
    # A visitor of the demo joins the waitlist behind them.
    result = registration_create(
        event_id=talk.pk,
        name="Visitor",
        email="visitor@example.org",
        country="DE",
        language="en",
        time_zone="Europe/Berlin",
    )
    assert result.registration.status == Registration.Status.WAITLISTED


def test_loading_on_a_later_day_keeps_the_dates_and_writes_to_no_one(monkeypatch):
    demo.load()
    starts = dict(Event.objects.values_list("slug", "starts_at"))
    talk = Event.objects.get(series__slug="white-tower-night-talk")
    today = timezone.localdate()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    visitor = registration_create(
        event_id=Event.objects.get(slug=MINSK_ONLINE).pk,
        name="Visitor",
        email="visitor@example.org",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
        address_confirmed=True,  # a confirmed place: its reminders are planned
    ).registration
    demo.load()
    # A day later may fall in another year for an edition, which adds that year's one.
    assert dict(Event.objects.filter(slug__in=starts).values_list("slug", "starts_at")) == starts
    talk.refresh_from_db()
    assert talk.sequence == 0
    assert talk.registrations.count() == 4
    assert not Delivery.objects.filter(kind="update").exists()
    assert visitor.deliveries.count() == 1 + 3  # confirmation and three reminders


def test_loading_in_a_later_year_adds_that_years_editions(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 12, 1))
    demo.load()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2031, 12, 1))
    demo.load()
    talks = Event.objects.filter(series__slug="white-tower-night-talk").order_by("starts_at")
    assert [talk.slug for talk in talks] == [
        "white-tower-night-talk-2031",
        "white-tower-night-talk-2032",
    ]
    assert talks[0].local_start.date() == date(2031, 2, 4)


def test_a_day_that_has_not_come_yet_makes_no_sample_registrations(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 12, 1))
    demo.load()
    assert Event.objects.filter(takes_registrations=True).count() == 3
    assert not Registration.objects.exists()
