"""The suite's own fixtures never touch the database DATABASE_URL names.

Run this module alone to check it: no test here asks for `db`, as the module fixtures
that load the demo content (tests/e2e `site`, tests/search `indexed_demo`) do not.
"""

import pytest
from django.db import connection

from tests.conftest import TEST_DATABASE


@pytest.fixture(scope="module")
def module_database(django_db_setup, django_db_blocker):
    """The database a module fixture like `site` writes to, as the server sees it."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        return cursor.fetchone()[0]


def test_a_module_fixture_writes_to_the_test_database(module_database):
    assert module_database == TEST_DATABASE
    assert connection.settings_dict["NAME"] == TEST_DATABASE
