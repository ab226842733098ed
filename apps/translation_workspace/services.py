"""Writes of the translation workspace: the state of each translation kept on every save,
a language's texts saved side by side with their source, and XLIFF imports."""

import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language_info, gettext, ngettext

from apps.core.i18n import language_codes, source_languages

from .checks import markdown_problem, placeholder_problem
from .fields import (
    is_markdown,
    localized,
    model_by_label,
    source,
    text,
    text_fields,
    text_hash,
    translatable_models,
)
from .forms import translation_form_class
from .models import TranslationImport, TranslationState
from .xliff import XliffError, xliff_parse

# --- The state of each translation ---------------------------------------------------


def translation_state_record(obj, *, update_fields=None) -> None:
    """Note, for each translated text of `obj`, which source it now follows.

    A text changed since its state was written (or never recorded) follows the current
    source; one left as it was keeps the source it was written against, so a changed
    source makes it outdated. An empty text, or the source itself, has no state. A save
    of other columns only (`update_fields`) costs nothing here; columns a partly loaded
    row did not load are read in one query.
    """
    model = type(obj)
    languages = language_codes()
    names = text_fields(model)
    if update_fields is not None:
        saved = set(update_fields)
        names = [
            name
            for name in names
            if name in saved or any(localized(name, code) in saved for code in languages)
        ]
    if not names:
        return
    deferred = obj.get_deferred_fields()
    unloaded = [
        localized(name, code)
        for name in names
        for code in languages
        if localized(name, code) in deferred
    ]
    loaded = (
        model._base_manager.filter(pk=obj.pk).values(*unloaded).first() or {} if unloaded else {}
    )

    def value(name, language):
        column = localized(name, language)
        return (loaded[column] if column in loaded else getattr(obj, column, None)) or ""

    content_type = ContentType.objects.get_for_model(model)
    object_id = str(obj.pk)
    existing = {
        (state.field, state.language): state
        for state in TranslationState.objects.filter(
            content_type=content_type, object_id=object_id, field__in=names
        )
    }
    now = timezone.now()
    created, updated, kept = [], [], set()
    for name in names:
        source_language = next(
            (code for code in source_languages() if value(name, code).strip()), None
        )
        source_hash = text_hash(source_language, value(name, source_language or ""))
        for language in languages:
            text_now = value(name, language)
            if source_language in (None, language) or not text_now.strip():
                continue
            key = (name, language)
            kept.add(key)
            target_hash = text_hash(language, text_now)
            state = existing.get(key)
            if state is None:
                created.append(
                    TranslationState(
                        content_type=content_type,
                        object_id=object_id,
                        field=name,
                        language=language,
                        source_hash=source_hash,
                        target_hash=target_hash,
                    )
                )
            elif state.target_hash != target_hash:
                state.source_hash, state.target_hash, state.saved_at = (
                    source_hash,
                    target_hash,
                    now,
                )
                updated.append(state)
    gone = [state.pk for key, state in existing.items() if key not in kept]
    if gone:
        TranslationState.objects.filter(pk__in=gone).delete()
    if created:
        TranslationState.objects.bulk_create(created, ignore_conflicts=True)
    if updated:
        TranslationState.objects.bulk_update(updated, ["source_hash", "target_hash", "saved_at"])


def translation_states_mark_current(objects) -> None:
    """Every translation of `objects` follows their current source: for content loaded
    in bulk (demo content, an import from another system) whose translations match."""
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        TranslationState.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()
        translation_state_record(obj)


def _on_save(sender, instance, update_fields=None, **kwargs):
    translation_state_record(instance, update_fields=update_fields)


def _on_delete(sender, instance, **kwargs):
    TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=str(instance.pk)
    ).delete()


def translation_state_connect() -> None:
    # Loaded rows (raw saves: fixtures) are recorded too: their translations are taken
    # to follow the source they came with.
    for model in translatable_models():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"translation_state_{model}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"translation_gone_{model}")


# --- Audit lines ----------------------------------------------------------------------


def _language_name(code: str) -> str:
    return str(get_language_info(code)["name_translated"])


def translation_form_save(*, form, language: str, user):
    """Save a side-by-side form (validated by the model's own form) with an audit line in
    the object's history, as its change form would write."""
    obj = form.save()
    if form.changed_data:
        labels = [str(form.fields[name].label) for name in form.changed_data]
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[obj],
            action_flag=CHANGE,
            # In the staff member's language, as the admin writes its own entries.
            change_message=gettext("Translated into %(language)s: %(fields)s.")
            % {"language": _language_name(language), "fields": ", ".join(labels)},
            single_object=True,
        )
    return obj


# --- XLIFF import ---------------------------------------------------------------------


@dataclass
class Change:
    unit_id: str
    obj: object
    field: str
    old: str
    new: str
    source_changed: bool
    exported_source_hash: str


