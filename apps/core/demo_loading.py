"""Loading demo content: create what is missing, never change what exists.

The rule every app's `demo.load()` follows: a top-level object, found by its natural key
(usually the slug), is created with all its children and relations only when it does not
exist; an existing one, and everything under it, is left exactly as it is. So staff edits
survive every `make run`, and a row staff deleted comes back whole.
"""

import zlib
from collections.abc import Callable
from typing import TypeVar

from django.db import connection, models

Row = TypeVar("Row", bound=models.Model)

# Any fixed number works; this one is only ever taken by `load_demo_content`.
LOCK_KEY = zlib.crc32(b"xicheng.load_demo_content")


class DemoLoad:
    """One app's pass over its demo content: the rows it created and the rows it kept."""

    def __init__(self):
        self._counts: dict[str, list[int]] = {}

    def ensure(self, kind: str, model: type[Row], create: Callable[[], Row], **natural_key) -> Row:
        """The row `natural_key` finds, untouched; `create()` makes it only when none does."""
        counts = self._counts.setdefault(kind, [0, 0])
        row = model.objects.filter(**natural_key).first()
        if row is not None:
            counts[1] += 1
            return row
        counts[0] += 1
        return create()

    def __str__(self) -> str:
        return "; ".join(
            f"created {created}, kept {kept} existing {kind}"
            for kind, (created, kept) in self._counts.items()
        )


def lock_until_commit() -> None:
    """Make a concurrent loader wait for this transaction instead of racing its inserts."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        elif connection.vendor == "sqlite":
            # A write that changes nothing takes the file's write lock now; a second
            # loader then waits (busy timeout) instead of failing at its first insert
            # with "database is locked".
            cursor.execute("UPDATE django_migrations SET id = id WHERE 0")
