"""Loading demo content: create what is missing, never change what exists.

The rule every app's `demo.load()` follows: a top-level object, found by its natural key
(usually the slug), is created with all its children and relations only when it does not
exist; an existing one, and everything under it, is left exactly as it is. So staff edits
survive every `make run`, and a row staff deleted comes back whole.

The content itself is data: each app's `demo.json`, texts keyed by language code
(`{"zh-hans": "…", "en": "…"}`). Its `shared` section holds what several rows use:
`{"$ref": name}` stands for a shared value, `{"$format": name, "with": {...}}` for a
shared text template filled in each language. An app's `demo.py` keeps only what cannot
be data: dates relative to today, relations, services to call.

An image field's value in the data names an illustration in `demo_art/` (its file stem);
the row gets its own copy of that picture when it is created, like every other field, so
a second load neither adds files to the media storage nor touches a picture staff changed.
"""

import json
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection, models
from modeltranslation.utils import build_localized_fieldname

from .i18n import language_codes, translated_fields

Row = TypeVar("Row", bound=models.Model)

# Any fixed number works; this one is only ever taken by `load_demo_content`.
LOCK_KEY = zlib.crc32(b"xicheng.load_demo_content")

# The demo's illustrations, made for the project (licence in demo_art/LICENSE.md): SVG
# sources in src/ and the WebP copies scripts/build_demo_art.py rasterises from them.
DEMO_ART = Path(__file__).resolve().parent / "demo_art"
DEMO_ART_SUFFIX = ".webp"


class DemoLoad:
    """One app's pass over its demo content: the rows it created and the rows it kept."""

    def __init__(self):
        self._counts: dict[str, list[int]] = {}

    def ensure(self, kind: str, model: type[Row], create: Callable[[], Row], **natural_key) -> Row:
        """The row `natural_key` finds, untouched; `create()` makes it only when none does."""
        counts = self._counts.setdefault(kind, [0, 0])
        row = model.objects.filter(**natural_key).first()
        if row is not None:
            counts[1] += 1
            return row
        counts[0] += 1
        return create()

    def __str__(self) -> str:
        return "; ".join(
            f"created {created}, kept {kept} existing {kind}"
            for kind, (created, kept) in self._counts.items()
        )


def lock_until_commit() -> None:
    """Make a concurrent loader wait for this transaction instead of racing its inserts."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        elif connection.vendor == "sqlite":
            # A write that changes nothing takes the file's write lock now; a second
            # loader then waits (busy timeout) instead of failing at its first insert
            # with "database is locked".
            cursor.execute("UPDATE django_migrations SET id = id WHERE 0")


def demo_data(app_label: str) -> dict[str, Any]:
    """The app's `demo.json`, its references to the `shared` section filled in."""
    path = Path(apps.get_app_config(app_label).path) / "demo.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    shared = data.pop("shared", {})
    return _resolved(data, shared)


def _resolved(value: Any, shared: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_resolved(item, shared) for item in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        return _resolved(shared[value["$ref"]], shared)
    if "$format" in value:
        arguments = _resolved(value.get("with", {}), shared)
        return translated_format(_resolved(shared[value["$format"]], shared), **arguments)
    return {key: _resolved(item, shared) for key, item in value.items()}


def translated_format(template: dict[str, str], **arguments) -> dict[str, str]:
    """`template` filled in every language in which it and each translated argument exist.

    An argument is a plain string (the same in every language) or texts by language code.
    """
    texts = {}
    for code, text in template.items():
        values = {
            name: value if isinstance(value, str) else value.get(code)
            for name, value in arguments.items()
        }
        if None not in values.values():
            texts[code] = text.format(**values)
    return texts


def set_translations(obj: models.Model, field: str, texts: dict[str, str]) -> None:
    """Fill `field` in every language of the site; one without a text is left empty."""
    for code in language_codes():
        setattr(obj, build_localized_fieldname(field, code), texts.get(code, ""))


def demo_instance(
    model: type[Row], data: dict[str, Any], *, handled: Iterable[str] = (), **values
) -> Row:
    """An unsaved `model` row: `values`, then the fields and texts that `data` names.

    Every translated field is filled in every language of the site, empty where the data
    has no text. Keys the caller `handled` itself (relations, schedules) are skipped; any
    other key that is not a field of `model` is an error, so a typo cannot vanish.
    """
    obj = model(**values)
    translated = translated_fields(model)
    plain = {field.name for field in model._meta.concrete_fields if not field.is_relation}
    unknown = set(data) - set(translated) - plain - set(handled)
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {sorted(unknown)} for demo data")
    for key in plain & set(data):
        value = data[key]
        if isinstance(model._meta.get_field(key), models.FileField):
            value = demo_picture(value)
        setattr(obj, key, value)
    for field in translated:
        # A text the data lacks is empty, never NULL: the columns a form would leave.
        set_translations(obj, field, data.get(field, {}))
    return obj


def demo_picture(name: str) -> ContentFile:
    """The illustration `name` (its stem in `demo_art/`), to assign to an image field.

    The image field validates it and stores a copy under its own `upload_to` on save.
    """
    path = DEMO_ART / f"{name}{DEMO_ART_SUFFIX}"
    return ContentFile(path.read_bytes(), name=path.name)


def demo_create(
    model: type[Row], data: dict[str, Any], *, handled: Iterable[str] = (), **values
) -> Row:
    """`demo_instance`, validated and saved."""
    obj = demo_instance(model, data, handled=handled, **values)
    obj.full_clean()
    obj.save()
    return obj
