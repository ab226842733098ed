"""The pure parts of `make bench` (scripts/bench.py): reading wrk, judging targets, the hello."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load("bench")

WRK_OUTPUT = """\
Running 3s test @ http://127.0.0.1:18765/en/events/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.96ms    1.64ms  17.31ms   75.83%
    Req/Sec     2.64k   303.27     3.34k    60.00%
  Latency Distribution
     50%  812.00us
     75%    6.79ms
     90%    7.86ms
     99%   {p99}
  15835 requests in 3.01s, 2.66MB read
{extra}Requests/sec:   5260.83
Transfer/sec:      0.88MB
"""


def _wrk(p99="10.69ms", extra=""):
    return bench.parse_wrk(WRK_OUTPUT.format(p99=p99, extra=extra))


def test_wrk_figures_are_read():
    result = _wrk()
    assert result.requests_per_second == pytest.approx(5260.83)
    assert result.p99_ms == pytest.approx(10.69)
    assert result.requests == 15835
    assert (result.bad_responses, result.socket_errors) == (0, 0)


@pytest.mark.parametrize(
    ("text", "ms"),
    [("812.00us", 0.812), ("10.69ms", 10.69), ("1.02s", 1020.0), ("2.00m", 120_000.0)],
)
def test_wrk_latency_units(text, ms):
    assert _wrk(p99=text).p99_ms == pytest.approx(ms)


def test_error_statuses_and_socket_errors_are_counted():
    extra = (
        "  Socket errors: connect 0, read 2, write 0, timeout 5\n  Non-2xx or 3xx responses: 7054\n"
    )
    result = _wrk(extra=extra)
    assert result.bad_responses == 7054
    assert result.socket_errors == 7


def test_output_without_figures_is_refused():
    with pytest.raises(ValueError, match="no figures"):
        bench.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_warm_page_meets_its_target():
    result = bench.WrkResult(requests_per_second=500.0, p99_ms=40.0, requests=5000)
    row = bench.evaluate("/en/events/", "warm", result, hello_rate=1000.0, queries=5)
    assert row.ratio == pytest.approx(0.5)
    assert row.missed == []


def test_warm_page_misses_ratio_p99_queries_and_status():
    result = bench.WrkResult(
        requests_per_second=400.0, p99_ms=100.0, requests=4000, bad_responses=3
    )
    row = bench.evaluate("/en/events/", "warm", result, hello_rate=1000.0, queries=9)
    assert len(row.missed) == 4
    assert "0.400x" in row.missed[0]
    assert "p99 100.0 ms" in row.missed[1]
    assert "9 SQL" in row.missed[2]


def test_cold_targets_ignore_p99_and_are_looser_for_documents():
    slow = bench.WrkResult(requests_per_second=30.0, p99_ms=2000.0, requests=300)
    hello = 1000.0
    assert bench.evaluate("/en/events/", "cold", slow, hello, queries=5).missed
    assert not bench.evaluate("/en/events/feed.ics", "cold", slow, hello, queries=4).missed
    assert not bench.evaluate("/sitemap-events.xml?p=2", "cold", slow, hello, queries=0).missed
    fast = bench.WrkResult(requests_per_second=60.0, p99_ms=2000.0, requests=600)
    assert not bench.evaluate("/en/venues/?kind=museum", "cold", fast, hello, queries=8).missed


def test_table_names_each_page_and_its_verdict():
    hello = bench.WrkResult(1000.0, 10.0, 10000), bench.WrkResult(1200.0, 9.0, 12000)
    rows = [
        bench.evaluate("/en/", "warm", bench.WrkResult(990.0, 20.0, 9900), 1100.0, 8),
        bench.evaluate("/ja/services/", "warm", bench.WrkResult(100.0, 20.0, 1000), 1100.0, 2),
    ]
    printed = bench.table("warm", rows, hello, rss_mb=151.0)
    assert "hello 1000 req/s at the start, 1200 at the end, mean 1100" in printed
    lines = printed.splitlines()
    assert lines[2].startswith("/en/ ") and lines[2].endswith("OK")
    assert lines[3].startswith("/ja/services/") and lines[3].endswith("MISS")
    assert lines[4].endswith("MISS")  # 151 MB is over the memory target


def test_hello_answers_hello():
    """The reference app, called as gunicorn would call it, in a process of its own
    (it configures Django's settings itself)."""
    code = (
        "import wsgiref.util, bench_hello\n"
        "environ = {}\n"
        "wsgiref.util.setup_testing_defaults(environ)\n"
        "environ['HTTP_HOST'] = '127.0.0.1'\n"
        "replies = []\n"
        "body = b''.join(bench_hello.application(environ, lambda *a: replies.append(a)))\n"
        "print(replies[0][0], body.decode())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=SCRIPTS, capture_output=True, text=True, check=False
    )
    assert run.stdout.strip() == "200 OK hello", run.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://postgres@127.0.0.1:5432/xicheng",
            "postgres://postgres@127.0.0.1:5432/xicheng_bench_pages",
        ),
        (
            "postgres://u:p%40ss@db/main?sslmode=require",
            "postgres://u:p%40ss@db/main_bench_pages?sslmode=require",
        ),
    ],
)
def test_bench_database_is_named_after_database_url(url, expected):
    assert bench.bench_database_url(url) == expected


