"""The catalogs and the demo content follow docs/glossary.md: one term per concept."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale

from tests.languages import CODES

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary.md"

# (language, English pattern the msgid must match, required term, rejected synonym).
RULES = [
    # Xicheng District is حي شيتشنغ; منطقة stays for regions, time zones and SARs.
    ("ar", r"\bXicheng District\b", "حي شيتشنغ", r"منطقة شيتشنغ|لمنطقة شيتشنغ"),
    ("ar", r"\bthe district\b", "الحي", r"\bالمنطقة\b"),
    ("ar", r"\benterprises?\b", "مؤسس", r"شركات|الشركة|شركة"),
    ("zh_Hans", r"\bXicheng District\b", "西城区", r"西城地区"),
    ("ja", r"\bXicheng District\b", "西城区", r"西城地区"),
    ("ru", r"\bXicheng District\b", "Сичэн", r"округ"),
    ("fr", r"\bXicheng District\b", "Xicheng", r"arrondissement"),
    ("es", r"\bXicheng District\b", "Xicheng", r"municipio"),
]


def _catalog(language):
    """{msgid: [msgstr, ...]} read with the gettext machinery Django uses (no polib needed)."""
    from django.utils.translation import trans_real

    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalog = trans_real.gettext_module.GNUTranslations(handle)._catalog
    entries = {}
    for key, value in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid:  # the header
            entries.setdefault(msgid.split("\x04")[-1], []).append(value)
    return entries


def test_the_glossary_names_every_site_language():
    header = GLOSSARY.read_text().split("\n| --- ")[0].splitlines()[-1]
    for code in CODES:
        assert f"| {to_locale(code)} " in header


@pytest.mark.parametrize(("language", "pattern", "term", "rejected"), RULES)
def test_catalogs_use_the_glossary_term(language, pattern, term, rejected):
    hits = {
        msgid: msgstrs
        for msgid, msgstrs in _catalog(language).items()
        if re.search(pattern, msgid, re.IGNORECASE)
    }
    assert hits, f"no msgid matches {pattern}: the rule is stale"
    wrong = {msgid: s for msgid, s in hits.items() if any(re.search(rejected, m) for m in s)}
    assert wrong == {}
    # The term itself is what the catalog says (at least mostly: a sentence may rephrase).
    using = [msgid for msgid, msgstrs in hits.items() if any(term in m for m in msgstrs)]
    assert len(using) * 2 >= len(hits), (term, len(using), len(hits))


def _arabic_demo_texts():
    for path in sorted(ROOT.glob("apps/*/demo.json")):

        def walk(node):
            if isinstance(node, dict):
                if isinstance(node.get("ar"), str):
                    yield node["ar"]
                for value in node.values():
                    yield from walk(value)
            elif isinstance(node, list):
                for value in node:
                    yield from walk(value)

        yield from ((path.parent.name, text) for text in walk(json.loads(path.read_text())))


def test_the_arabic_demo_content_names_the_district_as_the_interface_does():
    texts = list(_arabic_demo_texts())
    assert any("حي شيتشنغ" in text for _app, text in texts)
    assert [(app, text[:80]) for app, text in texts if re.search(r"منطقة شيتشنغ", text)] == []
