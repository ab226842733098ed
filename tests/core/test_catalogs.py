"""Gettext catalogs: complete, not fuzzy, and up to date with the code."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

from tests.languages import CODES

ROOT = Path(settings.BASE_DIR)
# Catalog folders: "zh_Hans", "en", ...
LOCALES = [to_locale(code) for code in CODES]


def statistics(po_file):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete_and_not_fuzzy(locale):
    po_file = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"
    assert po_file.exists(), f"missing catalog {po_file}"
    stats = statistics(po_file)
    assert "untranslated" not in stats and "fuzzy" not in stats, f"{locale}: {stats}"


def test_catalogs_cover_every_string_in_the_code(tmp_path, settings, monkeypatch):
    """Re-extract in a copy of the project: a new entry there is a string not translated.

    makemessages writes into the `locale` folder beside the files it scans, so it runs
    in a copy and the real catalogs are never touched.
    """
    project = tmp_path / "project"
    for folder in ("apps", "templates", "xicheng_portal"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(ROOT / "locale", project / "locale", ignore=shutil.ignore_patterns("*.mo"))
    copy = project / "locale"
    settings.LOCALE_PATHS = [copy]
    monkeypatch.chdir(project)
    call_command(
        "makemessages",
        all=True,
        ignore_patterns=[".venv/*", "var/*", "node_modules/*"],
        no_obsolete=True,
        no_location=True,
        verbosity=0,
    )
    for locale in LOCALES:
        stats = statistics(copy / locale / "LC_MESSAGES" / "django.po")
        assert "untranslated" not in stats and "fuzzy" not in stats, (
            f"{locale}: {stats} - run `make messages` and translate the new strings"
        )


def test_the_english_catalog_says_what_the_code_says():
    """The code is written in English, so each English text is its own msgid: a fuzzy
    match merged by makemessages once turned "%(counter)s entry" into "… venue"."""
    with open(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    wrong = {}
    for key, text in catalog.items():
        msgid, form = key if isinstance(key, tuple) else (key, 0)
        msgid = msgid.rpartition("\x04")[2]  # without its context
        if msgid and form == 0 and text != msgid:
            wrong[msgid] = text
    assert wrong == {}
