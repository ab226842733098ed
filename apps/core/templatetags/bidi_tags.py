"""Filters that keep left-to-right tokens and user-written text whole in Arabic pages.

    {{ service_request.reference|ltr }}        <span dir="ltr">XC-2026-000001</span>
    {{ registration.name|dir_auto }}           <span dir="auto">Amélie Dupont</span>
    <blockquote dir="{{ note|text_dir }}">     "auto", or "ltr" for text without letters
    <blockquote dir="{{ note|resolved_dir }}"> "ltr" or "rtl", for emails
    {{ reference|ltr_plain }}                  U+2066 XC-2026-000001 U+2069 (Arabic only)

The `_plain` filters are for text that is not HTML: <title>, attribute values and
plain-text emails. See apps/core/bidi.py.
"""

from django import template

from apps.core import bidi

register = template.Library()


@register.filter
def ltr(value):
    """The value, escaped, as a left-to-right island (references, URLs, emails, phones)."""
    return bidi.isolate_ltr(value)


@register.filter
def dir_auto(value):
    """The value, escaped and isolated, in the direction of its own first letter."""
    return bidi.isolate_auto(value)


@register.filter
def text_dir(value):
    """The `dir` attribute for an element that holds text people wrote: "auto" or "ltr"."""
    return bidi.text_direction(value)


@register.filter
def resolved_dir(value):
    """ "ltr" or "rtl" from the text's first letter: `dir="auto"` worked out for emails."""
    return bidi.resolved_direction(value)


# is_safe: the isolates add no character that HTML escapes, so safe input stays safe.
@register.filter(is_safe=True)
def ltr_plain(value):
    """Plain text between Unicode left-to-right isolates, in a right-to-left language."""
    return bidi.isolate_ltr_plain(value)


@register.filter(is_safe=True)
def dir_auto_plain(value):
    """Plain text between Unicode first-strong isolates, in a right-to-left language."""
    return bidi.isolate_auto_plain(value)


@register.filter
def ltr_numbers(value):
    """Text people wrote, escaped, with phone numbers and other digit runs kept whole."""
    return bidi.isolate_number_runs(value)
