"""The steps of `make run` work on a bare machine: no gettext, SQLite and a queue in files."""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT = "8301"


@pytest.fixture
def path_without_gettext(tmp_path):
    """A PATH with make and Python on it, and no msgfmt."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "make").symlink_to(make)
    (folder / "python3.11").symlink_to(sys.executable)
    return str(folder)


@pytest.fixture
def demo_env(tmp_path, path_without_gettext):
    """The environment of `make run`, with every file it writes under tmp_path."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "CELERY_"))
        and name not in {"REDIS_URL", "SITE_URL", "EMAIL_URL"}
    }
    env.update(
        PATH=path_without_gettext,
        DJANGO_SETTINGS_MODULE="xicheng_portal.settings.base",
        DEMO_PORT=PORT,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CELERY_QUEUE_DIR=str(tmp_path / "celery"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private-media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


def run(command, env):
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_compilemessages_uses_the_committed_catalogs_without_gettext(path_without_gettext):
    # -o: the virtualenv of this checkout is taken as installed, never reinstalled here.
    env = {**os.environ, "PATH": path_without_gettext}
    result = run(["make", "--no-print-directory", "-o", ".venv/.installed", "compilemessages"], env)
    assert result.stdout == "No msgfmt (gettext): using the committed .mo catalogs.\n"
    assert list((ROOT / "locale").glob("*/LC_MESSAGES/django.mo"))


def test_the_demo_sets_up_quietly_with_links_on_its_port(demo_env, tmp_path):
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], demo_env)
    loaded = run([*manage, "load_demo_content"], demo_env)
    password_file = tmp_path / "demo-login.txt"
    login = run([*manage, "demo_login", "--password-file", str(password_file)], demo_env)

    # Nothing alarming on a first run: the queue's folders exist before the first task.
    assert loaded.stderr == ""
    assert list((tmp_path / "celery" / "out").iterdir())
    assert f"Staff login for http://127.0.0.1:{PORT}/admin/" in login.stdout
    assert password_file.read_text().strip() in login.stdout
    with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
