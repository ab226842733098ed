"""Dependencies between apps point one way (docs/architecture.md), read from the code.

core ← sister_cities, venues, service_packages ← events ← portal, and core ← search ←
portal (search reads what the content apps register with core), and translation_workspace
on top (staff's tool over every app's translated content): an app may use only
the apps to its left, by import, by `import_module("apps.x…")`, by a model label, by a
URL name, or by reaching through a relation another app added to its models. Application
code never imports a migration.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as registry
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = ROOT / "apps"
TEMPLATES_DIR = ROOT / "templates"

# The apps each app may use (besides itself).
ALLOWED = {
    "core": set(),
    "sister_cities": {"core"},
    "venues": {"core"},
    "service_packages": {"core"},
    "events": {"core", "sister_cities", "venues"},
    "search": {"core"},
    "portal": {"core", "sister_cities", "venues", "service_packages", "events", "search"},
    # Staff's translation workspace reads the content of every app (through
    # modeltranslation's registry) and its backfill runs after their migrations.
    "translation_workspace": {
        "core",
        "sister_cities",
        "venues",
        "service_packages",
        "events",
        "search",
        "portal",
    },
}

# Templates whose URL names are checked, by the app whose level they are at. The error
# pages are the project's, rendered without knowing which app failed: no app's names.
TEMPLATES_CHECKED = {
    "sister_cities": ["sister_cities/**/*.html", "sister_cities/**/*.txt"],
    "venues": ["venues/**/*.html", "venues/**/*.txt"],
    "events": ["events/**/*.html", "events/**/*.txt"],
    "service_packages": ["service_packages/**/*.html", "service_packages/**/*.txt"],
    "search": ["search/**/*.html", "search/**/*.xml"],
    "core": ["404.html", "500.html"],
}

GETATTR_LIKE = {"getattr", "hasattr", "setattr", "delattr"}
IMPORT_FUNCTIONS = {"import_module", "__import__"}
URL_NAME = re.compile(r"^(?P<namespace>[a-z_]+):[\w-]+$")
TEMPLATE_URL = re.compile(r"""{%\s*url\s+['"](?P<namespace>[a-z_]+):""")


@dataclass(frozen=True)
class Violation:
    where: str
    line: int
    what: str

    def __str__(self):
        return f"{self.where}:{self.line}: {self.what}"


def app_of(dotted: str) -> str | None:
    """`apps.venues.models` → `venues`; None outside the project's apps."""
    parts = dotted.split(".")
    if len(parts) >= 2 and parts[0] == "apps" and parts[1] in ALLOWED:
        return parts[1]
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The dotted name an `ImportFrom` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_names(tree: ast.AST, module: str, is_package: bool):
    """(line, dotted name) of everything a module imports, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            source = absolute(node, module, is_package)
            yield node.lineno, source
            # `from apps import venues`, `from . import migrations`: the names are modules.
            for alias in node.names:
                yield node.lineno, f"{source}.{alias.name}"
        elif isinstance(node, ast.Call) and called_name(node) in IMPORT_FUNCTIONS:
            if node.args and isinstance(node.args[0], ast.Constant):
                if isinstance(node.args[0].value, str):
                    yield node.lineno, node.args[0].value


def called_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


@dataclass(frozen=True)
class Relations:
    """Names another app adds to a model through a relation, each with the app adding it.

    `related_name="hosted_events"` on events' Event gives Venue `hosted_events`; an app
    that may not use events must not reach through it, by attribute, getattr or lookup.
    """

    accessors: dict[str, str]  # venue.hosted_events, city.exchange_activities
    lookups: dict[str, str]  # filter(hosted_events__…), filter(event=…)


def reverse_relations() -> Relations:
    accessors, lookups = {}, {}
    for model in registry.get_models(include_auto_created=True):
        for relation in model._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and relation.is_relation and not relation.concrete):
                continue
            owner = app_of(relation.related_model.__module__)
            if owner is None or owner == app_of(model.__module__) or relation.hidden:
                continue
            accessors[relation.get_accessor_name()] = owner
            lookups[relation.field.related_query_name()] = owner
    return Relations(accessors, lookups)


# Calls whose string arguments and keywords name relations and lookups.
QUERY_CALLS = {
    "Prefetch",
    "Q",
    "aggregate",
    "annotate",
    "defer",
    "exclude",
    "filter",
    "get",
    "get_or_create",
    "only",
    "order_by",
    "prefetch_related",
    "select_related",
    "update_or_create",
    "values",
    "values_list",
}


def python_violations(
    source: str, *, module: str, is_package: bool = False, relations: Relations
) -> list[Violation]:
    """Every upward coupling in one module of app `app_of(module)`."""
    app = app_of(module)
    allowed = ALLOWED[app] | {app}
    in_migration = ".migrations" in f".{module}."
    tree = ast.parse(source)
    found = []

    for line, name in imported_names(tree, module, is_package):
        target = app_of(name)
        if target is not None and target not in allowed:
            found.append(Violation(module, line, f"imports {name} (app {target})"))
        if not in_migration and target is not None and ".migrations" in f".{name}.":
            found.append(Violation(module, line, f"imports the migration {name}"))

    def forbidden(names: dict[str, str], text: str) -> str | None:
        owner = names.get(text.split("__")[0])
        return owner if owner is not None and owner not in allowed else None

    def relation_in(text: str) -> str | None:
        return forbidden(relations.accessors, text) or forbidden(relations.lookups, text)

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = forbidden(relations.accessors, node.attr)
            if owner:
                what = f"reads .{node.attr}, a relation that app {owner} adds"
                found.append(Violation(module, node.lineno, what))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = URL_NAME.match(node.value)
            if match and match["namespace"] in ALLOWED and match["namespace"] not in allowed:
                what = f"names the URL {node.value!r} of app {match['namespace']}"
                found.append(Violation(module, node.lineno, what))
        elif isinstance(node, ast.Call):
            call = called_name(node)
            strings = [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if call in GETATTR_LIKE and len(strings) >= 1 and len(node.args) >= 2:
                owner = relation_in(strings[0])
                if owner:
                    what = f"{call}(…, {strings[0]!r}), a relation that app {owner} adds"
                    found.append(Violation(module, node.lineno, what))
            elif call in QUERY_CALLS:
                names = strings + [keyword.arg for keyword in node.keywords if keyword.arg]
                for name in names:
                    owner = relation_in(name)
                    if owner:
                        what = f"{call}() through {name!r}, a relation that app {owner} adds"
                        found.append(Violation(module, node.lineno, what))
            elif call == "get_model" and strings:
                label = strings[0].split(".")[0]
                if label in ALLOWED and label not in allowed:
                    what = f"loads a model of app {label} by name"
                    found.append(Violation(module, node.lineno, what))
    return found


def template_violations(text: str, *, where: str, app: str, relations: Relations):
    allowed = ALLOWED[app] | {app}
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in TEMPLATE_URL.finditer(line):
            namespace = match["namespace"]
            if namespace in ALLOWED and namespace not in allowed:
                found.append(Violation(where, number, f"reverses a URL of app {namespace}"))
        for name in re.findall(r"\.(\w+)", line):
            owner = relations.accessors.get(name)
            if owner is not None and owner not in allowed:
                what = f"reads .{name}, a relation that app {owner} adds"
                found.append(Violation(where, number, what))
    return found


def app_modules():
    for path in sorted(APPS_DIR.glob("*/**/*.py")):
        if app_of(module_name(path)) is not None:
            yield path


# The checks on the project


def test_every_app_has_a_place_in_the_order():
    project_apps = {path.parent.name for path in APPS_DIR.glob("*/apps.py")}
    assert project_apps == set(ALLOWED)


def test_installed_apps_list_the_apps_in_dependency_order():
    order = [app_of(name) for name in settings.INSTALLED_APPS if app_of(name)]
    for position, app in enumerate(order):
        assert ALLOWED[app] <= set(order[:position]), app


def test_no_module_couples_to_an_app_it_may_not_use():
    relations = reverse_relations()
    # The check knows what it looks for.
    assert relations.accessors["hosted_events"] == relations.lookups["event"] == "events"
    found = []
    for path in app_modules():
        found += python_violations(
            path.read_text(encoding="utf-8"),
            module=module_name(path),
            is_package=path.name == "__init__.py",
            relations=relations,
        )
    assert not found, "\n".join(map(str, found))


def test_no_template_couples_to_an_app_it_may_not_use():
    relations = reverse_relations()
    found = []
    checked = 0
    for app, patterns in TEMPLATES_CHECKED.items():
        for pattern in patterns:
            for path in sorted(TEMPLATES_DIR.glob(pattern)):
                checked += 1
                found += template_violations(
                    path.read_text(encoding="utf-8"),
                    where=str(path.relative_to(ROOT)),
                    app=app,
                    relations=relations,
                )
    assert checked >= 6
    assert not found, "\n".join(map(str, found))


# The checks catch what they are meant to catch


@pytest.mark.parametrize(
    ("module", "source", "what"),
    [
        ("apps.venues.services", "from apps.events.models import Event", "app events"),
        ("apps.venues.services", "import apps.portal.views", "app portal"),
        ("apps.core.i18n", "from apps import venues", "app venues"),
        ("apps.events.models", "from apps.service_packages import models", "app service_packages"),
        (
            "apps.venues.views",
            "def page():\n    from apps.events.models import Event\n",
            "app events",
        ),
        ("apps.venues.demo", "import_module('apps.events.demo')", "app events"),
        ("apps.venues.demo", "importlib.import_module('apps.events.demo')", "app events"),
        (
            "apps.venues.demo",
            "import_module('apps.venues.migrations.0002_seed_lookups')",
            "migration",
        ),
        ("apps.venues.demo", "from .migrations import seed", "migration"),
        ("apps.sister_cities.views", "from ..portal.views import home", "app portal"),
        ("apps.venues.services", "getattr(venue, 'hosted_events', None)", "hosted_events"),
        ("apps.sister_cities.services", "hasattr(city, 'exchange_activities')", "exchange"),
        ("apps.venues.services", "venue.hosted_events.all()", "hosted_events"),
        ("apps.venues.models", "Venue.objects.filter(hosted_events__isnull=False)", "hosted"),
        ("apps.venues.models", "qs.prefetch_related('hosted_events')", "hosted_events"),
        ("apps.venues.views", "reverse('portal:home')", "portal:home"),
        ("apps.venues.views", "redirect('events:list')", "events:list"),
        ("apps.venues.views", "apps.get_model('events', 'Event')", "app events"),
        ("apps.venues.views", "apps.get_model('events.Event')", "app events"),
        ("apps.venues.models", "ServiceLanguage.objects.filter(event__isnull=True)", "event"),
        ("apps.venues.models", "language.event_set.count()", "event_set"),
        ("apps.core.admin", "getattr(user, 'service_requests')", "service_requests"),
    ],
)
def test_an_upward_coupling_is_found(module, source, what):
    found = python_violations(source, module=module, relations=reverse_relations())
    assert found, source
    assert what in str(found[0])


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("apps.events.services", "from apps.venues.models import Venue"),
        ("apps.events.models", "venue.hosted_events.all()"),
        ("apps.portal.views", "reverse('portal:home'); import apps.events.models"),
        ("apps.venues.migrations.0003_x", "from apps.venues.lookups import CATEGORIES"),
        ("apps.venues.migrations.0003_x", "apps.get_model('venues', 'Facility')"),
        ("apps.venues.demo", "from . import lookups"),
        ("apps.venues.services", "from apps.core.extensions import extension_items"),
        ("apps.sister_cities.services", "getattr(city, 'name', None)"),
        ("apps.venues.models", "ServiceLanguage.objects.filter(code='event')"),
        ("apps.venues.views", "render(request, 'venues/detail.html', {'event': 1})"),
        ("apps.core.admin", "'Site administrators: %s'"),
    ],
)
def test_an_allowed_use_is_not_reported(module, source):
    assert python_violations(source, module=module, relations=reverse_relations()) == []


def test_a_migration_is_found_through_a_package_relative_import():
    found = python_violations(
        "from .migrations import x",
        module="apps.venues",
        is_package=True,
        relations=reverse_relations(),
    )
    assert "migration apps.venues.migrations" in str(found[0])


@pytest.mark.parametrize(
    ("app", "text", "what"),
    [
        ("venues", "<a href=\"{% url 'portal:home' %}\">", "app portal"),
        ("sister_cities", "{% url 'events:list' as events_url %}", "app events"),
        ("core", '<a href="{% url "portal:home" %}">', "app portal"),
        ("venues", "{% for event in venue.hosted_events.all %}", "hosted_events"),
    ],
)
def test_an_upward_coupling_in_a_template_is_found(app, text, what):
    found = template_violations(text, where="t.html", app=app, relations=reverse_relations())
    assert found and what in str(found[0])


def test_a_template_may_reverse_its_own_and_lower_urls():
    text = "{% url 'venues:list' %}{% url 'sister_cities:directory' %}{% home_url %}"
    assert template_violations(text, where="t", app="events", relations=reverse_relations()) == []
