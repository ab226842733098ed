"""Whole public pages kept in each process, for visitors without a session.

A page rendered for an anonymous visitor is kept in the memory of the process that
rendered it (no round trip, no unpickling: a hit costs about as much as Django's "hello")
and served again to the next visitor who asks for the same address in the same language,
until one of these comes first:

- PAGE_CACHE_SECONDS have passed (time alone changes pages: an event becomes past);
- the content version changes (apps/core/content.py): an edit committed anywhere retires
  the page on every process within CONTENT_VERSION_CHECK_SECONDS;
- the process needs the memory for pages asked for more recently (PAGE_CACHE_MAX_BYTES).

What is never kept, or never served from here:
- requests other than GET, requests with an Authorization header, and requests with any
  cookie but the language and CSRF cookies (a session may belong to staff, or carry a
  message);
- responses that are not 200, that stream, set a cookie, vary on anything but the
  language, say private/no-store/no-cache, or whose rendering read the session or used a
  CSRF token (forms stay on their own, uncached pages).

docs/deploy.md ("Page cache") says how this behaves with many processes and machines.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from .content import content_version

# Vary values a kept page may carry: the language is part of the key.
ALLOWED_VARY = frozenset({"accept-language"})
REFUSING_CACHE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")
# Longer addresses are almost always junk or attacks; they are served, never kept.
MAX_KEY_PATH = 2048
# Per-entry overhead counted on top of the body and headers.
ENTRY_OVERHEAD = 256
HEADER = "X-Page-Cache"


@dataclass(frozen=True, slots=True)
class Page:
    version: str
    expires: float
    status: int
    headers: tuple
    content: bytes
    size: int


class PageStore:
    """A least-recently-used store of pages, bounded by the bytes it holds."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        # gunicorn's threaded workers share a process: one request at a time changes it.
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._pages)

    def get(self, key: tuple, *, version: str, now: float) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.version != version or page.expires <= now:
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: Page) -> bool:
        # One page may take a quarter of the store, so a huge sitemap cannot flush the rest.
        if page.size > self.max_bytes // 4:
            return False
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self.size += page.size
            while self.size > self.max_bytes:
                self._drop(next(iter(self._pages)))
        return True

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0

    def _drop(self, key: tuple) -> None:
        self.size -= self._pages.pop(key).size


# One store per process; settings are read when the first request needs it.
_stores: dict[int, PageStore] = {}


def page_store() -> PageStore:
    max_bytes = settings.PAGE_CACHE_MAX_BYTES
    store = _stores.get(max_bytes)
    if store is None:
        _stores.clear()
        store = _stores[max_bytes] = PageStore(max_bytes)
    return store


def page_cache_clear() -> None:
    """Forget every page kept by this process (tests, and after settings change)."""
    for store in _stores.values():
        store.clear()


def request_is_cacheable(request) -> bool:
    """Whether the request may be answered from, and fill, the page cache."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    allowed = (settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    if any(name not in allowed for name in request.COOKIES):
        return False
    return len(request.get_full_path()) <= MAX_KEY_PATH


def response_is_cacheable(request, response) -> bool:
    """Whether a response rendered for `request` is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in REFUSING_CACHE_CONTROL):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False
    # The page used a CSRF token: it holds a form, and its cookie belongs to one visitor.
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


class PageCacheMiddleware:
    """Serve whole public pages from this process's memory (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0:
            return self.get_response(request)
        if not request_is_cacheable(request):
            response = self.get_response(request)
            response.headers[HEADER] = "bypass"
            return response
        store = page_store()
        # The host and scheme too: a page's absolute links never mix two sites' addresses.
        # The day too: what pages say of "today" (anniversaries, this week) turns at midnight.
        key = (
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
            timezone.localdate(),
        )
        version = content_version()
        now = time.monotonic()
        page = store.get(key, version=version, now=now)
        if page is not None:
            response = HttpResponse(page.content, status=page.status)
            for name, value in page.headers:
                response.headers[name] = value
            response.headers[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            headers = tuple(response.headers.items())
            content = response.content
            size = len(content) + sum(len(k) + len(v) for k, v in headers) + ENTRY_OVERHEAD
            page = Page(version, now + seconds, response.status_code, headers, content, size)
            stored = store.put(key, page)
            response.headers[HEADER] = "miss" if stored else "bypass"
        else:
            response.headers[HEADER] = "bypass"
        return response


def kept_per_content_version(seconds: int):
    """Keep a view's 200 answers in the process-local cache until content changes.

    For documents that are long to write and read by programs (sitemaps): they are
    rendered once per address, language, day and content version even when the page
    cache is off, and at most `seconds` old.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            # Only plain addresses are kept: junk query strings would push out the rest.
            keep = request.method == "GET" and len(request.META.get("QUERY_STRING", "")) <= 200
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = "kept:{}:{}:{}:{}".format(
                getattr(request, "LANGUAGE_CODE", ""),
                timezone.localdate(),
                content_version(),
                address,
            )
            local = caches["local"]
            kept = local.get(key) if keep else None
            if kept is not None:
                status, headers, content = kept
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response.headers[name] = value
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if keep and response.status_code == 200 and not response.streaming:
                local.set(key, (200, tuple(response.headers.items()), response.content), seconds)
            return response

        return wrapper

    return decorator
