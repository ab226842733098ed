"""Reads of the workspace: every text missing or outdated in a language, across all
translated content, and where in the admin each one is edited."""

import functools
import sys
from collections import Counter
from dataclasses import dataclass

from django.contrib import admin
from django.db import connection
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
def whitespace() -> str:
    """What Python's str.strip() removes (`_has_value` and `text_hash` strip with it).

    Found on first use, not at import: it is a pass over every code point (about 80 ms),
    and the admin imports this module in every web and worker process.
    """
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())


def _not_blank() -> str:
    """A text is not blank when it has another character: found at its first letter,
    where trimming it first would read all of it."""
    return f"[^{whitespace()}]"


def _hash_sql(vendor: str, expression: str) -> str:
    """Hex sha256 of a text, as `text_hash` makes it (Django gives SQLite a SHA256())."""
    if vendor == "postgresql":
        return f"ENCODE(SHA256(CONVERT_TO({expression}, 'UTF8')), 'hex')"
    return f"SHA256({expression})"


def _model_counts_sql(model, languages, type_id: int, vendor: str) -> tuple[str, list, list]:
    """One query counting the gaps of `model` in `languages`: (sql, params, [(language,
    status) of each column of its one row]).

    It says in SQL what `translation_gaps` says of each row in Python: a text is blank
    when empty after str.strip(); the source is the first source language not blank; a
    translation is outdated when its saved state holds another hash of the source.
    """
    quote = connection.ops.quote_name
    strip = "BTRIM" if vendor == "postgresql" else "TRIM"
    # Django gives SQLite a REGEXP function.
    match = "~" if vendor == "postgresql" else "REGEXP"

    def has_text(column: str) -> str:
        return f"COALESCE({column}, '') {match} %s"

    sources = source_languages()
    fields = text_fields(model)
    columns = {
        (field, code): localized(field, code)
        for field in fields
        for code in dict.fromkeys([*sources, *languages])
    }
    # The rows of the default manager, as `translation_gaps` reads them.
    rows, params = (
        model._default_manager.order_by()
        .values_list("pk", *columns.values())
        .query.sql_with_params()
    )
    # Level 1: each row's blank texts and source hashes, worked out once.
    derived, derived_params = ["r.pk AS pk"], []
    names = {}
    for number, key in enumerate(columns):
        names[key] = f"b{number}"
        derived.append(f"NOT ({has_text(f'r.{quote(columns[key])}')}) AS b{number}")
        derived_params.append(_not_blank())
    for number, field in enumerate(fields):
        whens = []
        for code in sources:
            column = f"COALESCE(r.{quote(columns[field, code])}, '')"
            normalised = f"{strip}(REPLACE({column}, %s, %s), %s)"
            whens.append(f"WHEN {has_text(column)} THEN {_hash_sql(vendor, '%s || ' + normalised)}")
            derived_params += [_not_blank(), f"{code}\n", "\r\n", "\n", whitespace()]
        derived.append(f"CASE {' '.join(whens)} END AS h{number}")
    # Level 2: the missing texts over the rows, the outdated ones over the rows joined
    # to their saved states (one pass over each, however many languages).
    missing, outdated, outdated_params, keys = [], [], [], []
    for field in fields:
        has_source = " OR ".join(f"NOT t.{names[field, code]}" for code in sources)
        for language in languages:
            blank = f"t.{names[field, language]}"
            missing.append(f"SUM(CASE WHEN ({has_source}) AND {blank} THEN 1 ELSE 0 END)")
            keys.append((language, MISSING))
    for number, field in enumerate(fields):
        for language in languages:
            # A source language is outdated only against an earlier one it is made from.
            earlier = sources[: sources.index(language)] if language in sources else sources
            if not earlier:
                continue
            made_from = " OR ".join(f"NOT t.{names[field, code]}" for code in earlier)
            outdated.append(
                "SUM(CASE WHEN s.field = %s AND s.language = %s"
                f" AND ({made_from}) AND NOT t.{names[field, language]}"
                f" AND s.source_hash <> t.h{number} THEN 1 ELSE 0 END)"
            )
            outdated_params += [field, language]
            keys.append((language, OUTDATED))
    states = quote(TranslationState._meta.db_table)
    # Only our own names and aliases are in the SQL; the texts go as parameters.
    sql = (
        f"WITH t AS (SELECT {', '.join(derived)} FROM ({rows}) r)"  # noqa: S608
        f" SELECT * FROM (SELECT {', '.join(missing)} FROM t) m"
    )
    if not outdated:  # Chinese alone: it is made from no other language
        return sql, [*derived_params, *params], keys
    sql += (
        f" CROSS JOIN (SELECT {', '.join(outdated)} FROM {states} s"  # noqa: S608
        " JOIN t ON s.object_id = CAST(t.pk AS TEXT) WHERE s.content_type_id = %s) o"
    )
    return sql, [*derived_params, *params, *outdated_params, type_id], keys


def gap_counts(languages, *, models=None) -> Counter:
    """{(model, language, MISSING or OUTDATED): how many}: what `translation_gaps` finds,
    counted in the database: one query per model, whatever its number of rows."""
    languages = [code for code in language_codes() if code in set(languages)]
    models = list(all_models() if models is None else models)
    types = content_types()
    vendor = connection.vendor
    counts = Counter()
    with connection.cursor() as cursor:
        for model in models:
            if not text_fields(model) or not languages:
                continue
            sql, params, keys = _model_counts_sql(model, languages, types[model].pk, vendor)
            cursor.execute(sql, params)
            for (language, status), count in zip(keys, cursor.fetchone(), strict=True):
                counts[model, language, status] += count or 0
    return counts


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
