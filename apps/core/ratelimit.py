"""A small fixed-window rate limit on the shared (Redis) cache.

Keys are usually built from the client's network, `client_network(request)`: the
address of `client_address(request)`, an IPv6 one widened to its /64 (one subscriber
gets a whole /64 and can pick any address in it). That address is the
REMOTE_ADDR the WSGI server reports, or, when that is one of the reverse proxies listed
in TRUSTED_PROXIES, the nearest address in X-Forwarded-For that is not a trusted proxy.
The header is read only from trusted proxies, so nobody can pick their own address.
(gunicorn's --forwarded-allow-ips does not change REMOTE_ADDR; this does.)

If the cache (Redis) is down, each process counts on its own (`LocalCounters`): the
limits stay on, only looser by the number of processes, and the outage is logged. A rate
limit protects against abuse; it must not stop enterprises submitting requests, and it
must not switch off when an attacker manages to take Redis down.

Count only what got past the cheap checks (CSRF, a valid form token): `rate_limit_hit`
after them, and `rate_limit_reached` before an expensive step (reading uploads) to refuse
early without counting, so nobody can spend another visitor's allowance with posts the
site rejects anyway.
"""

import hashlib
import ipaddress
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"


def client_address(request) -> str:
    """The visitor's address, looking through the reverse proxies listed in TRUSTED_PROXIES."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # Each proxy appends the address it got the request from: read from the right and
    # stop at the first hop that is not ours.
    for address in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if address not in trusted:
            return address
    return remote


def client_network(request) -> str:
    """What rate limits count per: the client's IPv4 address, or the /64 of its IPv6 one."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class LocalCounters:
    """Fixed-window counters in this process's memory, for when the shared cache is down.

    Bounded: the oldest keys go first, so a flood of addresses cannot fill the memory.
    """

    def __init__(self, max_keys: int = 50_000):
        self.max_keys = max_keys
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def incr(self, key: str, *, by: int = 1) -> int:
        with self._lock:
            count = self._counts.pop(key, 0) + by
            self._counts[key] = count
            while len(self._counts) > self.max_keys:
                self._counts.popitem(last=False)
            return count

    def get(self, key: str) -> int:
        with self._lock:
            return self._counts.get(key, 0)

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


local_counters = LocalCounters()


def _cache_key(key: str, *, window_seconds: int, now: float | None) -> str:
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"ratelimit:{window_seconds}:{window}:{digest}"


# After the cache failed, a process counts on its own for this long before it tries the
# cache again: a stalled Redis answers nothing for its whole timeout, and a form that
# checks two limits would otherwise make the visitor wait that out twice on every post.
CACHE_RETRY_SECONDS = 30


def _shared_cache():
    """The shared cache, or None while it is known to be down (see CACHE_RETRY_SECONDS).

    Noted on the cache object itself: a new configuration (another Redis) starts afresh.
    """
    cache = caches[CACHE_ALIAS]
    if getattr(cache, "_ratelimit_down_until", 0.0) > time.monotonic():
        return None
    return cache


def _cache_failed(key: str) -> None:
    logger.warning("Rate limit counted in this process only (cache down) for %s", key)
    caches[CACHE_ALIAS]._ratelimit_down_until = time.monotonic() + CACHE_RETRY_SECONDS


def rate_limit_forget_failures() -> None:
    """Try the shared cache again at once (a test that took it down must not leave the
    next one counting in this process)."""
    cache = caches[CACHE_ALIAS]
    if hasattr(cache, "_ratelimit_down_until"):
        del cache._ratelimit_down_until


def rate_limit_hit(key: str, *, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one hit on `key`; True once more than `limit` hits fell in the current window.

    Fixed windows (e.g. each clock hour): at a window's edge up to twice the limit can
    pass within a short time, which is fine for abuse protection and costs one counter.
    """
    cache_key = _cache_key(key, window_seconds=window_seconds, now=now)
    cache = _shared_cache()
    if cache is None:
        return local_counters.incr(cache_key) > limit
    try:
        # add() only sets a missing key: the first hit of a window starts the counter.
        cache.add(cache_key, 0, timeout=window_seconds + 60)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=window_seconds + 60)
            count = 1
    except Exception:  # the cache is down: count in this process, and say so in the log
        _cache_failed(key)
        count = local_counters.incr(cache_key)
    return count > limit


def rate_limit_reached(
    key: str, *, limit: int, window_seconds: int, now: float | None = None
) -> bool:
    """Whether `key` has already used its `limit` in this window, without counting a hit."""
    cache_key = _cache_key(key, window_seconds=window_seconds, now=now)
    cache = _shared_cache()
    if cache is None:
        return local_counters.get(cache_key) >= limit
    try:
        count = cache.get(cache_key) or 0
    except Exception:
        _cache_failed(key)
        count = local_counters.get(cache_key)
    return count >= limit
