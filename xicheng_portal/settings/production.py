"""Production settings: everything from base, HTTPS enforced, secrets required."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

# Fail fast: a production process must never run on the development key.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters."
    )

DEBUG = False
SERVE_MEDIA = False

# Absolute links (hreflang, sitemaps, emails) and host checks need the real address.
if not SITE_URL.startswith("https://"):  # noqa: F405
    raise ImproperlyConfigured("SITE_URL must be the site's https:// address in production.")
if not env.list("DJANGO_ALLOWED_HOSTS", default=[]):
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")

# --- HTTPS ----------------------------------------------------------------------------
# The proxy in front (nginx) terminates TLS and says so with X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The health check is probed over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"

# --- Staff accounts -------------------------------------------------------------------
# Site administrators, Service desk officers and superusers log in with a second factor.
STAFF_SECOND_FACTOR_REQUIRED = True

# --- Logging --------------------------------------------------------------------------
LOGGING["loggers"]["django.security"] = {"level": "INFO"}  # noqa: F405
