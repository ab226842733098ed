"""The --clock option: instants it accepts, and that a test really starts there."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.clock import parse_instant

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
