"""Run the suite at a chosen instant: `pytest --clock=15:59:59.5Z` (UTC, today).

Beijing's midnight is 16:00 UTC, so a date taken in one zone and compared in the other
goes wrong for eight hours a day. Runs at chosen instants make such a bug fail on the
first run, whatever the hour of the machine (`make test-clocks`, run by CI).

The clock ticks from the instant at the start of every test, so a test started at
15:59:59.5Z crosses the Beijing midnight half a second in. An instant without a date
(`23:59Z`) is taken on today's UTC date. Only this process travels: tests that need
the real clock (worker subprocesses, the browser) carry the `real_clock` marker and
are skipped, and so are browser journeys.
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


@pytest.fixture(autouse=True)
def _clock(request):
    """Start the test at the instant of --clock, with the clock ticking on from there."""
    instant = request.config._clock_instant
    if instant is None:
        yield None
        return
    with time_machine.travel(instant, tick=True) as traveller:
        yield traveller
