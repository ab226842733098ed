"""Adding a language is the recipe of docs/architecture.md, and nothing else.

A copy of the project gets an eighth language in settings, then `makemigrations`,
`migrate` and `load_demo_content` run in fresh processes against a throwaway SQLite
database, and the public pages answer in it. Nothing in `apps/` lists the languages by
hand, so nothing else has to change.
"""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.apps import apps

from apps.core.i18n import translated_fields
from tests.languages import CODES, FIELD_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
NEW = "de"
# Read only by the processes below; the copy shares them instead of copying them.
SHARED = ("templates", "static", "locale")

PAGES = """
import json
from django.test import Client
from apps.sister_cities.models import SisterCity

client = Client()
pages = {}
for path in ("/de/", "/de/events/", "/de/sister-cities/", "/de/venues/", "/de/services/",
             "/de/sister-cities/nakano/", "/en/"):
    response = client.get(path)
    pages[path] = [response.status_code, response.content.decode()]
nakano = SisterCity.objects.get(slug="nakano")
print(json.dumps({"pages": pages, "name_de": nakano.name_de, "name_en": nakano.name_en}))
"""


def _copy_with_language(target: Path) -> None:
    """The project as it is, plus NEW at the end of LANGUAGES in its settings."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("apps", "xicheng_portal"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", target / "manage.py")
    for name in SHARED:
        (target / name).symlink_to(ROOT / name)
    settings = target / "xicheng_portal" / "settings" / "base.py"
    text, count = re.subn(
        r"^(LANGUAGES = \[\n(?:    .*\n)*?)\]$",
        rf'\1    ("{NEW}", "Deutsch"),\n]',
        settings.read_text(),
        flags=re.MULTILINE,
    )
    assert count == 1, "settings/base.py no longer has one LANGUAGES = [...] list"
    settings.write_text(text)


def _manage(project: Path, *arguments: str) -> str:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.base",
        "DATABASE_URL": f"sqlite:///{project / 'db.sqlite3'}",
        "REDIS_URL": "",
        "CELERY_QUEUE_DIR": str(project / "var" / "celery"),
        "MEDIA_ROOT": str(project / "var" / "media"),
        "PRIVATE_MEDIA_ROOT": str(project / "var" / "private-media"),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        # Static files unhashed, as under `make run`: nothing is collected here.
        "DJANGO_DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _expected_changes() -> set[tuple[str, str, str]]:
    """A column per translated field, and the language choices that follow LANGUAGES."""
    added = {
        ("Add", f"{field}_{NEW}", model._meta.model_name)
        for model in apps.get_models()
        if model._meta.app_label != "testapp"
        for field in translated_fields(model)
    }
    altered = {
        ("Alter", field.name, model._meta.model_name)
        for model in apps.get_models()
        if model._meta.app_label != "testapp"
        for field in model._meta.concrete_fields
        if [choice[0] for choice in field.choices or ()] == CODES
    }
    return added | altered


def test_an_eighth_language_needs_only_settings_and_a_migration(tmp_path):
    project = tmp_path / "project"
    _copy_with_language(project)

    planned = _manage(project, "makemigrations", "--dry-run")
    # One line per operation, after its category's symbol (+ ~ - p s ?).
    operations = re.findall(r"^ +[-+~ps?] (.+)$", planned, re.MULTILINE)
    changes = [re.fullmatch(r"(Add|Alter) field (\w+) (?:to|on) (\w+)", op) for op in operations]
    assert operations and None not in changes, planned
    assert {change.groups() for change in changes} == _expected_changes(), planned

    _manage(project, "makemigrations")
    _manage(project, "migrate", "--verbosity=0")
    loaded = _manage(project, "load_demo_content")
    assert "sister_cities: created 2, kept 0 existing partners" in loaded
    assert "created 16, kept 0 existing events" in loaded
    assert not re.search(r"created [1-9]", _manage(project, "load_demo_content"))

    result = json.loads(_manage(project, "shell", "--command", PAGES).splitlines()[-1])
    # The demo has no German text: its columns stay empty and pages fall back to English.
    assert result["name_de"] == ""
    for path, (status, html) in result["pages"].items():
        assert status == 200, path
        assert 'hreflang="de"' in html, path
        assert ">Deutsch<" in html, path  # the language switcher names it in German
    for path, (_status, html) in result["pages"].items():
        if path.startswith("/de/"):
            assert '<html lang="de"' in html, path
    assert result["name_en"] in result["pages"]["/de/sister-cities/nakano/"][1]


def _literal_codes(node: ast.AST, *, keys: bool) -> set[str]:
    """The language codes or column suffixes a list, tuple or set (or dict's keys) spells."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = node.elts
    elif keys and isinstance(node, ast.Dict):
        items = [key for key in node.keys if key is not None]
    else:
        return set()
    names = {*CODES, *FIELD_SUFFIXES}
    return {item.value for item in items if isinstance(item, ast.Constant) and item.value in names}


def _hand_written_lists(folder: str, *, keys: bool, at_least: int) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            codes = _literal_codes(node, keys=keys)
            if len(codes) >= at_least:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {sorted(codes)}")
    return found


def test_no_application_code_lists_the_languages_by_hand():
    # Three codes side by side already pick languages; texts by language are data files.
    assert _hand_written_lists("apps", keys=True, at_least=3) == []
    assert _hand_written_lists("scripts", keys=False, at_least=len(CODES) - 1) == []


def test_tests_take_the_languages_from_settings():
    found = _hand_written_lists("tests", keys=False, at_least=len(CODES) - 1)
    # Only the assertion that pins the site's languages to the design names them all.
    assert [line for line in found if not line.startswith("tests/core/test_settings.py:")] == []
