"""A result's snippet: a window of its text around the first word found, words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import Term, fold_with_positions

SNIPPET_CHARS = 220
# Characters shown before the first word found, so that it is read in context.
LEAD_CHARS = 60
_WORD_CHAR = re.compile(r"\w")


def _patterns(terms: list[Term]) -> list[re.Pattern]:
    """Where each term stands in folded text: a CJK term anywhere, a word at the start of
    a word, by its stem-like start (`invitations` marks `invitation`). One pattern per
    term: the pairs of a CJK query overlap (邀请, 请函)."""
    patterns = []
    for term in terms:
        if term.alternative:  # the kana as typed, or the romaji word they spell
            patterns.append(
                re.compile(re.escape(term.text) + r"|(?<!\w)" + re.escape(term.alternative))
            )
        elif term.cjk:
            patterns.append(re.compile(re.escape(term.text)))
        else:
            stem = term.text if len(term.text) <= 4 else term.text[: max(4, len(term.text) - 3)]
            patterns.append(re.compile(r"(?<!\w)" + re.escape(stem)))
    return patterns


def snippet(text: str, terms: list[Term], *, width: int = SNIPPET_CHARS) -> SafeString:
    """At most `width` characters of `text` (plain), escaped, with the query's words in
    <mark>; the window starts a little before the first of them."""
    text = " ".join(text.split())
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    folded, positions = fold_with_positions(text)
    spans = []
    for pattern in _patterns(terms):
        for match in pattern.finditer(folded):
            if match.end() <= match.start():
                continue
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            if not terms_are_cjk(match.group()):  # mark the whole word
                while end < len(text) and _WORD_CHAR.match(text[end]):
                    end += 1
            spans.append((start, end))
    merged: list[list[int]] = []
    for span_start, span_end in sorted(spans):  # 邀请 and 请函 mark 邀请函 once
        if merged and span_start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span_end)
        else:
            merged.append([span_start, span_end])
    spans = merged
    first = spans[0][0] if spans else 0
    start = max(0, first - LEAD_CHARS)
    if start:  # begin at a word
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_start >= end:
            continue
        span_end = min(span_end, end)
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    html = "".join(pieces)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))  # noqa: S308 - escaped above


def terms_are_cjk(text: str) -> bool:
    from .analysis import is_cjk

    return any(is_cjk(char) for char in text)
