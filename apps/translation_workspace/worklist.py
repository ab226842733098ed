"""Reads of the workspace: every text missing or outdated in a language, across all
translated content, and where in the admin each one is edited."""

import functools
from dataclasses import dataclass

from django.contrib import admin
from django.forms.models import _get_foreign_key
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator

from apps.core.i18n import language_codes, source_languages

from .fields import content_types, localized, source, text, text_fields, text_hash
from .fields import translatable_models as all_models
from .fields import unit_id as make_unit_id
from .models import TranslationState

MISSING = "missing"
OUTDATED = "outdated"


@dataclass(frozen=True)
class Gap:
    """One field of one object that needs translating into `language`."""

    obj: object
    field: str
    language: str
    status: str  # MISSING or OUTDATED
    source_language: str
    source_text: str
    current_text: str

    @property
    def model(self):
        return type(self.obj)

    @property
    def unit_id(self) -> str:
        return make_unit_id(self.obj, self.field)

    @property
    def field_label(self) -> str:
        return self.model._meta.get_field(self.field).verbose_name

    @property
    def change_form_url(self) -> str | None:
        return change_form_url(self.obj, self.field, self.language)


def translatable_models(user=None) -> list:
    """The translated models, only those `user` may change when a user is given."""
    return [
        model
        for model in all_models()
        if user is None or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]


def object_label(obj) -> str:
    """ "Event 12: <its title in the source language>", without str(obj), which may
    follow relations (a query per row)."""
    fields = text_fields(type(obj))
    _language, title = source(obj, fields[0]) if fields else (None, "")
    name = obj._meta.verbose_name
    title = Truncator(title).chars(60)
    return f"{str(name).capitalize()} {obj.pk}: {title}" if title else f"{name} {obj.pk}"


def outdated_states(languages, models) -> dict:
    """{(content type id, object id, field, language): source hash} of saved translations."""
    types = content_types()
    rows = TranslationState.objects.filter(
        language__in=languages, content_type__in=[types[model] for model in models]
    ).values_list("content_type_id", "object_id", "field", "language", "source_hash")
    return {row[:4]: row[4] for row in rows}


def translation_gaps(languages, *, models=None, ids=None) -> list[Gap]:
    """Missing and outdated texts in `languages`, model by model in primary-key order.

    A field empty in every source language is optional content, not a gap; the source
    language itself has none. `ids` narrows to {model: [pk, ...]}. One query per model
    and one for the saved states.
    """
    languages = [code for code in language_codes() if code in set(languages)]
    models = list(all_models() if models is None else models)
    types = content_types()
    states = outdated_states(languages, models)
    gaps = []
    for model in models:
        fields = text_fields(model)
        rows = model._default_manager.order_by("pk")
        if ids is not None:
            rows = rows.filter(pk__in=ids.get(model, []))
        columns = {localized(f, code) for f in fields for code in [*source_languages(), *languages]}
        if model in _inline_parents():
            # The parent's key, for the link to its change form.
            columns.add(_inline_parents()[model][1].attname)
        type_id = types[model].pk
        for obj in rows.only(*columns):
            for field in fields:
                source_language, source_text = source(obj, field)
                if source_language is None:
                    continue
                source_hash = text_hash(source_language, source_text)
                for language in languages:
                    if language == source_language:
                        continue
                    current = text(obj, field, language)
                    if not current.strip():
                        status = MISSING
                    else:
                        saved = states.get((type_id, str(obj.pk), field, language))
                        if saved is None or saved == source_hash:
                            continue
                        status = OUTDATED
                    gaps.append(
                        Gap(obj, field, language, status, source_language, source_text, current)
                    )
    return gaps


@functools.cache
def _inline_parents() -> dict:
    """{inline model: (parent model, foreign key, formset prefix)} from the admin."""
    parents = {}
    for parent, model_admin in admin.site._registry.items():
        for inline in model_admin.inlines:
            try:
                fk = _get_foreign_key(parent, inline.model, fk_name=inline.fk_name)
            except ValueError:
                continue
            prefix = fk.remote_field.get_accessor_name(model=False).replace("+", "")
            parents.setdefault(inline.model, (parent, fk, prefix))
    return parents


def change_form_url(obj, field: str, language: str) -> str | None:
    """The admin change form showing `field` in `language`: its own form, opened at the
    field (the tab of that language opens, static/js/admin-language-tabs.js), or the
    form of the object it is edited under, at its rows."""
    model = type(obj)
    try:
        if model in admin.site._registry:
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
            )
            return f"{url}#id_{localized(field, language)}"
        if model in _inline_parents():
            parent, fk, prefix = _inline_parents()[model]
            url = reverse(
                f"admin:{parent._meta.app_label}_{parent._meta.model_name}_change",
                args=[getattr(obj, fk.attname)],
            )
            return f"{url}#{prefix}-group"
    except NoReverseMatch:
        return None
    return None
