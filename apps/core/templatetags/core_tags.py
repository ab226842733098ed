"""Template tags shared by every page: languages, fallbacks, rich text."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from apps.core.extensions import HOME_URL, extension_value
from apps.core.i18n import displayed_language, is_rtl
from apps.core.richtext import render_markdown

register = template.Library()


def url_in_language(request, language: str) -> str:
    """The address of the current page in `language`, query string kept."""
    path = request.path
    translated = translate_url(path, language)
    if translated == path:
        # Unresolvable paths (a 404 page) still swap their language prefix.
        current = f"/{translation.get_language()}/"
        if path.startswith(current):
            translated = f"/{language}/{path[len(current) :]}"
    query = request.META.get("QUERY_STRING")
    return f"{translated}?{query}" if query else translated


def page_in_languages(request) -> dict[str, str]:
    """The current page's address in every language, worked out once per request."""
    urls = getattr(request, "_page_in_languages", None)
    if urls is None:
        urls = {code: url_in_language(request, code) for code, _name in settings.LANGUAGES}
        # The header's switcher and the head's hreflang links both need them.
        request._page_in_languages = urls
    return urls


def _languages():
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        yield code, info


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """`<link rel=alternate hreflang>` for every language, plus x-default."""
    urls = page_in_languages(context["request"])
    return {
        "alternates": [(code, settings.SITE_URL + url) for code, url in urls.items()],
        "x_default": settings.SITE_URL + "/",
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A form that works without JavaScript: one button per language, same page kept."""
    request = context["request"]
    urls = page_in_languages(request)
    current = translation.get_language()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "languages": [
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "current": code == current,
                "url": urls[code],
            }
            for code, info in _languages()
        ],
    }


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(obj, field):
    """Tell the visitor when `field` is shown in a fallback language."""
    shown = displayed_language(obj, field)
    info = get_language_info(shown.shown) if shown.is_fallback else None
    return {"shown": shown, "language_name": info["name_translated"] if info else ""}


@register.simple_tag
def shown_language(obj, field):
    """The language code the value of `field` is shown in (for a `lang` attribute)."""
    return displayed_language(obj, field).shown or translation.get_language()


@register.simple_tag
def home_url():
    """The home page in the active language, from whichever app registered it.

    Without one the site root, which sends the visitor on in their best language.
    """
    return extension_value(HOME_URL, default="/")


@register.simple_tag
def text_direction(language):
    return "rtl" if is_rtl(language) else "ltr"


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A `<script type="application/ld+json">` block, escaped like json_script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def richtext(value):
    """Render staff Markdown as sanitised HTML."""
    return render_markdown(value)
