"""Fixtures of the venues tests: the seeded short lists."""

import pytest


@pytest.fixture(autouse=True)
def _lookups(venue_lookups):
    """Every test here finds the categories, facilities and languages of the migration."""


@pytest.fixture(autouse=True)
def _no_tiles(settings):
    """Maps are drawn without tiles, whatever the environment, unless a test sets them."""
    settings.MAP_TILE_URL = ""
    settings.MAP_TILE_ATTRIBUTION = ""
