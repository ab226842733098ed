"""Staff-written rich text: Markdown rendered to HTML, then cleaned by nh3."""

import re
from html import unescape

import markdown as markdown_lib
import nh3
from django.db import models
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> SafeString:
    """Keep only harmless markup: no script, style, event handler or javascript: URL."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just cleaned it


def render_markdown(text: str | None) -> SafeString:
    """Markdown source to sanitised HTML, safe to put in a page."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return sanitize_html(html)


def plain_text(text: str | None) -> str:
    """Markdown source as the words a reader sees: no markup, entities decoded, blocks on
    their own lines (for search and snippets)."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    # Block ends become line breaks, so that words of two paragraphs do not run together.
    html = re.sub(r"</(p|li|h[1-6]|dd|dt|blockquote|pre|tr)>|<br\s*/?>", "\n", html)
    return re.sub(r"[ \t]+", " ", unescape(strip_tags(html))).strip()


class RichTextField(models.TextField):
    """Markdown written by staff; rendered through `render_markdown` (|richtext)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("Markdown: **bold**, *italic*, [link](https://…), lists, headings (##)."),
        )
        super().__init__(*args, **kwargs)
