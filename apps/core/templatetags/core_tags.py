"""Template tags shared by every page: languages, fallbacks, rich text."""

import functools
import json

from django import forms, template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.template.loader import get_template
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from apps.core.extensions import HOME_URL, extension_value
from apps.core.i18n import displayed_language, is_rtl
from apps.core.memo import LocalMemo
from apps.core.richtext import render_markdown

register = template.Library()


@functools.lru_cache(maxsize=2048)
def _path_in_languages(path: str, current: str) -> dict[str, str]:
    """`path` (in language `current`) in every language; resolving is the costly part."""
    urls = {}
    for language, _name in settings.LANGUAGES:
        translated = translate_url(path, language)
        if translated == path and language != current:
            # Unresolvable paths (a 404 page) still swap their language prefix.
            prefix = f"/{current}/"
            if path.startswith(prefix):
                translated = f"/{language}/{path[len(prefix) :]}"
        urls[language] = translated
    return urls


# The parts every page shares, written once per language and address: the header (brand,
# language switcher, menu), the hreflang links and the footer depend on nothing else, and
# every visitor of an address gets the same ones.
_kept_chrome = LocalMemo(max_entries=2048)
# A listing's filter panel by the key of its form's choices and the query string: one per
# filtered address, so a memo of its own, where a walk over every filter value pushes out
# only other panels.
_kept_filter_panels = LocalMemo(max_entries=512)
# Longer query strings are written each time (as the page cache does not keep them).
KEPT_PANEL_MAX_QUERY = 200


def _address(request) -> tuple[str, str]:
    return request.path, request.META.get("QUERY_STRING", "")


def kept_chrome_clear() -> None:
    """Forget the kept header, links, footer and filter panels (tests, setting changes)."""
    _kept_chrome.clear()
    _kept_filter_panels.clear()


def _forget_paths(*, setting, **kwargs):
    # CACHES too: a test that turns the process-local cache off means nothing kept.
    if setting in (
        "CACHES",
        "ROOT_URLCONF",
        "LANGUAGES",
        "LANGUAGE_CODE",
        "SITE_URL",
        "STATIC_URL",
        "STORAGES",
    ):
        _path_in_languages.cache_clear()
        kept_chrome_clear()


setting_changed.connect(_forget_paths, dispatch_uid="core-tags-forget-paths")


def page_in_languages(request) -> dict[str, str]:
    """The current page's address in every language, query string kept.

    Worked out once per path and language in each process: the switcher and the
    hreflang links of every page need all of them.
    """
    urls = getattr(request, "_page_in_languages", None)
    if urls is None:
        paths = _path_in_languages(request.path, translation.get_language())
        query = request.META.get("QUERY_STRING")
        urls = {code: f"{url}?{query}" if query else url for code, url in paths.items()}
        request._page_in_languages = urls
    return urls


def _languages():
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        yield code, info


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """`includes/header.html` for this page, written once per language and address."""
    request = context["request"]
    key = ("header", translation.get_language(), *_address(request))
    html = _kept_chrome.get(key)
    if html is None:
        html = get_template("includes/header.html").render({"request": request})
        _kept_chrome.put(key, html)
    return html


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """`<link rel=alternate hreflang>` for every language, plus x-default; written once per
    language and address."""
    request = context["request"]
    key = ("hreflang", translation.get_language(), *_address(request))
    html = _kept_chrome.get(key)
    if html is None:
        urls = page_in_languages(request)
        html = get_template("includes/hreflang.html").render(
            {
                "alternates": [(code, settings.SITE_URL + url) for code, url in urls.items()],
                "x_default": settings.SITE_URL + "/",
            }
        )
        _kept_chrome.put(key, html)
    return html


@register.simple_tag
def site_footer() -> str:
    """`includes/footer.html`, written once per language: the same on every page."""
    key = ("footer", translation.get_language())
    html = _kept_chrome.get(key)
    if html is None:
        html = get_template("includes/footer.html").render({})
        _kept_chrome.put(key, html)
    return html


class KeptPerLanguageNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = ("block", self.name, translation.get_language())
        html = _kept_chrome.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _kept_chrome.put(key, html)
        return html


