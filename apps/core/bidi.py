"""Bidirectional text: keeping left-to-right tokens and user-written text whole in Arabic.

In a right-to-left page a reference such as XC-2026-000001, a URL, an email address or a
phone number is a run of weak and neutral characters that the Unicode bidi algorithm
reorders against its surroundings ("000001-2026-XC"), and a French note typed by staff
takes the page's direction. Isolating each such value fixes both.

HTML uses `<span dir>`: browsers isolate any element with `dir` (HTML's rendering rules
give `[dir]` `unicode-bidi: isolate`), and mail clients keep a span where some drop the
less common `<bdi>`. Plain text (emails, `<title>`, attribute values) uses the Unicode
isolates, only in a right-to-left language: elsewhere they are not needed, and invisible
characters in a reference a reader copies are best avoided (forms strip them anyway).
"""

import re
import unicodedata

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from apps.core.i18n import is_rtl

LRI = "\u2066"  # left-to-right isolate
FSI = "\u2068"  # first-strong isolate: the direction of the text's first letter
PDI = "\u2069"  # pop directional isolate

# Every invisible bidi control, including the marks and the older embeddings.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP_CONTROLS = str.maketrans(dict.fromkeys(BIDI_CONTROLS))
_STRONG = {"L", "R", "AL"}
_OUR_SPAN = re.compile(r'<span dir="(?:ltr|auto)">[^<]*</span>')


class Isolated(SafeString):
    """HTML this module has already isolated; isolating it again changes nothing."""

    __slots__ = ()


def strip_bidi_controls(text: str) -> str:
    """`text` without invisible direction controls, e.g. a reference copied from an email."""
    return text.translate(_STRIP_CONTROLS)


def text_direction(text) -> str:
    """`"auto"` for text with letters (the browser takes the first one's direction), else `"ltr"`.

    Text without letters (a phone number, 2027-02-06, 10:30) has no direction of its own;
    browsers differ on what `dir="auto"` makes of it, and it reads left to right.
    """
    for char in str(text):
        if unicodedata.bidirectional(char) in _STRONG:
            return "auto"
    return "ltr"


def resolved_direction(text) -> str:
    """`"rtl"` or `"ltr"` from the text's first letter, as a browser resolves `dir="auto"`.

    For mail clients, several of which ignore `dir="auto"`.
    """
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG:
            return "ltr" if kind == "L" else "rtl"
    return "ltr"


def _isolate(value, direction: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Isolated) or (
        isinstance(value, SafeString) and _OUR_SPAN.fullmatch(value)
    ):
        return value
    return Isolated(format_html('<span dir="{}">{}</span>', direction, conditional_escape(value)))


def isolate_ltr(value) -> str:
    """`value` (escaped) as a left-to-right island: references, codes, URLs, emails, phones."""
    return _isolate(value, "ltr")


def isolate_auto(value) -> str:
    """`value` (escaped) in its own direction, isolated: names and other text people wrote."""
    if value is None or value == "":
        return ""
    return _isolate(value, text_direction(value))


def _isolate_plain(value, opening: str, language: str | None) -> str:
    text = "" if value is None else str(value)
    if not text or not is_rtl(language) or (text.startswith((LRI, FSI)) and text.endswith(PDI)):
        return text
    return f"{opening}{text}{PDI}"


def isolate_ltr_plain(value, language: str | None = None) -> str:
    """Plain-text `value` between LRI and PDI in a right-to-left language, else unchanged."""
    return _isolate_plain(value, LRI, language)


def isolate_auto_plain(value, language: str | None = None) -> str:
    """Plain-text `value` between FSI and PDI in a right-to-left language, else unchanged."""
    return _isolate_plain(value, FSI, language)


def set_input_directions(form) -> None:
    """`dir` on a form's text boxes, so that what people type reads right as they type it.

    Email, URL and telephone boxes are left to right; free text takes the direction of
    its first letter, so a French name typed into the Arabic form is not reordered.
    """
    for field in form.fields.values():
        widget = field.widget
        kind = getattr(widget, "input_type", None)
        if kind in ("email", "url", "tel"):
            widget.attrs.setdefault("dir", "ltr")
        elif kind == "text" or isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("dir", "auto")


# A phone number or other run of digits with its separators, as people write them in
# prose: "+86 10 12308", "(010) 6515-2308", "8:30–17:00". Two digits at least, so a lone
# "5" stays part of the sentence.
_NUMBER_RUN = re.compile(r"\+?\(?\d[\d\s().:/\-–]*\d\)?")


def isolate_number_runs(text) -> str:
    """`text` (escaped) with each run of digits and separators kept left to right.

    In Arabic prose "+86 10 12308" is three numbers the bidi algorithm lays out from right
    to left ("12308 10 86+"); isolating the whole run keeps it as written. Runs without a
    separator (a year, a count) read the same either way and are left alone.
    """
    if text is None or text == "":
        return ""
    text = str(text)
    parts, last = [], 0
    for match in _NUMBER_RUN.finditer(text):
        run = match.group(0).rstrip()
        if run.isdigit():
            continue
        parts.append(conditional_escape(text[last : match.start()]))
        parts.append(format_html('<span dir="ltr">{}</span>', run))
        last = match.start() + len(run)
    parts.append(conditional_escape(text[last:]))
    return SafeString("".join(parts))
