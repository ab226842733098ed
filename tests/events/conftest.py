"""Fixtures of the events tests: the seeded languages, staff members, the site address."""

import pytest

SITE_URL = "https://portal.example.org"
JOIN_URL = "https://meet.example.org/secret-room-42"


@pytest.fixture(autouse=True)
def _lookups(venue_lookups):
    """Every test here finds the venues' seeded languages of visits."""


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL
