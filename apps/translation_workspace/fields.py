"""Which texts the workspace handles: every text field registered with modeltranslation,
in the order of the model, and how its source and translations are compared."""

import functools
import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from apps.core.i18n import language_codes, source_language, translated_fields
from apps.core.richtext import RichTextField


def text_hash(language: str | None, text: str | None) -> str:
    """A fingerprint of a text (and its language) that ignores line-ending and outer
    whitespace differences: those are no change a translator must follow."""
    normalised = (text or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(f"{language or ''}\n{normalised}".encode()).hexdigest()


def localized(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


@functools.cache
def translatable_models() -> tuple[type[models.Model], ...]:
    """Models with translated text fields, in the order of INSTALLED_APPS."""
    registered = set(translator.get_registered_models(abstract=False))
    return tuple(
        model
        for config in apps.get_app_configs()
        for model in config.get_models()
        if model in registered and text_fields(model)
    )


@functools.cache
def text_fields(model) -> tuple[str, ...]:
    """The translated text fields of `model`, in the model's order (files left out)."""
    names = set(translated_fields(model))
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.name in names and isinstance(field, (models.CharField, models.TextField))
    )


def is_markdown(model, field: str) -> bool:
    return isinstance(model._meta.get_field(field), RichTextField)


def max_length(model, field: str) -> int | None:
    return model._meta.get_field(localized(field, language_codes()[0])).max_length


def model_by_label(label: str):
    """A translatable model from "app_label.model_name", or None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if model in translatable_models() else None


def unit_id(obj, field: str) -> str:
    """app_label.model_name.pk.field: what an XLIFF unit and a workspace row are called."""
    return f"{obj._meta.label_lower}.{obj.pk}.{field}"


def text(obj, field: str, language: str) -> str:
    return getattr(obj, localized(field, language), None) or ""


def source(obj, field: str) -> tuple[str | None, str]:
    """(language, text) the field of `obj` is translated from."""
    language = source_language(obj, field)
    return language, text(obj, field, language) if language else ""


def content_types() -> dict[type[models.Model], ContentType]:
    return ContentType.objects.get_for_models(*translatable_models())
