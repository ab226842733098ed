"""What a translated text must keep of its source: placeholders and Markdown structure.

Placeholders (`%(name)s`, `%s`, `{name}`) are filled in by the site; a translation that
drops or renames one breaks the text. Markdown's headings, list items and links carry
the page's structure and its links; a translation with a different number of them has
lost or invented some.
"""

import re
from collections import Counter

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_][\w.]*\}")
HEADING = re.compile(r"^ {0,3}#{1,6}\s", re.MULTILINE)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.MULTILINE)
LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text or ""))


def placeholder_problem(source: str, target: str) -> str | None:
    expected, found = placeholders(source), placeholders(target)
    if expected == found:
        return None
    missing = sorted((expected - found).elements())
    extra = sorted((found - expected).elements())
    parts = []
    if missing:
        parts.append(_("missing %(placeholders)s") % {"placeholders": ", ".join(missing)})
    if extra:
        parts.append(_("unknown %(placeholders)s") % {"placeholders": ", ".join(extra)})
    return _("The placeholders differ from the source: %(details)s.") % {
        "details": "; ".join(parts)
    }


def markdown_structure(text: str) -> dict[str, int]:
    text = text or ""
    return {
        "headings": len(HEADING.findall(text)),
        "list items": len(LIST_ITEM.findall(text)),
        "links": len(LINK.findall(text)),
    }


def markdown_problem(source: str, target: str) -> str | None:
    expected, found = markdown_structure(source), markdown_structure(target)
    if expected == found:
        return None
    names = {"headings": _("headings"), "list items": _("list items"), "links": _("links")}
    differences = [
        _("%(what)s: %(found)s instead of %(expected)s")
        % {"what": names[key], "found": found[key], "expected": expected[key]}
        for key in expected
        if expected[key] != found[key]
    ]
    return _("The Markdown structure differs from the source (%(details)s).") % {
        "details": "; ".join(differences)
    }
