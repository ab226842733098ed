"""Which text of a message to registrants a reader gets: their language, else the site's
fallback. Apart from the models and services so that both can use it."""

from django.conf import settings
from django.utils import translation

from apps.core.i18n import fallback_chain, language_codes


def message_written(texts: dict, language: str) -> bool:
    text = texts.get(language) or {}
    return bool(str(text.get("subject", "")).strip() and str(text.get("body", "")).strip())


def message_text(texts: dict, language: str | None = None) -> tuple[str | None, str, str]:
    """(language, subject, body) a reader of `language` gets: their own, else the
    site's fallback for content; (None, "", "") if none of those was written."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for candidate in fallback_chain(language):
        if message_written(texts, candidate):
            return candidate, texts[candidate]["subject"].strip(), texts[candidate]["body"]
    return None, "", ""


def message_unreached_languages(texts: dict) -> list[str]:
    """The site's languages whose readers would get no text at all."""
    return [code for code in language_codes() if message_text(texts, code)[0] is None]
