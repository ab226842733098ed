"""A small fixed-window rate limit on the shared (Redis) cache.

Keys are usually built from the client's address, `client_address(request)`: the
REMOTE_ADDR the WSGI server reports, or, when that is one of the reverse proxies listed
in TRUSTED_PROXIES, the nearest address in X-Forwarded-For that is not a trusted proxy.
The header is read only from trusted proxies, so nobody can pick their own address.
(gunicorn's --forwarded-allow-ips does not change REMOTE_ADDR; this does.)

If the cache (Redis) is down, nothing is limited: the hit is logged and allowed. A
rate limit protects against abuse; it must not stop enterprises submitting requests.
"""

import hashlib
import logging
import time

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


def rate_limit_hit(key: str, *, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one hit on `key`; True once more than `limit` hits fell in the current window.

    Fixed windows (e.g. each clock hour): at a window's edge up to twice the limit can
    pass within a short time, which is fine for abuse protection and costs one counter.
    """
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{window_seconds}:{window}:{digest}"
    cache = caches[CACHE_ALIAS]
    try:
        # add() only sets a missing key: the first hit of a window starts the counter.
        cache.add(cache_key, 0, timeout=window_seconds + 60)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=window_seconds + 60)
            count = 1
    except Exception:  # the cache is down: allow, and say so in the log
        logger.warning("Rate limit not checked (cache unavailable) for %s", key, exc_info=True)
        return False
    return count > limit
