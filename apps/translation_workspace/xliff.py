"""XLIFF 1.2 files for translators, written and read with the standard library.

One <file> per source language (Chinese, or English where a text has no Chinese), one
<trans-unit> per text: its id is app_label.model_name.pk.field, its <source> the text to
translate, its <target> empty (state "new") or the current, outdated translation (state
"needs-review-translation"). A field's length limit is the unit's maxwidth; a Markdown
text says so in a note. Any XLIFF 1.2 tool (OmegaT, Poedit, memoQ, Trados) reads it.
"""

import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.utils import timezone

from .fields import is_markdown, max_length
from .worklist import OUTDATED, Gap, object_label

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGINAL = "xicheng-portal"
# A file of every text of the site in one language stays far below this.
MAX_BYTES = 10 * 1024 * 1024
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class XliffError(ValueError):
    """The file is no XLIFF 1.2 file of this portal; the message says why."""


@dataclass(frozen=True)
class Unit:
    id: str
    source_language: str
    source: str
    target: str


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def xliff_export(gaps: list[Gap], language: str) -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    date = timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z")
    files = {}
    for gap in gaps:
        body = files.get(gap.source_language)
        if body is None:
            file = ET.SubElement(
                root,
                _q("file"),
                {
                    "original": ORIGINAL,
                    "source-language": gap.source_language,
                    "target-language": language,
                    "datatype": "plaintext",
                    "date": date,
                },
            )
            body = files[gap.source_language] = ET.SubElement(file, _q("body"))
        attributes = {"id": gap.unit_id, "resname": gap.unit_id}
        limit = max_length(gap.model, gap.field)
        if limit:
            attributes.update({"maxwidth": str(limit), "size-unit": "char"})
        unit = ET.SubElement(body, _q("trans-unit"), attributes)
        source = ET.SubElement(unit, _q("source"), {XML_LANG: gap.source_language})
        source.text = gap.source_text
        state = "needs-review-translation" if gap.status == OUTDATED else "new"
        target = ET.SubElement(unit, _q("target"), {XML_LANG: language, "state": state})
        target.text = gap.current_text if gap.status == OUTDATED else ""
        note = ET.SubElement(unit, _q("note"), {"from": ORIGINAL})
        kind = "Markdown" if is_markdown(gap.model, gap.field) else "plain text"
        note.text = f"{object_label(gap.obj)} · {gap.field} · {kind}"
    if not files:
        # An empty file is still a valid one: an empty <file> with an empty <body>.
        file = ET.SubElement(
            root,
            _q("file"),
            {"original": ORIGINAL, "source-language": "zh-hans", "target-language": language},
        )
        file.set("datatype", "plaintext")
        ET.SubElement(file, _q("body"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(element) -> str:
    """The text of <source>/<target>, inline markup (<g>, <x/>) read as plain text."""
    return "".join(element.itertext()) if element is not None else ""


def xliff_parse(data: bytes) -> tuple[str, list[Unit]]:
    """(target language, units) of an XLIFF 1.2 file; XliffError if it is none."""
    if len(data) > MAX_BYTES:
        raise XliffError("too large")
    # No document type and no entities: nothing in the file may expand or fetch.
    if _DECLARATIONS.search(data):
        raise XliffError("declarations")
    try:
        # No DTD was let through above, and expat (2.4+) limits entity expansion.
        root = ET.fromstring(data)  # noqa: S314
    except ET.ParseError as error:
        raise XliffError("not xml") from error
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise XliffError("not xliff 1.2")
    languages = set()
    units = []
    for file in root.iter(_q("file")):
        languages.add(file.get("target-language", ""))
        source_language = file.get("source-language", "")
        for unit in file.iter(_q("trans-unit")):
            source = unit.find(_q("source"))
            units.append(
                Unit(
                    id=unit.get("id", ""),
                    source_language=(source.get(XML_LANG) if source is not None else None)
                    or source_language,
                    source=_text(source),
                    target=_text(unit.find(_q("target"))),
                )
            )
    if len(languages) != 1:
        raise XliffError("languages")
    return languages.pop().lower(), units