@dataclass
class ImportPlan:
    """What an XLIFF file would change, and what in it is refused, before anything is
    saved. `error` refuses the whole file."""

    language: str
    file_name: str = ""
    error: str = ""
    changes: list[Change] = field(default_factory=list)
    refusals: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0

    @property
    def digest(self) -> str:
        """Names exactly these changes: the confirmation applies what was previewed."""
        payload = json.dumps(sorted((c.unit_id, c.new) for c in self.changes), ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


def _file_error(code: str, *, expected: str = "") -> str:
    messages = {
        "too large": gettext("The file is too large for an XLIFF file of this portal."),
        "declarations": gettext(
            "The file declares a document type or entities; XLIFF files do not need them."
        ),
        "not xml": gettext("The file is not readable XML."),
        "not xliff 1.2": gettext("The file is not an XLIFF 1.2 file."),
        "languages": gettext("The file must have one target language."),
        "language": gettext("The file's target language is not %(language)s.")
        % {"language": _language_name(expected) if expected else ""},
    }
    return messages[code]


def _parse_unit_id(unit_id: str, user):
    """(model, pk, field) named by an id, or None if it names no text the user may change."""
    parts = unit_id.split(".")
    if len(parts) != 4 or not parts[2].isdigit():
        return None
    model = model_by_label(f"{parts[0]}.{parts[1]}")
    if model is None or parts[3] not in text_fields(model):
        return None
    if not user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        return None
    return model, int(parts[2]), parts[3]


def xliff_import_plan(*, data: bytes, language: str, user, file_name: str = "") -> ImportPlan:
    """Read and check a translator's file: every change it would make, field by field,
    and every text refused (unknown id, placeholders, Markdown structure, the field's
    length and other rules of the model). Nothing is saved."""
    plan = ImportPlan(language=language, file_name=file_name)
    try:
        file_language, units = xliff_parse(data)
    except XliffError as error:
        plan.error = _file_error(str(error))
        return plan
    if file_language != language:
        plan.error = _file_error("language", expected=language)
        return plan

    named, seen = [], set()
    for unit in units:
        target = _parse_unit_id(unit.id, user)
        if target is None:
            plan.refusals.append((unit.id, gettext("Unknown id: no text of the portal has it.")))
        elif unit.id in seen:
            plan.refusals.append((unit.id, gettext("This id appears more than once.")))
        else:
            seen.add(unit.id)
            named.append((unit, *target))

    # One query per model for the objects named.
    wanted = {}
    for _unit, model, pk, _field in named:
        wanted.setdefault(model, set()).add(pk)
    objects = {
        (model, obj.pk): obj
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=pks)
    }

    by_object = {}
    for unit, model, pk, name in named:
        obj = objects.get((model, pk))
        if obj is None:
            plan.refusals.append((unit.id, gettext("Unknown id: no text of the portal has it.")))
            continue
        new = unit.target.strip()
        if not new:
            plan.empty += 1
            continue
        source_language, source_text = source(obj, name)
        if source_language is None or source_language == language:
            plan.refusals.append(
                (unit.id, gettext("This text is the source in this language, not a translation."))
            )
            continue
        exported_hash = text_hash(unit.source_language, unit.source)
        source_changed = exported_hash != text_hash(source_language, source_text)
        old = text(obj, name, language)
        if new == old.strip():
            plan.unchanged += 1
            continue
        problem = placeholder_problem(source_text, new) or (
            markdown_problem(source_text, new) if is_markdown(model, name) else None
        )
        if problem:
            plan.refusals.append((unit.id, problem))
            continue
        if source_changed:
            plan.warnings.append(
                (
                    unit.id,
                    gettext(
                        "The source text changed after the export; the translation is "
                        "imported and stays marked outdated."
                    ),
                )
            )
        change = Change(unit.id, obj, name, old, new, source_changed, exported_hash)
        by_object.setdefault((model, pk), []).append(change)

    # The model's own validation (length, rules of its clean()), object by object.
    for (model, _pk), changes in by_object.items():
        form = _import_form(model, changes, language)
        if form.is_valid():
            plan.changes.extend(changes)
            continue
        errors = form.errors
        for change in changes:
            messages = errors.get(localized(change.field, language)) or errors.get("__all__")
            if messages:
                plan.refusals.append((change.unit_id, " ".join(messages)))
            else:
                plan.changes.append(change)
    return plan


def _import_form(model, changes, language):
    form_class = translation_form_class(model, [change.field for change in changes], language)
    data = {localized(change.field, language): change.new for change in changes}
    return form_class(data=data, instance=changes[0].obj)


@transaction.atomic
def xliff_import_apply(*, plan: ImportPlan, user) -> TranslationImport:
    """Save the previewed changes through each model's form, and write one audit line."""
    by_object = {}
    for change in plan.changes:
        by_object.setdefault((type(change.obj), change.obj.pk), []).append(change)
    for (model, _pk), changes in by_object.items():
        form = _import_form(model, changes, plan.language)
        if not form.is_valid():  # Changed by someone else since the preview.
            raise ValueError(form.errors.as_text())
        form.save()
    # A translation of an older source stays outdated: it follows the source exported.
    for change in plan.changes:
        if change.source_changed:
            TranslationState.objects.filter(
                content_type=ContentType.objects.get_for_model(type(change.obj)),
                object_id=str(change.obj.pk),
                field=change.field,
                language=plan.language,
            ).update(source_hash=change.exported_source_hash)
    record = TranslationImport.objects.create(
        language=plan.language,
        file_name=plan.file_name[:255],
        changed=len(plan.changes),
        user=user,
    )
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[record],
        action_flag=ADDITION,
        change_message=ngettext(
            "Imported %(count)s translated text into %(language)s from %(file)s.",
            "Imported %(count)s translated texts into %(language)s from %(file)s.",
            len(plan.changes),
        )
        % {
            "count": len(plan.changes),
            "language": _language_name(plan.language),
            "file": plan.file_name or "—",
        },
        single_object=True,
    )
    return record
