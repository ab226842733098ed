"""Test settings: the real PostgreSQL and Redis, fast hashing, email kept in memory."""

from .base import *  # noqa: F403
from .base import env

# The suite runs on PostgreSQL and Redis, never on the SQLite fallback.
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/xicheng"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "xicheng-test",
        "OPTIONS": REDIS_SOCKET_TIMEOUTS,  # noqa: F405
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_SOCKET_TIMEOUTS)  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The second factor stays optional, as in base, so that tests log staff in with
# force_login; tests/core/test_staff_security*.py require it.
STAFF_SECOND_FACTOR_REQUIRED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DEBUG = False
# WhiteNoise serves from STATIC_ROOT; an empty one keeps it quiet when nothing is collected.
STATIC_ROOT = BASE_DIR / "var" / "test-staticfiles"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# A concrete model for the abstract core building blocks, in tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

# Tests measure what a page costs to render: the page cache is off unless a test turns it
# on (tests/core/test_page_cache.py), and the content version is read once per test
# (`_clean_cache`), so query counts do not depend on when the clock ticks past a check.
PAGE_CACHE_SECONDS = 0
CONTENT_VERSION_CHECK_SECONDS = 3600.0
