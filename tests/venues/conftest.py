"""Fixtures of the venues tests: the seeded short lists."""

import pytest


@pytest.fixture(autouse=True)
def _lookups(venue_lookups):
    """Every test here finds the categories, facilities and languages of the migration."""