def test_the_95th_percentile_of_the_wrk_script_is_read():
    assert _wrk(extra="p95 48210us\n").p95_ms == pytest.approx(48.21)
    assert _wrk().p95_ms is None  # plain --latency output has none


def test_wrk_script_asks_for_each_path_in_turn(tmp_path):
    script = bench.wrk_script(["/en/search/?q=Lyon", "/ru/search/?q=%D0%9B"], tmp_path).read_text()
    assert 'local paths = {"/en/search/?q=Lyon", "/ru/search/?q=%D0%9B"}' in script
    assert "latency:percentile(95)" in script


def _search_cost(queries):
    return bench.SearchCost(queries=queries, ms=10.0, sql_ms=5.0)


def test_search_misses_p95_more_than_three_statements_and_statements_that_grow():
    slow = bench.WrkResult(100.0, 90.0, 1000, p95_ms=50.0)
    costs = (_search_cost(3), _search_cost(4))
    row = bench.evaluate_search("/en/search/?q=x", slow, 1000.0, costs)
    assert len(row.missed) == 3
    assert "p95 50.0 ms" in row.missed[0]
    assert "4 SQL queries > 3" in row.missed[1]
    assert "3 with 1/20 of the index, 4 with all of it" in row.missed[2]
    fast = bench.WrkResult(800.0, 60.0, 8000, p95_ms=49.9)
    assert not bench.evaluate_search("/en/search/?q=x", fast, 1000.0, (_search_cost(3),) * 2).missed


def test_search_p95_is_judged_at_one_connection_per_worker_not_in_the_queued_mix():
    slow = bench.WrkResult(10.0, 900.0, 100, p95_ms=800.0)
    row = bench.evaluate_search(bench.MIX, slow, 1000.0, None, connections=bench.WRK_CONNECTIONS)
    assert row.missed == []
    assert not row.judged
    row = bench.evaluate_search(bench.MIX_LIGHT, slow, 1000.0, None, connections=bench.WORKERS)
    assert row.judged and "p95 800.0 ms" in row.missed[0]


def test_the_reminder_bench_runs_as_many_workers_as_the_deploy_guide(tmp_path):
    reminders = _load("bench_reminders")
    # The guide's own worker unit: what operators run is what the bench measures.
    assert reminders.deployed_concurrency() == 4
    guide = tmp_path / "deploy.md"
    guide.write_text(
        "ExecStart=/srv/xicheng/app/.venv/bin/celery -A xicheng_portal worker \\\n"
        "    --loglevel=INFO --concurrency=6 --hostname=worker@%H\n"
    )
    assert reminders.deployed_concurrency(guide) == 6
    guide.write_text("celery -A xicheng_portal worker --loglevel=INFO\n")
    assert reminders.deployed_concurrency(guide) >= 1
