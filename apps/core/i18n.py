"""Translation helpers: which content is missing in which language, and what is shown."""

import functools
import threading
import unicodedata
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


def source_languages() -> list[str]:
    """The languages content is written in first, in order: Chinese, then English.

    Staff write Chinese (the required language); a text only written in English, where
    Chinese is optional, is translated from English.
    """
    return fallback_chain(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


def source_language(obj, field: str) -> str | None:
    """The language `field` of `obj` is translated from: the first source language it is
    written in, or None when it is empty in every source language."""
    for language in source_languages():
        if _has_value(obj, field, language):
            return language
    return None


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


def collation_order(names: dict, language: str) -> list:
    """The keys of `names` sorted by their names the way readers of `language` expect.

    PostgreSQL's ICU collation (pinyin for Chinese, the Arabic alphabet for Arabic), the
    one the site's lists sort by in SQL; Python alone sorts by code point. One query;
    callers keep the result.
    """
    keys = sorted(names)
    if connection.vendor != "postgresql":
        return sorted(keys, key=lambda key: (folded(names[key]), key))
    collation = connection.ops.quote_name(icu_collation(language))
    with connection.cursor() as cursor:
        cursor.execute(
            # The collation is a quoted identifier built from settings.LANGUAGES.
            "SELECT position FROM unnest(%s::text[]) WITH ORDINALITY AS t(name, position) "  # noqa: S608
            f"ORDER BY name COLLATE {collation}, position",
            [[str(names[key]) for key in keys]],
        )
        return [keys[position - 1] for (position,) in cursor.fetchall()]


def folded(text: str) -> str:
    """Lower case without accents: for comparing and for sorting without a collation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def once_per_language(build):
    """`build(language)`, kept per language for the life of the process.

    For lists whose names and order change only with a deploy (which starts new
    processes) and whose building costs a query: countries, time zones.
    """
    built = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def kept(language: str):
        result = built.get(language)
        if result is None:
            with lock:
                result = built.get(language)
                if result is None:
                    result = built[language] = build(language)
        return result

    return kept
