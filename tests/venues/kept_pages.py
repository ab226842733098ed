"""Helpers for tests of pages that keep renderings and read only their columns.

Used by the venues, sister-cities and catalogue tests (a home in tests/ would suit them
better; they live here until one is made).
"""

import contextlib
import re
from unittest import mock

from django.core.cache import caches
from django.db import connection
from django.db.models.query_utils import DeferredAttribute
from django.test.utils import CaptureQueriesContext

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@contextlib.contextmanager
def no_deferred_loads():
    """Fail on any column read after its query: one the page's `.only()` left out."""
    load = DeferredAttribute.__get__

    def refuse(self, instance, cls=None):
        if instance is not None and self.field.attname not in instance.__dict__:
            raise AssertionError(f"{type(instance).__name__}.{self.field.attname} read late")
        return load(self, instance, cls)

    with mock.patch.object(DeferredAttribute, "__get__", refuse):
        yield


def page(client, url: str) -> str:
    """The page at `url` (200), with no column read after its query."""
    with no_deferred_loads():
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_kept_is_plain(client, settings, url: str) -> str:
    """The page at `url` rendered afresh, served from its kept renderings, and rendered
    with nothing kept at all: the same bytes each time. Returns the page."""
    rendered = page(client, url)
    assert page(client, url) == rendered
    settings.CACHES = {**settings.CACHES, "local": DUMMY_CACHE}
    assert page(client, url) == rendered
    return rendered


def captured_sql(client, url: str) -> list[str]:
    """The SQL of a request for `url` rendered from scratch (nothing kept)."""
    client.get(url)
    caches["local"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def selected_columns(sql: str, table: str) -> set[str]:
    """The columns of `table` a SELECT reads, e.g. {"id", "name_en", "slug"}."""
    select = sql.split(" FROM ", 1)[0]
    return set(re.findall(rf'"{table}"\."(\w+)"', select))


def select_from(queries: list[str], table: str) -> list[str]:
    """The queries that select from `table`."""
    return [sql for sql in queries if re.search(rf' FROM "{table}"', sql)]
