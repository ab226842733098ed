"""File storages shared by every app."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateMediaStorage(FileSystemStorage):
    """Files that must never be reachable by URL (enterprise documents).

    They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and views hand them out
    only after a permission check.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        # Read on each use so that tests (and settings overrides) move it.
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage():
    """The "private" storage alias, for FileField(storage=...) (a callable keeps it lazy)."""
    from django.core.files.storage import storages

    return storages["private"]


def private_files_delete(names) -> None:
    """Delete files of the private storage; one that cannot be deleted is logged, not raised.

    Callers delete files after the rows that named them are gone (or never committed),
    so a leftover file is an orphan to clean up by hand, not a reason to fail.
    """
    import logging

    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logging.getLogger(__name__).warning("Could not delete the private file %s", name)
