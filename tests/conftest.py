"""Fixtures shared by the whole suite."""

import importlib

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation

# --clock: run the suite at a chosen instant (tests/clock.py).
pytest_plugins = ["tests.clock"]


def pytest_collection_modifyitems(items):
    """Browser journeys run last: their Playwright loop stays up until the session ends."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def test_database_name() -> str:
    """The name of the database the suite must use: never the one DATABASE_URL names."""
    configured = settings.DATABASES["default"]
    return configured.get("TEST", {}).get("NAME") or f"test_{configured['NAME']}"


# Read before any test database is made (setting it up renames the configured one).
TEST_DATABASE = test_database_name()


def assert_test_database() -> None:
    """Refuses to go on (before a fixture loads or flushes anything) outside the test database."""
    name = connections["default"].settings_dict["NAME"]
    assert name == TEST_DATABASE, f"fixture on database {name!r}, not the test's {TEST_DATABASE!r}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb):
    """pytest-django's test database, made even when no test of the session asks for `db`.

    pytest-django makes it only for tests that use `db`, `transactional_db`, `live_server`
    or the django_db mark. The module fixtures that load the demo content for a whole
    module (tests/e2e `site`, tests/search `indexed_demo`) ask for `django_db_setup`
    alone, so a module of them run by itself wrote to, and then flushed, the database
    DATABASE_URL names: a developer's own data.
    """
    if connections["default"].settings_dict["NAME"] == TEST_DATABASE:
        yield
        return
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        created = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, keepdb=keepdb
        )
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(autouse=True)
def _pinned_locale():
    """Every test starts in English unless it asks for another language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads of a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import caches

    from apps.core.content import content_version_forget
    from apps.core.images import kept_renditions
    from apps.core.pagecache import page_cache_clear
    from apps.core.ratelimit import rate_limit_forget_failures
    from apps.core.templatetags.core_tags import kept_chrome_clear

    for cache in caches.all():
        cache.clear()
    # Pages kept in this process were rendered from another test's rolled-back rows.
    page_cache_clear()
    # Each test has its own media folder; a picture's renditions are of that folder.
    kept_renditions.clear()
    # Filter panels are kept under their choices' content version, which tests repeat.
    kept_chrome_clear()
    content_version_forget()
    # A Redis outage a test made is over: the limits try the shared cache again.
    rate_limit_forget_failures()
    yield


@pytest.fixture(autouse=True)
def _client_login_with_a_request(monkeypatch):
    """client.login() authenticates with a request, as the admin's login form does:
    django-axes counts login attempts per request and refuses to run without one."""
    from django.test import Client, RequestFactory

    login = Client.login

    def login_with_a_request(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/admin/login/"))
        return login(self, **credentials)

    monkeypatch.setattr(Client, "login", login_with_a_request)


@pytest.fixture
def home_page(db):
    from apps.portal.demo import load

    load()
    from apps.portal.models import HomePage

    return HomePage.objects.current()


@pytest.fixture
def no_extension_providers(monkeypatch):
    """Core's extension points with nothing registered, as when no higher app is installed."""
    from apps.core import extensions

    monkeypatch.setattr(extensions, "_providers", {point: [] for point in extensions.POINTS})


# Staff members of each group


def _staff(django_user_model, username, group, email=""):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="a long test password", email=email, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def content_editor(db, django_user_model):
    from apps.core.services import STAFF_GROUP_CONTENT_EDITOR

    return _staff(django_user_model, "editor", STAFF_GROUP_CONTENT_EDITOR, "editor@example.org")


@pytest.fixture
def service_desk_officer(db, django_user_model):
    from apps.core.services import STAFF_GROUP_SERVICE_DESK

    return _staff(django_user_model, "desk", STAFF_GROUP_SERVICE_DESK, "desk@example.org")


@pytest.fixture
def editor_client(client, content_editor):
    client.force_login(content_editor)
    return client


@pytest.fixture
def registrations_officer(db, django_user_model):
    from apps.core.services import STAFF_GROUP_EVENT_REGISTRATIONS

    return _staff(
        django_user_model, "registrations", STAFF_GROUP_EVENT_REGISTRATIONS, "reg@example.org"
    )


@pytest.fixture
def registrations_client(client, registrations_officer):
    """Logged in as a member of the "Event registrations" group (registrants' data)."""
    client.force_login(registrations_officer)
    return client


# The venues' seeded short lists

_historical_apps = []


def _seed_venue_lookups():
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    # The data migration itself, on the models as it saw them: without modeltranslation,
    # whose `name` attribute would write the current language's column, not the original.
    if not _historical_apps:
        state = MigrationLoader(connection).project_state(("venues", "0002_seed_lookups"))
        _historical_apps.append(state.apps)
    migration = importlib.import_module("apps.venues.migrations.0002_seed_lookups")
    migration.seed(_historical_apps[0], None)


@pytest.fixture
def venue_lookups(request):
    """The categories, facilities and languages of the venues' data migration, back after a flush.

    Transactional tests (in any app) flush the database, data migrations included. A
    folder whose tests need the rows turns this on with a one-line autouse fixture.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue(
        "transactional_db" if "transactional_db" in request.fixturenames else "db"
    )
    from apps.venues import lookups
    from apps.venues.models import Facility, ResourceCategory, ServiceLanguage

    seeded = len(lookups.CATEGORIES) + len(lookups.FACILITIES) + len(lookups.SERVICE_LANGUAGES)
    present = (
        ResourceCategory.objects.count()
        + Facility.objects.count()
        + ServiceLanguage.objects.count()
    )
    if present < seeded:
        _seed_venue_lookups()
