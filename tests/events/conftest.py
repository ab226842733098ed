"""Fixtures of the events tests: the seeded languages, staff members, the site address."""

import pytest

from tests.sister_cities.conftest import (  # noqa: F401  (fixtures, shared)
    content_editor,
    editor_client,
    service_desk_officer,
)
from tests.venues.conftest import lookups  # noqa: F401  (autouse: the seeded languages)

SITE_URL = "https://portal.example.org"
JOIN_URL = "https://meet.example.org/secret-room-42"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL
