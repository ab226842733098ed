"""Finding an event's private join link in text, however it was written.

Staff paste links in many shapes: upper case, with or without the scheme or `www.`,
percent-encoded, with a trailing slash. The check compares a normal form of both sides,
so `HTTPS://Meet.Example.org/J/123/` and `meet.example.org/j/%31%323` are the same link.
Case is ignored in the whole link, query included: a false alarm costs an editor one
rewording, a miss publishes the key to a private meeting.
"""

import re
import unicodedata
from urllib.parse import unquote

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    # Undo percent-encoding (twice covers a link encoded once more by a mailer), fold
    # width and case (full-width letters pasted from a CJK editor), drop every space.
    for _ in range(2):
        text = unquote(text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub("", text)


def join_link_core(url: str) -> str:
    """The part of a join link that identifies it: host, path and query, normalised."""
    core = _normal(url.strip())
    core = _SCHEME.sub("", core)
    core = core.removeprefix("www.")
    return core.rstrip("/")


def join_link_in(text: str, url: str) -> bool:
    """Whether `text` contains the join link `url` in any of the shapes above."""
    core = join_link_core(url)
    return bool(core) and bool(text) and core in _normal(text)
