"""The client address behind trusted proxies, and the fixed-window limit on Redis."""

import pytest
from django.test import RequestFactory

from apps.core.ratelimit import client_address, rate_limit_hit


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
