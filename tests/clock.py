"""Run the suite at a chosen instant: `pytest --clock=15:59:59.5Z` (UTC, today).

Beijing's midnight is 16:00 UTC, so a date taken in one zone and compared in the other
goes wrong for eight hours a day. Runs at chosen instants make such a bug fail on the
first run, whatever the hour of the machine (`make test-clocks`, run by CI).

The clock ticks from the instant at the start of every test, so a test started at
15:59:59.5Z crosses the Beijing midnight half a second in. An instant without a date
(`23:59Z`) is taken on today's UTC date. Only this process travels: tests that need
the real clock (worker subprocesses, the browser) carry the `real_clock` marker and
are skipped, and so are browser journeys.

A test written around fixed dates ("a trip in March 2027") pins its day with
`@pytest.mark.clock("2026-12-02")`: it runs on that UTC date at the time of day of
--clock, or of the real clock, so it still meets every hour. `clock("2026-12-02T04:00Z")`
pins the instant itself.
"""

import datetime as dt
import os

import pytest
import time_machine

OPTION = "--clock"


def pytest_addoption(parser):
    parser.addoption(
        OPTION,
        metavar="INSTANT",
        default=os.environ.get("TEST_CLOCK") or None,
        help="start every test at this instant (ISO 8601 with a zone, or a time of "
        "today such as 15:59:59.5Z); default: $TEST_CLOCK, else the real clock",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_clock: needs the real clock (other processes); skipped under --clock"
    )
    config.addinivalue_line(
        "markers",
        "clock(day_or_instant): run on this UTC date (at --clock's hour) or instant",
    )
    value = config.getoption(OPTION)
    config._clock_instant = parse_instant(value) if value else None


def parse_instant(value: str) -> dt.datetime:
    """`2026-12-31T15:59:59.5Z`, `2027-01-01T00:00+08:00`, or `15:59Z` (today, UTC)."""
    text = value.strip().replace("Z", "+00:00")
    if "T" not in text:
        text = f"{dt.datetime.now(dt.UTC).date().isoformat()}T{text}"
    try:
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(f"{OPTION}: not an ISO 8601 instant: {value!r}") from None
    if instant.tzinfo is None:
        raise pytest.UsageError(f"{OPTION}: give the zone too, e.g. {value}Z: {value!r}")
    return instant


def pytest_report_header(config):
    instant = config._clock_instant
    if instant is not None:
        beijing = instant.astimezone(dt.timezone(dt.timedelta(hours=8)))
        return f"clock: every test starts at {instant.isoformat()} (Beijing {beijing:%F %T})"
    return None


def pytest_collection_modifyitems(config, items):
    if config._clock_instant is None:
        return
    skip = pytest.mark.skip(reason="needs the real clock (run without --clock)")
    for item in items:
        if item.get_closest_marker("real_clock") or item.get_closest_marker("browser"):
            item.add_marker(skip)


def start_instant(instant: dt.datetime | None, pinned: str | None) -> dt.datetime | None:
    """Where a test starts: --clock's instant, moved to the test's pinned day if it has one."""
    if pinned is None:
        return instant
    if "T" in pinned:
        return parse_instant(pinned)
    day = dt.date.fromisoformat(pinned)
    moment = (instant or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return dt.datetime.combine(day, moment.timetz())


@pytest.fixture(autouse=True)
def _clock(request):
    """Start the test at its instant (see the module), with the clock ticking on from there."""
    marker = request.node.get_closest_marker("clock")
    instant = start_instant(request.config._clock_instant, marker.args[0] if marker else None)
    if instant is None:
        yield None
        return
    with time_machine.travel(instant, tick=True) as traveller:
        yield traveller
