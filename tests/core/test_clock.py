"""The --clock option: instants it accepts, and that a test really starts there."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.clock import parse_instant, start_instant

UTC = dt.UTC


def test_an_instant_with_its_zone_is_taken_as_it_is():
    assert parse_instant("2026-12-31T15:59:59.5Z") == dt.datetime(
        2026, 12, 31, 15, 59, 59, 500000, tzinfo=UTC
    )
    assert parse_instant("2027-01-01T00:00+08:00") == dt.datetime(2026, 12, 31, 16, tzinfo=UTC)


def test_a_time_alone_is_that_time_of_todays_utc_date():
    instant = parse_instant("23:59Z")
    assert instant.tzinfo is not None
    assert (instant.hour, instant.minute) == (23, 59)
    assert abs(instant.date() - dt.datetime.now(UTC).date()) <= dt.timedelta(days=1)


@pytest.mark.parametrize("value", ["2026-12-31T16:00", "16:00", "tomorrow", "25:00Z"])
def test_an_instant_without_a_zone_or_not_iso_is_refused(value):
    with pytest.raises(pytest.UsageError):
        parse_instant(value)


def test_every_test_starts_at_the_chosen_instant(request, _clock):
    instant = request.config._clock_instant
    if instant is None:
        assert _clock is None
        return
    # The clock ticks from the instant, and setting up this test took less than a minute.
    assert dt.timedelta(0) <= timezone.now() - instant < dt.timedelta(minutes=1)


def test_a_pinned_day_keeps_the_time_of_day_of_the_run():
    at_1601 = parse_instant("2026-12-03T16:01:02Z")
    assert start_instant(at_1601, "2027-02-28") == dt.datetime(2027, 2, 28, 16, 1, 2, tzinfo=UTC)
    assert start_instant(at_1601, None) == at_1601
    assert start_instant(None, None) is None
    real = start_instant(None, "2027-02-28")
    assert real.date() == dt.date(2027, 2, 28)
    assert real.tzinfo is not None


def test_a_pinned_instant_wins_over_the_run():
    at_1601 = parse_instant("16:01Z")
    assert start_instant(at_1601, "2026-12-31T15:59:59Z") == dt.datetime(
        2026, 12, 31, 15, 59, 59, tzinfo=UTC
    )


@pytest.mark.clock("2027-02-28")
def test_a_test_pinned_to_a_day_runs_on_it():
    # At --clock=23:59:59.9Z the day may have ended by now.
    assert dt.date(2027, 2, 28) <= timezone.now().astimezone(UTC).date() <= dt.date(2027, 3, 1)
