"""Demo content: the series, upcoming editions and past exchanges of the source article."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.events import demo
from apps.events.models import Event, EventSeries
from apps.sister_cities.models import SisterCity
from apps.venues.models import Venue

pytestmark = pytest.mark.django_db
LANGS = ["zh_hans", "en", "ja", "ru", "fr", "es", "ar"]
NAKANO_PAST = {
    "nakano-35th-anniversary-online-celebration",
    "tokyo-online-calligraphy-exchange",
    "tokyo-online-floral-art-exchange",
}
MINSK_PAST = "minsk-lenin-district-online-enterprise-promotion"


def _counts():
    return EventSeries.objects.count(), Event.objects.count()


def test_loading_twice_keeps_the_same_content():
    summary = demo.load()
    first = _counts()
    assert demo.load() == summary
    assert _counts() == first == (9, 15)
    assert summary == "9 series and 15 events in 7 languages"
    assert Event.objects.filter(sequence__gt=0).count() == 0


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
        for lang in LANGS:
            assert getattr(series, f"name_{lang}"), (series.slug, lang)
            assert getattr(series, f"summary_{lang}"), (series.slug, lang)
        editions = upcoming.filter(series=series)
        assert editions.exists(), series.slug
        for edition in editions:
            year = str(edition.local_start.year)
            assert edition.slug == f"{series.slug}-{year}"
            for lang in LANGS:
                assert year in getattr(edition, f"title_{lang}"), (edition.slug, lang)
    summary = EventSeries.objects.get(slug="financial-street-foreign-language-performance")
    assert "four consecutive years" in summary.summary_en


def test_every_event_is_published_and_written_in_seven_languages():
    demo.load()
    for event in Event.objects.all():
        assert event.is_published, event.slug
        assert event.time_zone == "Asia/Shanghai"
        assert event.languages.exists(), event.slug
        for lang in LANGS:
            for field in ("title", "summary", "organiser", "sample_note"):
                assert getattr(event, f"{field}_{lang}"), (event.slug, field, lang)
            if event.location_en:
                assert getattr(event, f"location_{lang}"), (event.slug, lang)
        event.full_clean()


def test_every_upcoming_event_is_sample_and_says_so_in_seven_languages():
    demo.load()
    today = timezone.localdate()
    upcoming = Event.objects.upcoming()
    assert upcoming.count() == 10
    for event in upcoming:
        assert event.is_sample, event.slug
        for lang in LANGS:
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
    assert list(minsk.exchange_activities.values_list("slug", flat=True)) == [MINSK_PAST]
    for slug in [*NAKANO_PAST, MINSK_PAST]:
        event = Event.objects.get(slug=slug)
        assert event.is_past
        assert event.category == Event.Category.EXCHANGE
        assert event.is_online
        assert event.join_url == ""
        assert event.is_sample
        assert event.sample_note_en


def test_the_upcoming_online_exchange_has_a_private_join_link():
    demo.load()
    (online,) = Event.objects.upcoming().filter(is_online=True)
    assert online.join_url == "https://meeting.example.org/xicheng-demo-join"
    assert online.category == Event.Category.EXCHANGE
    assert list(online.partner_cities.values_list("slug", flat=True)) == ["nakano"]
    assert "(sample)" in online.title_en
    assert Event.objects.exclude(join_url="").count() == 1
