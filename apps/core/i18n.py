"""Translation helpers: which content is missing in which language, and what is shown."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import translation
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def icu_collation(language: str) -> str:
    """The ICU collation PostgreSQL ships for `language` (pinyin order for Chinese).

    PostgreSQL creates `<language>-x-icu` for every language ICU knows, so text sorts the
    way readers of each language expect, a language added to the site included.
    """
    return f"{language.split('-')[0]}-x-icu"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def field_suffixes() -> list[str]:
    """Suffixes of the translated columns, one per language: "zh_hans", "en", ..."""
    return [build_localized_fieldname("", code)[1:] for code in language_codes()]


def fallback_chain(language: str) -> list[str]:
    """The languages tried, in order, when content is read in `language`."""
    configured = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    fallbacks = configured.get(language, configured.get("default", ()))
    return [language, *(code for code in fallbacks if code != language)]


def translated_fields(model) -> list[str]:
    """Names of the fields registered with modeltranslation for `model`."""
    return list(get_translatable_fields_for_model(model) or [])


def _has_value(obj, field: str, language: str) -> bool:
    value = getattr(obj, build_localized_fieldname(field, language), None)
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    # File and image fields are falsy when empty.
    return bool(value)


def missing_translations(obj, *, fields=None, languages=None) -> dict[str, list[str]]:
    """Map each translated field of `obj` to the languages in which it is empty.

    Fields that are empty in every language are optional content, not missing
    translations, and are left out.
    """
    languages = list(languages or language_codes())
    missing = {}
    for field in fields or translated_fields(type(obj)):
        filled = [lang for lang in language_codes() if _has_value(obj, field, lang)]
        if not filled:
            continue
        gaps = [lang for lang in languages if lang not in filled]
        if gaps:
            missing[field] = gaps
    return missing


def translation_completeness(obj) -> tuple[int, int]:
    """(language versions filled, language versions expected) over translated fields."""
    fields = [
        f
        for f in translated_fields(type(obj))
        if any(_has_value(obj, f, lang) for lang in language_codes())
    ]
    expected = len(fields) * len(language_codes())
    missing = sum(len(gaps) for gaps in missing_translations(obj, fields=fields).values())
    return expected - missing, expected


@dataclass(frozen=True)
class DisplayedLanguage:
    """The language a visitor actually reads for one field of one object."""

    requested: str
    shown: str | None

    @property
    def is_fallback(self) -> bool:
        return self.shown is not None and self.shown != self.requested


def displayed_language(obj, field: str, language: str | None = None) -> DisplayedLanguage:
    """Which language the value of `field` comes from, following the fallback chain."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for candidate in fallback_chain(language):
        if _has_value(obj, field, candidate):
            return DisplayedLanguage(requested=language, shown=candidate)
    return DisplayedLanguage(requested=language, shown=None)


def translated_value(field: str, language: str | None = None):
    """SQL for a translated field as a visitor reads it: own language, then fallbacks.

    modeltranslation's fallbacks work on attribute access only; this is the same rule
    for ordering and filtering in the database.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    columns = [build_localized_fieldname(field, code) for code in fallback_chain(language)]
    return Coalesce(*(NullIf(column, Value("")) for column in columns), output_field=TextField())


def translated_sort_key(field: str, language: str | None = None):
    """`translated_value` with the language's collation where the database has it."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    key = translated_value(field, language)
    if connection.vendor == "postgresql":
        key = Collate(key, icu_collation(language))
    return key


def is_rtl(language: str | None = None) -> bool:
    language = (language or translation.get_language() or "").split("-")[0]
    return language in RTL_LANGUAGES
