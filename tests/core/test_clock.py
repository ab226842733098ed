"""The --clock option: instants it accepts, and that a test really starts there."""

import ast
import datetime as dt
from pathlib import Path

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


# --- The rules that keep dates in one zone, checked over the source ---------------------

ROOT = Path(__file__).resolve().parents[2]
CLOCK_READS = ("now", "localdate", "localtime", "today", "utcnow")


def _python_files(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def _calls_outside_functions(node, found):
    """Calls evaluated when the module is imported (decorators and defaults included)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        for part in [*node.decorator_list, *node.args.defaults]:
            _calls_outside_functions(part, found)
        return
    if isinstance(node, ast.Lambda):
        return
    if isinstance(node, ast.Call):
        found.append(node)
    for child in ast.iter_child_nodes(node):
        _calls_outside_functions(child, found)


def test_no_test_reads_the_clock_when_it_is_collected():
    # A date taken at import (a parametrize list, a module constant) is the real clock's,
    # not the instant the test runs at under --clock, nor the same day after midnight.
    offenders = []
    for path, tree in _python_files("tests"):
        calls = []
        _calls_outside_functions(tree, calls)
        for call in calls:
            name = ast.unparse(call.func)
            if name.rsplit(".", 1)[-1] in CLOCK_READS:
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno} {name}()")
    assert offenders == []


def test_no_date_is_cut_from_a_utc_instant():
    # `timezone.now().date()` is the UTC date: from 16:00 to 24:00 UTC it is the day
    # before Beijing's. Take `timezone.localdate()` or `timezone.localtime(x).date()`.
    offenders = []
    for path, tree in _python_files("apps", "xicheng_portal", "tests", "scripts"):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "date"
                and isinstance(node.func.value, ast.Call)
                and ast.unparse(node.func.value.func) in {"timezone.now", "datetime.now"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
