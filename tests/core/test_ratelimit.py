"""The client address behind trusted proxies, and the fixed-window limit on Redis."""

import pytest
from django.test import RequestFactory

from apps.core.ratelimit import (
    LocalCounters,
    client_address,
    client_network,
    local_counters,
    rate_limit_hit,
    rate_limit_reached,
)


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_visitor_is_the_last_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2", "10.0.0.3"]
    # A visitor may send a forged header; the proxies append what they saw after it.
    request = _request("10.0.0.2", "1.2.3.4, 198.51.100.9, 10.0.0.3")
    assert client_address(request) == "198.51.100.9"


def test_a_request_not_from_a_proxy_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_trusted_proxy_without_the_header_counts_as_itself(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_address(_request("10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("remote", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        # One subscriber gets a whole /64: every address in it counts as one.
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("unknown", "unknown"),
    ],
)
def test_rate_limits_count_per_ipv4_address_and_ipv6_64(settings, remote, network):
    settings.TRUSTED_PROXIES = []
    assert client_network(_request(remote)) == network
    assert client_address(_request(remote)) == remote  # the audit log keeps the address


@pytest.mark.parametrize("limit", [1, 3])
def test_the_limit_counts_hits_per_key_and_window(limit):
    hits = [
        rate_limit_hit("visitor-a", limit=limit, window_seconds=60, now=1000.0)
        for _ in range(limit + 2)
    ]
    assert hits == [False] * limit + [True, True]
    assert rate_limit_hit("visitor-b", limit=limit, window_seconds=60, now=1000.0) is False
    # The next window starts again.
    assert rate_limit_hit("visitor-a", limit=limit, window_seconds=60, now=1060.0) is False


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    local_counters.clear()
    yield
    local_counters.clear()


def test_with_redis_down_the_limit_still_holds_in_each_process(redis_down, caplog):
    hits = [rate_limit_hit("visitor-a", limit=2, window_seconds=60, now=1000.0) for _ in range(4)]
    assert hits == [False, False, True, True]
    assert rate_limit_hit("visitor-b", limit=2, window_seconds=60, now=1000.0) is False
    assert rate_limit_hit("visitor-a", limit=2, window_seconds=60, now=1060.0) is False
    assert "cache down" in caplog.text


@pytest.mark.parametrize("down", [False, True])
def test_reached_looks_without_counting(request, down):
    if down:
        request.getfixturevalue("redis_down")
    for _ in range(5):
        assert rate_limit_reached("visitor-c", limit=2, window_seconds=60, now=1000.0) is False
    rate_limit_hit("visitor-c", limit=2, window_seconds=60, now=1000.0)
    assert rate_limit_reached("visitor-c", limit=2, window_seconds=60, now=1000.0) is False
    rate_limit_hit("visitor-c", limit=2, window_seconds=60, now=1000.0)
    assert rate_limit_reached("visitor-c", limit=2, window_seconds=60, now=1000.0) is True


def test_the_local_counters_keep_to_their_size():
    counters = LocalCounters(max_keys=3)
    for key in "abcd":
        counters.incr(key)
    assert counters.get("a") == 0
    assert counters.get("d") == 1


def test_after_a_failure_the_process_counts_alone_without_waiting_for_the_cache(
    redis_down, monkeypatch
):
    calls = []
    from django.core.cache import caches

    cache = caches["default"]
    real_add = cache.add

    def add(*args, **kwargs):
        calls.append(args)
        return real_add(*args, **kwargs)

    monkeypatch.setattr(cache, "add", add)
    for _hit in range(3):
        rate_limit_hit("breaker", limit=2, window_seconds=3600)
    assert len(calls) == 1  # tried once, then counted in this process
    assert rate_limit_hit("breaker", limit=3, window_seconds=3600)
