"""Anniversary arithmetic: computed from the date ties were established, never stored."""

import math
from dataclasses import dataclass
from datetime import date

ROUND_STEP = 5


def anniversary_date(established: date, years: int) -> date:
    """The date of the `years`-th anniversary; 29 February falls on 28 February."""
    try:
        return established.replace(year=established.year + years)
    except ValueError:
        # Only 29 February fails: the anniversary is kept on the last day of February.
        return date(established.year + years, 2, 28)


def years_of_ties(established: date, today: date) -> int:
    """Full years since ties were established (0 before the first anniversary)."""
    years = today.year - established.year
    if years > 0 and anniversary_date(established, years) > today:
        years -= 1
    return max(years, 0)


@dataclass(frozen=True)
class Anniversary:
    """A round anniversary of ties: how many years, and on which day."""

    years: int
    date: date

    def days_from(self, today: date) -> int:
        return (self.date - today).days


def next_round_anniversary(established: date, today: date, step: int = ROUND_STEP) -> Anniversary:
    """The next anniversary divisible by `step` on or after `today`."""
    years = years_of_ties(established, today)
    candidate = max(step, math.ceil(years / step) * step)
    if anniversary_date(established, candidate) < today:
        candidate += step
    return Anniversary(candidate, anniversary_date(established, candidate))
