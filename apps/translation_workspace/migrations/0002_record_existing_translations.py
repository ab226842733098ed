"""Record every existing translation as following its current source.

Before this app, nothing was known of when a translation was made; the texts in the
database are taken as current, so that a source edited after this migration makes its
translations outdated (without a state, its first save would record the new source).
Runs after the content apps' migrations so their columns exist. Self-contained (hash
and rules as in apps/translation_workspace/fields.py at the time of writing).
"""

import hashlib

from django.conf import settings
from django.db import migrations, models
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def _hash(language, text):
    normalised = (text or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(f"{language or ''}\n{normalised}".encode()).hexdigest()


def record(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TranslationState = apps.get_model("translation_workspace", "TranslationState")
    languages = [code for code, _name in settings.LANGUAGES]
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    sources = [default, *(c for c in fallbacks.get(default, fallbacks["default"]) if c != default)]
    for real in translator.get_registered_models(abstract=False):
        try:
            model = apps.get_model(real._meta.app_label, real._meta.model_name)
        except LookupError:
            continue
        names = set(translator.get_options_for_model(real).get_field_names())
        fields = [
            f.name
            for f in real._meta.concrete_fields
            if f.name in names and isinstance(f, (models.CharField, models.TextField))
        ]
        if not fields or not model.objects.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label=real._meta.app_label, model=real._meta.model_name
        )
        states = []
        for obj in model.objects.iterator(chunk_size=500):
            for name in fields:

                def value(language, obj=obj, name=name):
                    return getattr(obj, build_localized_fieldname(name, language), None) or ""

                source = next((code for code in sources if value(code).strip()), None)
                if source is None:
                    continue
                source_hash = _hash(source, value(source))
                for language in languages:
                    if language != source and value(language).strip():
                        states.append(
                            TranslationState(
                                content_type=content_type,
                                object_id=str(obj.pk),
                                field=name,
                                language=language,
                                source_hash=source_hash,
                                target_hash=_hash(language, value(language)),
                            )
                        )
        TranslationState.objects.bulk_create(states, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workspace", "0001_translation_state_and_import"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The content apps' translated columns exist (their latest migrations).
        ("sister_cities", "__latest__"),
        ("venues", "__latest__"),
        ("events", "__latest__"),
        ("service_packages", "__latest__"),
        ("portal", "__latest__"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
