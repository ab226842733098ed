"""A bounded memo kept in this process's memory, for answers that never change for a key.

Unlike the "local" cache (Django's LocMemCache), values are neither pickled nor copied:
only immutable values (strings, tuples, frozen dataclasses) may be kept.
"""

import threading
from collections import OrderedDict


class LocalMemo:
    """Answers by key, the least recently used dropped first beyond `max_entries`."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict = OrderedDict()
        # gunicorn's threaded workers share a process.
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget(self, matches) -> None:
        """Drop the keys for which `matches(key)` is true."""
        with self._lock:
            for key in [key for key in self._entries if matches(key)]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
