"""Settings shared by every environment, read from the environment with django-environ."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's `.env` is read when present; real deployments set real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------
# The fallback key only serves `make run` and tests; production.py refuses to start
# without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# `make run PORT=...` passes DEMO_PORT so that the demo's links point at the port it
# serves; a SITE_URL set in the environment or `.env` wins.
DEMO_PORT = env.int("DEMO_PORT", default=8000)
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{DEMO_PORT}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

ROOT_URLCONF = "xicheng_portal.urls"
WSGI_APPLICATION = "xicheng_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications ---------------------------------------------------------------------
# modeltranslation must come before django.contrib.admin so that its admin patches
# and the translated fields exist when the admin registers models.
INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "imagekit",
    "django_countries",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    # Staff accounts: failed logins counted (axes), a second factor (django-otp). Before
    # core, whose admin replaces theirs and whose log reads what axes decided.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.core",
    "apps.sister_cities",
    "apps.venues",
    "apps.events",
    "apps.service_packages",
    # After the content apps: it indexes the sources they register in their ready().
    "apps.search",
    "apps.portal",
    # Reads every app's translated content through modeltranslation's registry.
    "apps.translation_workspace",
    # Last, as django-cleanup asks: it deletes the files of deleted and replaced rows
    # (apps/core/media_cleanup.py), and its ready() must come after core's, which tells it
    # the models to leave alone. It has no models, so it gets no post_migrate. Its
    # AppConfig is ours: no receiver on every row loaded (apps/core/cleanup_app.py).
    "apps.core.cleanup_app.MediaCleanupConfig",
]

# LocaleMiddleware sits after sessions and before common so that the language prefix
# is resolved before CommonMiddleware appends slashes.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A translated 400 for a NUL byte or an overflowing number, before any cache or view.
    "apps.core.middleware.BadInputMiddleware",
    # After the language is known; the middleware below it runs only on a miss.
    "apps.core.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so that a staff member logged out for idling is told why.
    "apps.core.staff_security.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as axes asks: turns a login it refused into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
            ],
        },
    },
]
# Form widgets render with the templates above, so templates/core/widgets/ is found.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------
# PostgreSQL through DATABASE_URL; SQLite only as the zero-setup default of `make run`.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
# Persistent connections save a connect per request; health checks drop a dead one
# instead of failing the request that inherits it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The demo's web process and worker write to one SQLite file at once. WAL lets reads go
# on beside a write; IMMEDIATE takes the write lock at BEGIN, where waiting is safe, not
# in the middle of a transaction, where SQLite gives up at once with "database is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# --- Cache, sessions, queue -----------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# A Redis that is down or hangs costs a request two or three seconds, never more.
REDIS_SOCKET_TIMEOUTS = {"socket_timeout": 3, "socket_connect_timeout": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "xicheng",
            "TIMEOUT": 300,
            "OPTIONS": REDIS_SOCKET_TIMEOUTS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Facts about files (image sizes, which renditions exist) are cached per process, so a
# Redis outage never breaks a page that shows a picture.
# Kept renderings (fragments, filter choices, feeds and sitemaps; apps/core/content.py)
# live here too: room for a crawl of every page without evicting image facts, about 40 MB
# at most per process.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Sessions live in the database so that a Redis outage never logs anyone out or loses
# a half-filled form.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for visitors without a session, kept in each process
# (apps/core/pagecache.py, docs/deploy.md "Page cache"): how long a page may be served
# after it was rendered (0 turns the cache off), and the memory it may take per process.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=30)
PAGE_CACHE_MAX_BYTES = env.int("DJANGO_PAGE_CACHE_MAX_BYTES", default=32 * 1024 * 1024)
# How often a process asks the database whether public content changed (apps/core/content.py):
# an edit shows on every process and machine within this many seconds.
CONTENT_VERSION_CHECK_SECONDS = env.float("DJANGO_CONTENT_VERSION_CHECK_SECONDS", default=1.0)

# --- Celery ---------------------------------------------------------------------------
# Without Redis, `make run` uses kombu's filesystem transport so a real worker and
# beat still run on one machine.
CELERY_QUEUE_DIR = Path(env("CELERY_QUEUE_DIR", default=str(BASE_DIR / "var" / "celery")))
# A Redis that stalls (accepts connections, never answers) must not hang a request that
# queues a task: socket operations give up after a few seconds, and the outbox row the
# request committed waits for beat. Without them redis-py waits forever.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, **REDIS_SOCKET_TIMEOUTS}
else:
    # The host name only spares kombu's "No hostname was supplied" warning.
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "out"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "out"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        # Broadcasts (worker pings, remote control) too, or kombu writes ./control/.
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
# A task is acknowledged only after it finished, so a worker that dies mid-task leaves
# the message for another worker; tasks are written to be idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 120
# Retry defaults for every task (a task's own decorator may override them).
CELERY_TASK_ANNOTATIONS = {"*": {"max_retries": 5, "default_retry_delay": 30}}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# Periodic work; each app adds its entries here as it lands.
CELERY_BEAT_SCHEDULE = {
    "core-heartbeat": {
        "task": "core.heartbeat",
        "schedule": crontab(minute="*/5"),
    },
    "sister-cities-anniversary-reminders": {
        "task": "sister_cities.send_anniversary_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Every outbox (registration and request emails, anniversary notices, emails to
    # staff and their digests), and the administrators' notice of failed emails.
    "outbox-dispatch": {
        "task": "core.outbox_dispatch",
        "schedule": crontab(minute="*"),
    },
    # Places held for an unconfirmed address go back once their time is over.
    "events-expire-holds": {
        "task": "events.expire_holds",
        "schedule": crontab(minute="*"),
    },
    "events-purge-registrations": {
        "task": "events.purge_registrations",
        "schedule": crontab(hour=3, minute=30),
    },
    "service-packages-purge": {
        "task": "service_packages.purge",
        "schedule": crontab(hour=3, minute=45),
    },
    # Unfinished request forms, so that their uploads do not wait for the night.
    "service-packages-purge-drafts": {
        "task": "service_packages.purge_drafts",
        "schedule": crontab(minute="*/10"),
    },
    # Requests that became overdue (Beijing dates) or came back to the desk overdue:
    # their officer, or the desk, is told once (service_packages/desk_notices.py).
    "service-packages-notify-overdue": {
        "task": "service_packages.notify_overdue",
        "schedule": crontab(minute="*/10"),
    },
    # Emails to staff that were sent or not needed, after STAFF_EMAIL_RETENTION_DAYS.
    "core-purge-staff-emails": {
        "task": "core.purge_staff_emails",
        "schedule": crontab(hour=3, minute=50),
    },
    # Security and personal-data log lines older than their retention (see below).
    "core-purge-logs": {
        "task": "core.purge_logs",
        "schedule": crontab(hour=3, minute=55),
    },
    # Content changed while the worker or the broker was down reaches the search index.
    "search-index-pending": {
        "task": "search.index_pending",
        "schedule": crontab(minute="*"),
    },
    # Counts of search queries, kept in Redis meanwhile, into the database for staff.
    "search-save-query-counts": {
        "task": "search.save_query_counts",
        "schedule": crontab(minute="*/5"),
    },
}
# Searches per minute from one address (per /64 for IPv6) before a "slow down" page.
SEARCH_RATE_LIMIT = env.int("DJANGO_SEARCH_RATE_LIMIT", default=60)
# Publishing must fail fast when Redis is down: the outbox row is already committed and
# beat sends it later, so a request should not hang on broker retries.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BROKER_CONNECTION_TIMEOUT = 2

# --- Passwords and authentication -----------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# The first backend refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Staff accounts (docs/deploy.md "Staff accounts") -----------------------------------
# Failed logins are counted in the database, not in the cache: a Redis outage must not
# lift the limit, and the handler refuses every login while it cannot count them.
AXES_HANDLER = "apps.core.staff_security.FailClosedDatabaseHandler"
# Each account, and each client address, is locked after this many failures (password
# or second-factor code) until the cool-off has passed since the last one.
AXES_FAILURE_LIMIT = env.int("STAFF_LOGIN_FAILURE_LIMIT", default=10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("STAFF_LOGIN_LOCKOUT_MINUTES", default=30))
# Not reset by a success: a login to one's own account must not clear the failures
# counted against this address for someone else's.
AXES_RESET_ON_SUCCESS = False
# The address as the rate limits read it: X-Forwarded-For only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "apps.core.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "apps.core.staff_views.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Logins are recorded once, in the security log (core.SecurityEvent); administrators
# unlock accounts from the list of users, not from axes' untranslated pages.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# No banner on every start of a command (the demo's setup stays quiet).
AXES_VERBOSE = False
# A second factor (an authenticator app, or a recovery code) for Site administrators,
# Service desk officers, Event registrations and superusers; anyone may set one up.
# Optional here (`make run`, tests); production.py requires it.
STAFF_SECOND_FACTOR_REQUIRED = env.bool("STAFF_SECOND_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Xicheng International Exchange Portal"
# A staff session ends after this long without a request, and this long after its login.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=8)
# How long the one-time link of `manage.py staff_password_reset` works.
PASSWORD_RESET_TIMEOUT = env.int("STAFF_PASSWORD_LINK_HOURS", default=24) * 3600

# --- Languages ------------------------------------------------------------------------
# Chinese is the default; the six UN languages plus Japanese. Arabic is right-to-left.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our corrections to Django's date formats (Arabic date-times, see the modules).
FORMAT_MODULE_PATH = "xicheng_portal.formats"
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
# Missing content falls back to English, then Chinese (attribute access only).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}
# The admin's language tabs use jQuery UI from static/, never from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Documents enterprises upload never sit under MEDIA_URL; views serve them to staff only.
PRIVATE_MEDIA_ROOT = Path(
    env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private-media"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "apps.core.storage.PrivateMediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Only the embedded demo (`make run`) serves uploaded files through Django.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)
# Uploads above this are written to disk while they stream in, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Images ---------------------------------------------------------------------------
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Decompression bombs: a tiny file that decodes to a huge bitmap is refused by pixels.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.JustInTime"
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_CACHE_BACKEND = "local"
# Files django-cleanup leaves alone: their services delete them (request retention, drafts).
MEDIA_CLEANUP_EXCLUDE_MODELS = [
    "service_packages.requestdocument",
    "service_packages.draftdocument",
]

# --- Documents ------------------------------------------------------------------------
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# Console mail is printed as a readable block (headers decoded, the text body), not as
# raw MIME that a Celery worker would log as warnings.
if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    EMAIL_CONFIG["EMAIL_BACKEND"] = "apps.core.mail.ConsoleEmailBackend"
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Xicheng International Exchange <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# --- Event registration ---------------------------------------------------------------
# Personal data of registrations is deleted this many days after the event ends.
EVENT_REGISTRATION_RETENTION_DAYS = env.int("EVENT_REGISTRATION_RETENTION_DAYS", default=180)
# A reminder more late than this is recorded as missed instead of being sent.
EVENT_REMINDER_GRACE_MINUTES = env.int("EVENT_REMINDER_GRACE_MINUTES", default=60)

# Abuse limits of the register form (docs/deploy.md "Event registration"). Posts that
# passed CSRF, per client address (an IPv6 /64) and hour, whatever their outcome: a
# visitor correcting a typo posts again, so a few over one registration each.
EVENT_REGISTRATION_POSTS_PER_HOUR = env.int("EVENT_REGISTRATION_POSTS_PER_HOUR", default=30)
# Complete registrations naming one email address, per hour (any event).
EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR = env.int(
    "EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR", default=5
)
# A form sent sooner than this after it was shown was filled in by a program; one shown
EVENT_REGISTRATION_MIN_FILL_SECONDS = env.int("EVENT_REGISTRATION_MIN_FILL_SECONDS", default=3)
# Beyond this many posts per connection and hour, each post must carry a solved
# proof-of-work challenge (apps/core/challenge.py) of this many zero bits: about
# 2**bits SHA-256 hashes, a second or two in a browser, for every post of a script.
EVENT_REGISTRATION_CHALLENGE_AFTER = env.int("EVENT_REGISTRATION_CHALLENGE_AFTER", default=5)
EVENT_REGISTRATION_CHALLENGE_BITS = env.int("EVENT_REGISTRATION_CHALLENGE_BITS", default=16)
# longer ago than the maximum is shown again with a new time (nothing typed is lost).
# Where an event holds places until the address is confirmed (the event's setting), how
# long a place is held; never past the event's start.
EVENT_REGISTRATION_HOLD_MINUTES = env.int("EVENT_REGISTRATION_HOLD_MINUTES", default=24 * 60)
EVENT_REGISTRATION_MIN_FILL_SECONDS = env.int("EVENT_REGISTRATION_MIN_FILL_SECONDS", default=3)
EVENT_REGISTRATION_FORM_MAX_AGE_HOURS = env.int("EVENT_REGISTRATION_FORM_MAX_AGE_HOURS", default=24)

# --- Country and region names ------------------------------------------------------------
# Names as a Beijing government site writes them, on top of django-countries: Taiwan, Hong
# Kong and Macao as parts of China, and the names its Chinese catalog gets wrong. Each is
# translated in every language by the site's own catalogs (tests/core/test_countries.py).
COUNTRIES_OVERRIDE = {
    "TW": _("Taiwan, China"),
    "HK": _("Hong Kong SAR, China"),
    "MO": _("Macao SAR, China"),
    "NP": _("Nepal"),
    "TJ": _("Tajikistan"),
    "MK": _("North Macedonia"),
    "WS": _("Samoa"),
    "AS": _("American Samoa"),
}
# Flat lists of countries (the admin's) name China first with its regions after it, never
# among the states; the site's own lists group them (apps/core/countries.py).
COUNTRIES_FIRST = ["CN", "HK", "MO", "TW"]


# --- The outbox of every email (apps/core/outbox.py) ---------------------------------------
def _renamed(name: str, old: str, default: int, *, convert=lambda value: value) -> int:
    """An OUTBOX_* setting; the name it had before (EVENT_DELIVERY_*) is read for one
    more release, converted to the new unit, with a warning in the log at start-up."""
    if name in env.ENVIRON or old not in env.ENVIRON:
        return env.int(name, default=default)
    RENAMED_SETTINGS.append((old, name))
    return convert(env.int(old))


RENAMED_SETTINGS: list[tuple[str, str]] = []
# Emails one worker task sends over one SMTP connection.
OUTBOX_BATCH_SIZE = _renamed("OUTBOX_BATCH_SIZE", "EVENT_DELIVERY_BATCH_SIZE", 50)
# A row handed to a worker that has not started it after this long (the worker died,
# or the queue lost the task) is handed out again.
OUTBOX_REQUEUE_SECONDS = _renamed(
    "OUTBOX_REQUEUE_SECONDS",
    "EVENT_DELIVERY_REQUEUE_MINUTES",
    600,
    convert=lambda minutes: minutes * 60,
)
# A row still "sending" after this long lost its worker mid-conversation: it is sent
# again with the same Message-ID. Longer than one SMTP conversation (EMAIL_TIMEOUT per
# step) can take.
OUTBOX_SENDING_TIMEOUT = env.int("OUTBOX_SENDING_TIMEOUT", default=300)
# Refusals are retried with back-off (1, 2, 4 ... 60 minutes); an email fails, and
# administrators are told, once it has been refused for this long. The old setting
# counted attempts: 8 attempts were about two hours of back-off.
OUTBOX_GIVE_UP_AFTER_HOURS = _renamed(
    "OUTBOX_GIVE_UP_AFTER_HOURS",
    "EVENT_DELIVERY_MAX_ATTEMPTS",
    48,
    convert=lambda attempts: max(1, sum(min(2**n, 60) for n in range(attempts - 1)) // 60),
)
# How long a worker keeps trying to record "sent" when the database is unreachable right
# after the server accepted an email (a restart, a failover).
OUTBOX_COMMIT_RETRY_SECONDS = env.int("OUTBOX_COMMIT_RETRY_SECONDS", default=60)
# Addresses told of failed emails besides the staff who chose "Failed emails" on their
# notification preferences (by default superusers and Site administrators):
# ADMINS="ops@example.org,desk@example.org".
ADMINS = [("", address) for address in env.list("ADMINS", default=[])]
# Emails to staff (notifications, digests, alerts) that were sent or not needed are
# deleted this many days after they were written (beat, daily 03:50).
STAFF_EMAIL_RETENTION_DAYS = env.int("STAFF_EMAIL_RETENTION_DAYS", default=90)
# Lines of the security log (logins, refusals, with client addresses) and of the
# personal-data log (who saw, exported, changed or wrote to registrants) are deleted this
# many days after they were written (beat, daily 03:55). Not under 180: the Cybersecurity
# Law (art. 21) asks for network logs to be kept six months at least. The defaults and
# why: docs/deploy.md "Retention of the logs".
SECURITY_LOG_RETENTION_DAYS = env.int("SECURITY_LOG_RETENTION_DAYS", default=365)
PERSONAL_DATA_LOG_RETENTION_DAYS = env.int("PERSONAL_DATA_LOG_RETENTION_DAYS", default=730)
for _name in ("SECURITY_LOG_RETENTION_DAYS", "PERSONAL_DATA_LOG_RETENTION_DAYS"):
    if globals()[_name] < 180:
        raise ImproperlyConfigured(f"{_name} must be 180 days or more (six months).")

# --- Service requests of enterprises -------------------------------------------------------
# Closed requests, their documents and personal data are deleted after this many days.
SERVICE_REQUEST_RETENTION_DAYS = env.int("SERVICE_REQUEST_RETENTION_DAYS", default=365)
# Upload limits, enforced while the upload streams in (a huge file never fills memory).
SERVICE_UPLOAD_MAX_FILE_BYTES = env.int("SERVICE_UPLOAD_MAX_FILE_BYTES", default=10 * 1024 * 1024)
SERVICE_UPLOAD_MAX_REQUEST_BYTES = env.int(
    "SERVICE_UPLOAD_MAX_REQUEST_BYTES", default=40 * 1024 * 1024
)
SERVICE_UPLOAD_MAX_FILES = env.int("SERVICE_UPLOAD_MAX_FILES", default=20)
# Reverse proxies (their addresses as the app server sees them) whose X-Forwarded-For
# names the visitor: rate limits count per visitor, not per proxy.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Submissions and tracking attempts per client address and hour.
SERVICE_SUBMISSIONS_PER_HOUR = env.int("SERVICE_SUBMISSIONS_PER_HOUR", default=10)
SERVICE_TRACKING_ATTEMPTS_PER_HOUR = env.int("SERVICE_TRACKING_ATTEMPTS_PER_HOUR", default=20)
# Unfinished forms ("check your answers" never confirmed) are deleted after this long
# unchanged; those holding uploads only (their answers were never all valid) after the
# minutes below: with the purge every 10 minutes they are gone within the hour.
SERVICE_DRAFT_MAX_AGE_HOURS = env.int("SERVICE_DRAFT_MAX_AGE_HOURS", default=24)
SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES = env.int(
    "SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES", default=50
)
# Storage quotas of the form's uploads: what one unfinished form may hold, and what the
# form may store for one client address in a day (Beijing time; counted in the database,
# so exact across processes and unaffected by a Redis outage).
SERVICE_DRAFT_MAX_BYTES = env.int("SERVICE_DRAFT_MAX_BYTES", default=50 * 1024 * 1024)
SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY = env.int(
    "SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY", default=200 * 1024 * 1024
)

# --- Security defaults (production.py tightens them) ----------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Admin ----------------------------------------------------------------------------
ADMIN_SITE_HEADER = _("Xicheng International Exchange Portal")

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # axes: failed logins and lockouts (WARNING), not a line for every login and logout.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Staff groups ---------------------------------------------------------------------
# Which apps each staff group works on; core assigns their permissions after migrate.
# Content editors write the service catalogue; only the service desk sees requests and
# the documents enterprises send.
STAFF_CONTENT_APPS = [
    "portal",
    "translation_workspace",
    "sister_cities",
    "venues",
    "events",
    "service_packages.servicepackage",
    "service_packages.serviceitem",
    "service_packages.requireddocument",
    "service_packages.servicestep",
]
# What content editors may read but not change: what visitors search for (counts only),
# to learn what content is missing.
STAFF_CONTENT_VIEWS = ["search.querycount"]
STAFF_SERVICE_DESK_APPS = [
    "service_packages.servicerequest",
    "service_packages.requestdocument",
    "service_packages.requesttransition",
    "service_packages.requestnotification",
    "service_packages.auditentry",
    "service_packages.requeststatistic",
]
# What the service desk maintains itself (add, change, delete): the holiday calendar.
# Event registrants' personal data (names, addresses, the emails sent to them) is the
# "Event registrations" group's alone: content editors get the events app without these
# models and see counts only. The group also reads the events (to find their registrants)
# and the personal-data log of who saw what.
STAFF_EVENT_REGISTRATION_MODELS = [
    "events.registration",
    "events.delivery",
    # Messages to registrants: written to their addresses, so the same group's.
    "events.registrantmessage",
    "events.messagedelivery",
]
STAFF_EVENT_REGISTRATION_VIEWS = [
    "events.event",
    "events.registrationsummary",
    "core.personaldataaccess",
]
STAFF_SERVICE_DESK_MANAGED = ["service_packages.calendarday"]

# --- Maps -----------------------------------------------------------------------------
# Maps are drawn from coordinates and need no outside server. A deployment with a tile server
# may lay its tiles under them: a URL template with {z}/{x}/{y} (Web Mercator, 256 px) and
# the credit line its licence asks for. Empty: no tiles, and no request leaves the portal.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")
