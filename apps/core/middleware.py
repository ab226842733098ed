"""Middleware shared by every app."""

import logging
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)


def content_security_policy() -> str:
    """The site's CSP: everything from this site only (plus a configured tile server)."""
    img_src = ["'self'", "data:"]
    tiles = getattr(settings, "MAP_TILE_URL", "")
    if tiles:
        parts = urlsplit(tiles)
        img_src.append(f"{parts.scheme}://{parts.netloc}")
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin and a few widgets set style attributes; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": img_src,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy header: no page may load from another host."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


def _has_nul(value: str) -> bool:
    return "\x00" in value or b"\x00" in unquote_to_bytes(value)


class BadInputMiddleware:
    """Input no page can use gets a translated 400, never a 500.

    - A NUL byte in the address is refused before any view or cache sees it: no page of
      the portal takes one, and PostgreSQL refuses it in every query.
    - A number too large for Python's dates (an admin date filter's year of 10**20)
      raises OverflowError in Django's own lookups; for a GET that is the address's
      fault, logged as a warning.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.path) or _has_nul(request.META.get("QUERY_STRING", "")):
            return bad_request(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) and request.method in ("GET", "HEAD"):
            logger.warning("Refused %s: %s", request.get_full_path()[:300], exception)
            return bad_request(request)
        return None


def bad_request(request):
    return render(request, "400.html", status=400)
