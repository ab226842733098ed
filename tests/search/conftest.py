"""The demo content, indexed, for the search tests of a module."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def indexed_demo(django_db_setup, django_db_blocker):
    """The demo content in the search index for a whole module (read-only tests); the
    database is flushed after, as pytest-django's transactional tests leave it."""
    from apps.venues import lookups
    from apps.venues.models import ResourceCategory
    from tests.conftest import _seed_venue_lookups, assert_test_database

    assert_test_database()  # before anything is loaded, or flushed

    with django_db_blocker.unblock():
        try:
            if ResourceCategory.objects.count() < len(lookups.CATEGORIES):
                _seed_venue_lookups()
            call_command("load_demo_content", stdout=io.StringIO())
            call_command("rebuild_search_index", stdout=io.StringIO())
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
