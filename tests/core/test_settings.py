"""Settings: read from the environment, production refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-x9Qv7ZL2pR8sT4wY6uB1nM3cD5fH0jK_"


def run_python(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    for name in ("REDIS_URL", "SITE_URL", "DEMO_PORT", "EMAIL_URL"):
        clean.pop(name, None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_value(expr, module="base", **env):
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        f"print(json.dumps({expr}, default=str))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE=f"xicheng_portal.settings.{module}", **env)
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.production",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.production",
        DJANGO_SECRET_KEY="short",
    )
    assert result.returncode != 0


def test_production_refuses_a_plain_http_site_url():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.production",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        SITE_URL="http://portal.example.org",
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.production",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        SITE_URL="https://portal.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "no issues" in result.stdout


def test_configuration_comes_from_the_environment():
    values = settings_value(
        "[settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'],"
        " settings.DATABASES['default']['CONN_MAX_AGE'],"
        " settings.DATABASES['default']['CONN_HEALTH_CHECKS'], settings.DEBUG,"
        " settings.ALLOWED_HOSTS, settings.SITE_URL, str(settings.MEDIA_ROOT),"
        " str(settings.PRIVATE_MEDIA_ROOT), settings.CACHES['default']['BACKEND'],"
        " settings.CELERY_BROKER_URL, settings.EMAIL_BACKEND, settings.EMAIL_HOST]",
        DATABASE_URL="postgres://user:pw@db.internal:5433/portal",
        REDIS_URL="redis://cache.internal:6380/2",
        DJANGO_DEBUG="true",
        DJANGO_ALLOWED_HOSTS="a.example,b.example",
        SITE_URL="https://portal.example/",
        MEDIA_ROOT="/srv/media",
        PRIVATE_MEDIA_ROOT="/srv/private",
        EMAIL_URL="smtp://mailer.internal:2525",
    )
    assert values == [
        "django.db.backends.postgresql",
        "portal",
        60,
        True,
        True,
        ["a.example", "b.example"],
        "https://portal.example",
        "/srv/media",
        "/srv/private",
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6380/2",
        "django.core.mail.backends.smtp.EmailBackend",
        "mailer.internal",
    ]


def test_embedded_defaults_without_any_configuration():
    engine, broker, cache = settings_value(
        "[settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL,"
        " settings.CACHES['default']['BACKEND']]"
    )
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://localhost//"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"


def test_the_demo_prints_mail_readably_unless_told_otherwise():
    assert settings_value("settings.EMAIL_BACKEND") == "apps.core.mail.ConsoleEmailBackend"
    assert (
        settings_value("settings.EMAIL_BACKEND", EMAIL_URL="consolemail://")
        == "apps.core.mail.ConsoleEmailBackend"
    )


def test_sqlite_waits_for_the_write_lock_instead_of_failing():
    options = settings_value("settings.DATABASES['default']['OPTIONS']")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    postgres = settings_value(
        "settings.DATABASES['default'].get('OPTIONS', {})",
        DATABASE_URL="postgres://user:pw@db.internal:5433/portal",
    )
    assert "transaction_mode" not in postgres


def test_site_url_follows_the_demo_port():
    assert settings_value("settings.SITE_URL") == "http://127.0.0.1:8000"
    assert settings_value("settings.SITE_URL", DEMO_PORT="8301") == "http://127.0.0.1:8301"
    assert settings_value("settings.CSRF_TRUSTED_ORIGINS", DEMO_PORT="8301") == [
        "http://127.0.0.1:8301"
    ]


def test_an_explicit_site_url_wins_over_the_demo_port():
    site_url = settings_value(
        "settings.SITE_URL", DEMO_PORT="8301", SITE_URL="https://portal.example.org/"
    )
    assert site_url == "https://portal.example.org"


def test_static_files_are_compressed_and_hashed():
    backend = settings_value("settings.STORAGES['staticfiles']['BACKEND']")
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_celery_is_configured_for_reliable_json_tasks(settings):
    from apps.core.tasks import ping
    from xicheng_portal.celery import app

    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_annotations["*"] == {"max_retries": 5, "default_retry_delay": 30}
    assert ping.max_retries == 5 and ping.default_retry_delay == 30
    assert "core-heartbeat" in conf.beat_schedule
    assert "core.ping" in app.tasks


def test_modeltranslation_comes_before_admin(settings):
    apps = settings.INSTALLED_APPS
    assert apps.index("modeltranslation") < apps.index("django.contrib.admin")
    assert [code for code, _ in settings.LANGUAGES] == [
        "zh-hans",
        "en",
        "ja",
        "ru",
        "fr",
        "es",
        "ar",
    ]
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == {"default": ("en", "zh-hans")}


@pytest.mark.django_db
def test_no_model_changes_without_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