@register.tag
def kept_per_language(parser, token):
    """`{% kept_per_language "name" %}…{% endkept_per_language %}`: markup that depends on
    the language alone (static files' addresses, `{% url %}` without arguments, translated
    words), written once per language in each process. `name` is unique per site."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endkept_per_language",))
    parser.delete_first_token()
    return KeptPerLanguageNode(bits[1][1:-1], nodelist)


@register.simple_tag(takes_context=True)
def filter_panel(context, form, *, action, title, submit_label) -> str:
    """`includes/filter_panel.html`: a listing's filters and the chips of those in force.

    What it shows follows from the query string and the form's choices alone, so a form
    whose choices are kept (`FilterForm.choices_key`) has its panel written once per key,
    language and address in each process.
    """
    request = context["request"]
    query = request.META.get("QUERY_STRING", "")
    key = None
    if form.choices_key is not None and len(query) <= KEPT_PANEL_MAX_QUERY:
        key = (form.choices_key, translation.get_language(), request.path, query)
        key += (str(action), str(title), str(submit_label))
        html = _kept_filter_panels.get(key)
        if html is not None:
            return html
    html = get_template("includes/filter_panel.html").render(
        {
            "request": request,
            "form": form,
            "action": action,
            "title": title,
            "submit_label": submit_label,
        }
    )
    if key is not None:
        _kept_filter_panels.put(key, html)
    return html


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language to the same page in it; works without JavaScript."""
    request = context["request"]
    urls = page_in_languages(request)
    current = translation.get_language()
    return {
        "request": request,
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


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail, current="", current_lang=""):
    """The one breadcrumbs trail: Home, then (url or URL name, label) pairs, then this page.

    `{% breadcrumbs "events:list" _("Events") current=event.title %}`
    """
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes (url, label) pairs")
    pairs = []
    for url, label in zip(trail[::2], trail[1::2], strict=True):
        pairs.append((url if url.startswith("/") else reverse(url), label))
    return {"home": home_url(), "trail": pairs, "current": current, "current_lang": current_lang}


def _choice_labels(choices) -> dict:
    """{value: label} of flat or grouped choices."""
    labels = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            labels.update(_choice_labels(label))
        else:
            labels[str(value)] = label
    return labels


@register.simple_tag(takes_context=True)
def active_filters(context, form):
    """The listing filters in force, as chips: (field label, value label, URL without it).

    Read from the form's valid values only, so an ignored bad value shows no chip; the
    page number goes too, since the list it counted changes.
    """
    query = context["request"].GET
    chips = []
    for name, value in form.filters().items():
        field = form.fields[name]
        values = value if isinstance(value, list | tuple) else [value]
        labels = _choice_labels(getattr(field, "choices", ()))
        for one in values:
            rest = query.copy()
            rest.pop("page", None)
            if isinstance(value, list | tuple):
                rest.setlist(name, [v for v in query.getlist(name) if v != str(one)])
            else:
                rest.pop(name, None)
            # Empty fields of the submitted form are noise in the address.
            for key in list(rest):
                kept = [v for v in rest.getlist(key) if v]
                if kept:
                    rest.setlist(key, kept)
                else:
                    del rest[key]
            if isinstance(field, forms.BooleanField):
                shown = ""
            else:
                shown = labels.get(str(one), query.get(name, str(one)))
            chips.append(
                {
                    "label": field.label,
                    "value": shown,
                    "url": "?" + rest.urlencode() if rest else context["request"].path,
                }
            )
    return chips


@register.filter
def hint_id(bound_field) -> str:
    """The id of a field's hint: the one its widget's aria-describedby names, else the id
    Django itself points aria-describedby at (`<id>_helptext`)."""
    described = bound_field.field.widget.attrs.get("aria-describedby", "").split()
    named = [token for token in described if token.endswith(("-hint", "_helptext"))]
    return named[0] if named else f"{bound_field.auto_id}_helptext"


@register.filter
def attribute(obj, name):
    """`obj|attribute:"title"`: a field chosen by the template (the shared page header)."""
    return getattr(obj, name, "")


@register.filter
def error_links(form, form_id=""):
    """(anchor, message) for every error of `form`, in field order, for the error summary.

    A form may say better itself (`form.error_links`, e.g. errors inside a formset); errors
    of hidden fields and of the form as a whole point at the form (`form_id`) or at its
    first visible field.
    """
    own = getattr(form, "error_links", None)
    if own is not None:
        return own() if callable(own) else own
    visible = [field for field in form if not field.is_hidden]
    fallback = form_id or (visible[0].id_for_label if visible else "")
    links = []
    for field in form:
        anchor = fallback if field.is_hidden else field.id_for_label
        links.extend((anchor, error) for error in field.errors)
    links.extend((fallback, error) for error in form.non_field_errors())
    return links


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
