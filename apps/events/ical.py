"""RFC 5545 content lines written as text: escaped values, folded lines, date-times.

The calendar feed writes hundreds of VEVENTs; building them as icalendar objects was most
of its time. These few rules are all a VEVENT of ours needs, and write what icalendar
writes (tests/events/test_ical.py compares the two).
"""

from datetime import UTC, date, datetime

# A folded line holds at most 74 octets, so a continuation line with its leading space is
# 75 at the most (RFC 5545 §3.1 says 75 without the line break; icalendar writes 74).
FOLD_OCTETS = 74
_CONTINUATION = 0b1000_0000  # the top bits 10 of a UTF-8 byte that does not start a character
# icalendar starts the next line with a backslash (or RFC 6868's ^) that would end a line,
# so an escape stays whole for readers that unfold carelessly.
_ESCAPES = b"\\^"


def text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslashes, semicolons, commas and line breaks
    escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def line(name: str, value: str) -> str:
    """`NAME:value` (a value already escaped as its type needs), folded."""
    return fold(f"{name}:{value}")


def fold(content: str) -> str:
    """A content line folded into lines of at most 75 octets (RFC 5545 §3.1).

    Never inside a UTF-8 character: a Chinese title is cut between two characters.
    """
    if len(content) <= FOLD_OCTETS and content.isascii():
        return content
    data = content.encode()
    if len(data) <= FOLD_OCTETS:
        return content
    parts = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0b1100_0000 == _CONTINUATION:
            end -= 1
        if end - start > 1 and data[end - 1] in _ESCAPES:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC, whole seconds: 20260501T020000Z."""
    return wall_clock(moment.astimezone(UTC)) + "Z"


def wall_clock(moment: datetime) -> str:
    """A DATE-TIME as the clock on the wall reads it (with a TZID): 20260501T100000."""
    m = moment
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}"


def day(value: date) -> str:
    """A DATE: 20260501."""
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"
