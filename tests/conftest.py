"""Fixtures shared by the whole suite."""

import pytest
from django.utils import translation

# --clock: run the suite at a chosen instant (tests/clock.py).
pytest_plugins = ["tests.clock"]


def pytest_collection_modifyitems(items):
    """Browser journeys run last: their Playwright loop stays up until the session ends."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


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

    for cache in caches.all():
        cache.clear()
    yield


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
