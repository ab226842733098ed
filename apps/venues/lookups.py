"""The visit pool's starting short lists: categories, facilities and languages of visits.

Data migration 0002 seeds them on a fresh database and the demo recreates any that staff
deleted. The names are data (`lookups.json`, by language code); here they are keyed by
the suffix of their translated column (`name_zh_hans`), as the migration reads them. A
language added to the site later has no name here and falls back until staff write one.
"""

import json
from pathlib import Path

from modeltranslation.utils import build_localized_fieldname


def _rows(kind: str) -> list[tuple[str, dict[str, str]]]:
    """(code, {column suffix: name}) for each lookup of `kind`, in their order."""
    data = json.loads(Path(__file__).with_name("lookups.json").read_text(encoding="utf-8"))
    return [
        (
            row["code"],
            {build_localized_fieldname("", code)[1:]: name for code, name in row["name"].items()},
        )
        for row in data[kind]
    ]


CATEGORIES = _rows("categories")
FACILITIES = _rows("facilities")
SERVICE_LANGUAGES = _rows("service_languages")
