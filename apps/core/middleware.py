"""Middleware shared by every app."""

from urllib.parse import urlsplit

from django.conf import settings


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
