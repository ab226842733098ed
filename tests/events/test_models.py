"""The event model: calendar revisions, times and zones, the private join link,
the registration window."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.events.models import Event
from apps.events.services import event_update
from tests.languages import FIELD_SUFFIXES
from tests.venues.factories import VenueFactory

from .conftest import JOIN_URL
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def reloaded(event: Event) -> Event:
    return Event.objects.get(pk=event.pk)


def error_codes(error: ValidationError, field: str = "__all__") -> list[str]:
    return [each.code for each in error.error_dict.get(field, [])]


# SEQUENCE


def test_a_new_event_is_revision_zero():
    assert EventFactory().sequence == 0
    assert reloaded(EventFactory()).sequence == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda e: setattr(e, "starts_at", e.starts_at - timedelta(hours=1)),
        lambda e: setattr(e, "ends_at", e.ends_at + timedelta(hours=1)),
        lambda e: setattr(e, "time_zone", "Europe/Berlin"),
        lambda e: setattr(e, "venue", VenueFactory()),
        lambda e: setattr(e, "location_en", "Courtyard of the Cultural Centre"),
        lambda e: setattr(e, "is_online", True),
        lambda e: setattr(e, "event_status", Event.Status.POSTPONED),
        lambda e: setattr(e, "all_day", True),
    ],
    ids=["starts_at", "ends_at", "time_zone", "venue", "location", "is_online", "status", "day"],
)
def test_a_change_of_time_place_or_status_is_a_new_revision(change):
    event = reloaded(EventFactory())
    change(event)
    event_update(event=event)
    assert event.sequence == 1
    assert reloaded(event).sequence == 1


def test_each_change_is_one_more_revision():
    event = reloaded(EventFactory())
    event.starts_at -= timedelta(hours=1)
    event_update(event=event)
    event_update(event=event)  # nothing changed since: the same revision
    event.event_status = Event.Status.CANCELLED
    event_update(event=event)
    assert reloaded(event).sequence == 2


def test_a_new_title_or_summary_is_the_same_revision():
    event = reloaded(EventFactory())
    event.title_en = "A better title"
    event.title_fr = "Un meilleur titre"
    event.summary_en = "More words."
    event_update(event=event)
    assert reloaded(event).sequence == 0


def test_the_same_instant_in_another_zone_is_the_same_revision():
    event = reloaded(EventFactory())
    event.starts_at = event.starts_at.astimezone(ZoneInfo("America/New_York"))
    event_update(event=event)
    assert reloaded(event).sequence == 0


def test_saving_the_model_alone_has_no_side_effect():
    # The revision, emails and reminders are the service's work, not save()'s.
    event = reloaded(EventFactory())
    event.event_status = Event.Status.CANCELLED
    event.save(update_fields=["event_status"])
    assert reloaded(event).sequence == 0
    event_update(event=event)
    assert reloaded(event).sequence == 0  # already stored: nothing changed since


# Times and zones


def test_an_event_cannot_end_before_it_starts():
    start = datetime(2027, 5, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    event = EventFactory.build(starts_at=start, ends_at=start - timedelta(minutes=1))
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert error_codes(raised.value) == ["ends_before_start"]
    assert "The end must not be before the start." in raised.value.messages


def test_an_event_may_end_when_it_starts():
    start = datetime(2027, 5, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    EventFactory.build(starts_at=start, ends_at=start).full_clean()


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Beijing", "UTC+8", "", "asia/shanghai"])
def test_an_unknown_time_zone_is_refused(zone):
    event = EventFactory.build(time_zone=zone)
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "time_zone" in raised.value.error_dict


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"])
def test_known_time_zones(zone):
    EventFactory.build(time_zone=zone).full_clean()


def test_local_times_are_in_the_events_zone():
    event = EventFactory(time_zone="Europe/Berlin", local_start="2026-03-30 10:00")
    event = reloaded(event)
    assert event.local_start.isoformat() == "2026-03-30T10:00:00+02:00"
    assert event.local_end.isoformat() == "2026-03-30T12:00:00+02:00"
    assert event.starts_at.isoformat() == "2026-03-30T08:00:00+00:00"


# The join link


@pytest.mark.parametrize("field", ["title", "summary", "body", "location", "organiser"])
@pytest.mark.parametrize("lang", FIELD_SUFFIXES)
def test_the_join_link_cannot_be_pasted_into_public_text(field, lang):
    values = {f"{field}_{lang}": f"Join us at {JOIN_URL} on the day"}
    event = EventFactory.build(join_url=JOIN_URL, **values)
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert error_codes(raised.value, "join_url") == ["join_url_public"]
    assert f"{field} [{lang}]" in raised.value.message_dict["join_url"][0]


@pytest.mark.parametrize("field", ["image_alt", "sample_note"])
def test_the_join_link_cannot_be_pasted_into_shown_notes(field):
    event = EventFactory.build(join_url=JOIN_URL, **{f"{field}_en": f"See {JOIN_URL}"})
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "join_url" in raised.value.error_dict


def test_a_join_link_kept_private_is_accepted():
    event = EventFactory(join_url=JOIN_URL, online=True, summary_en="Online; link by email.")
    assert reloaded(event).join_url == JOIN_URL


# Registration


def test_registration_cannot_close_before_it_opens():
    opens = datetime(2027, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    event = EventFactory.build(
        registration_opens_at=opens, registration_closes_at=opens - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "registration_closes_at" in raised.value.error_dict


@pytest.mark.parametrize(
    ("opens", "closes"), [(True, True), (True, False), (False, True), (False, False)]
)
def test_a_registration_window_in_order_or_open_ended(opens, closes):
    moment = datetime(2027, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    EventFactory.build(
        registration_opens_at=moment if opens else None,
        registration_closes_at=moment + timedelta(days=10) if closes else None,
    ).full_clean()


def test_str_is_the_title_in_the_active_language():
    assert str(EventFactory(title_en="Youth exchange", title_zh_hans="青少年交流")) == (
        "Youth exchange"
    )


def test_a_new_location_in_any_language_is_a_new_revision():
    event = reloaded(EventFactory(location_en="Courtyard", location_zh_hans="院子"))
    event.location_fr = "Cour"
    event_update(event=event)
    assert reloaded(event).sequence == 1


def test_saving_in_another_language_than_it_was_loaded_in_is_the_same_revision():
    event = EventFactory(location_en="Courtyard", location_zh_hans="院子")
    with translation.override("zh-hans"):
        event = reloaded(event)
    with translation.override("en"):
        event.title_en = "Retitled"
        event_update(event=event)
    assert reloaded(event).sequence == 0


def test_partly_loaded_events_can_be_read_and_saved():
    event = EventFactory()
    with CaptureQueriesContext(connection) as captured:
        assert [e.slug for e in Event.objects.only("slug")] == [event.slug]
        assert list(Event.objects.defer("body", "starts_at"))
    assert len(captured) == 2
    partial = Event.objects.defer("body").get(pk=event.pk)
    partial.refresh_from_db(fields=["title_en"])
    partial.ends_at += timedelta(hours=1)
    event_update(event=partial)
    assert reloaded(event).sequence == 1
    untouched = Event.objects.only("slug", "title_en").get(pk=event.pk)
    untouched.title_en = "Retitled"
    event_update(event=untouched)
    assert reloaded(event).sequence == 1
    assert reloaded(event).title_en == "Retitled"
