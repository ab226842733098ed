"""Anniversary arithmetic: years of ties and the next round anniversary."""

from datetime import date

import pytest

from apps.sister_cities.anniversaries import (
    Anniversary,
    anniversary_date,
    next_round_anniversary,
    years_of_ties,
)

ESTABLISHED = date(1986, 11, 1)
LEAP_DAY = date(2000, 2, 29)


@pytest.mark.parametrize(
    ("today", "years"),
    [
        (date(1986, 11, 1), 0),  # the day ties were established
        (date(1987, 10, 31), 0),  # before the first anniversary
        (date(1987, 11, 1), 1),  # on the first anniversary
        (date(2021, 10, 31), 34),  # the day before the 35th
        (date(2021, 11, 1), 35),  # on the 35th
        (date(2021, 11, 2), 35),  # the day after
        (date(2022, 1, 1), 35),  # a later year, before the anniversary day
    ],
)
def test_years_of_ties_before_on_and_after_the_anniversary_day(today, years):
    assert years_of_ties(ESTABLISHED, today) == years


def test_years_of_ties_is_never_negative():
    assert years_of_ties(ESTABLISHED, date(1980, 1, 1)) == 0


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(1986, 11, 1), Anniversary(5, date(1991, 11, 1))),  # 0 years: the 5th comes first
        (date(1990, 1, 1), Anniversary(5, date(1991, 11, 1))),
        (date(2016, 11, 1), Anniversary(30, date(2016, 11, 1))),  # falls today: counts
        (date(2016, 11, 2), Anniversary(35, date(2021, 11, 1))),  # the day after: next one
        (date(2021, 10, 31), Anniversary(35, date(2021, 11, 1))),
        (date(2021, 11, 1), Anniversary(35, date(2021, 11, 1))),
        (date(2021, 11, 2), Anniversary(40, date(2026, 11, 1))),
        (date(2024, 5, 5), Anniversary(40, date(2026, 11, 1))),
    ],
)
def test_next_round_anniversary(today, expected):
    assert next_round_anniversary(ESTABLISHED, today) == expected


def test_next_round_anniversary_is_always_a_multiple_of_five_on_or_after_today():
    today = date(1987, 1, 1)
    while today < date(2040, 1, 1):
        anniversary = next_round_anniversary(ESTABLISHED, today)
        assert anniversary.years % 5 == 0 and anniversary.years > 0
        assert anniversary.date >= today
        assert anniversary.date == anniversary_date(ESTABLISHED, anniversary.years)
        # No round anniversary is skipped between today and the one returned.
        assert anniversary_date(ESTABLISHED, anniversary.years - 5) < today or (
            anniversary.years == 5
        )
        today = date(today.year + 1, today.month % 12 + 1, 1)


def test_days_from():
    assert Anniversary(35, date(2021, 11, 1)).days_from(date(2021, 10, 1)) == 31
    assert Anniversary(35, date(2021, 11, 1)).days_from(date(2021, 11, 1)) == 0


# 29 February


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (1, date(2001, 2, 28)),  # common year: the last day of February
        (3, date(2003, 2, 28)),
        (4, date(2004, 2, 29)),  # leap year: the day itself
        (5, date(2005, 2, 28)),
        (100, date(2100, 2, 28)),  # 2100 is not a leap year
    ],
)
def test_leap_day_anniversary_falls_on_28_february_in_common_years(years, expected):
    assert anniversary_date(LEAP_DAY, years) == expected


@pytest.mark.parametrize(
    ("today", "years"),
    [
        (date(2001, 2, 27), 0),
        (date(2001, 2, 28), 1),  # common year: 28 February is the anniversary
        (date(2001, 3, 1), 1),
        (date(2004, 2, 28), 3),  # leap year: not yet, the anniversary is the 29th
        (date(2004, 2, 29), 4),
        (date(2004, 3, 1), 4),
        (date(2005, 2, 28), 5),
    ],
)
def test_years_of_ties_from_a_leap_day(today, years):
    assert years_of_ties(LEAP_DAY, today) == years


def test_next_round_anniversary_from_a_leap_day():
    assert next_round_anniversary(LEAP_DAY, date(2005, 1, 1)) == Anniversary(5, date(2005, 2, 28))
    assert next_round_anniversary(LEAP_DAY, date(2005, 2, 28)) == Anniversary(5, date(2005, 2, 28))
    assert next_round_anniversary(LEAP_DAY, date(2005, 3, 1)) == Anniversary(10, date(2010, 2, 28))
    assert next_round_anniversary(LEAP_DAY, date(2020, 2, 29)) == Anniversary(20, date(2020, 2, 29))
    assert next_round_anniversary(LEAP_DAY, date(2020, 3, 1)) == Anniversary(25, date(2025, 2, 28))
