"""A small fixed-window rate limit on the shared (Redis) cache.

Keys are usually built from the client's address, `client_address(request)`, which is
REMOTE_ADDR as the WSGI server gives it. Behind a proxy or load balancer, the server
must set it to the visitor's address (gunicorn: `--forwarded-allow-ips` with the
proxy's address, and the proxy sending X-Forwarded-For); otherwise every visitor shares
the proxy's address and one limit. The header itself is never read here: anyone can
send it.

If the cache (Redis) is down, nothing is limited: the hit is logged and allowed. A
rate limit protects against abuse; it must not stop enterprises submitting requests.
"""

import hashlib
import logging
import time

from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"


def client_address(request) -> str:
    """The address a request came from, as the WSGI server reports it."""
    return request.META.get("REMOTE_ADDR") or "unknown"


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
