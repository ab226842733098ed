"""No import circle inside an app (events first, then every app): not at module level,
not inside a function; and no service starts a task by importing a tasks module."""

import ast
from pathlib import Path

import pytest

import apps.events

PACKAGE = "apps.events"
APP = Path(apps.events.__file__).parent


def _imported_modules(tree: ast.Module, package: str = PACKAGE) -> set[str]:
    """Modules of this app that `tree` imports anywhere (late imports included)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from . import x / from .x import y
                base = node.module
                names = [base] if base else [alias.name for alias in node.names]
            elif node.level == 0 and (node.module or "").startswith(package):
                rest = node.module.removeprefix(package).lstrip(".")
                names = [rest] if rest else [alias.name for alias in node.names]
            else:
                continue
            found.update(name.split(".")[0] for name in names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(f"{package}."):
                    found.add(alias.name.removeprefix(f"{package}.").split(".")[0])
    return found


def import_graph(folder: Path, package: str = PACKAGE) -> dict[str, set[str]]:
    modules = {path.stem for path in folder.glob("*.py")}
    return {
        path.stem: _imported_modules(ast.parse(path.read_text(), str(path)), package) & modules
        for path in folder.glob("*.py")
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each found once from its first module on the path."""
    found, done = [], set()

    def visit(module, path):
        if module in path:
            found.append(path[path.index(module) :] + [module])
            return
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


def test_no_module_of_the_events_app_imports_one_that_imports_it_back():
    graph = import_graph(APP)
    assert {"models", "services", "deliveries", "emails"} <= set(graph)
    assert cycles(graph) == []


def test_the_check_sees_late_imports_and_circles(tmp_path):
    (tmp_path / "a.py").write_text("from .b import f\n")
    (tmp_path / "b.py").write_text("def f():\n    from apps.events.c import g\n")
    (tmp_path / "c.py").write_text("def g():\n    from . import a\n")
    (tmp_path / "d.py").write_text("import apps.events.a\nfrom django.db import models\n")
    graph = import_graph(tmp_path)
    assert graph == {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_services_start_tasks_by_name():
    graph = import_graph(APP)
    assert [module for module, imported in graph.items() if "tasks" in imported] == []


ALL_APPS = sorted(path.parent.name for path in APP.parent.glob("*/apps.py"))


@pytest.mark.parametrize("app", ALL_APPS)
def test_no_import_circle_in_any_app(app):
    graph = import_graph(APP.parent / app, f"apps.{app}")
    assert cycles(graph) == []


@pytest.mark.parametrize("app", ALL_APPS)
def test_no_module_but_celery_config_imports_an_apps_tasks(app):
    """Services start tasks by name (core's outbox, `current_app.signature`)."""
    graph = import_graph(APP.parent / app, f"apps.{app}")
    assert [module for module, imported in graph.items() if "tasks" in imported] == []


def test_every_app_is_checked():
    assert {"core", "events", "portal", "service_packages", "sister_cities", "venues"} <= set(
        ALL_APPS
    )
