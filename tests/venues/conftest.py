"""Fixtures of the venues tests: the seeded short lists, staff members of each group."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from apps.venues.models import Facility, ResourceCategory, ServiceLanguage
from tests.sister_cities.conftest import (  # noqa: F401  (fixtures, shared)
    content_editor,
    editor_client,
    service_desk_officer,
)

SEED = importlib.import_module("apps.venues.migrations.0002_seed_lookups")
SEEDED_ROWS = len(SEED.CATEGORIES) + len(SEED.FACILITIES) + len(SEED.SERVICE_LANGUAGES)
_historical_apps = []


def _seed_lookups():
    # The models as the data migration saw them: without modeltranslation, whose `name`
    # attribute would write the current language's column instead of the original one.
    if not _historical_apps:
        state = MigrationLoader(connection).project_state(("venues", "0002_seed_lookups"))
        _historical_apps.append(state.apps)
    SEED.seed(_historical_apps[0], None)


@pytest.fixture(autouse=True)
def lookups(request):
    """The categories, facilities and languages of the data migration, back after a flush.

    Transactional tests (here or in other apps) flush the database, data migrations
    included; every test that uses the database finds the rows again.
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
    present = (
        ResourceCategory.objects.count()
        + Facility.objects.count()
        + ServiceLanguage.objects.count()
    )
    if present < SEEDED_ROWS:
        _seed_lookups()
