"""Template tags of the admin's change forms: language tab names and a list of errors."""

from django import forms, template
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField

register = template.Library()


def language_name(code: str) -> str:
    """A language's name in that language (简体中文, Français, العربيّة), as a tab label."""
    return capfirst(get_language_info(code)["name_local"])


@register.simple_tag
def admin_language_tabs() -> dict:
    """What the tab script needs: each language's own name, keyed by the field suffix."""
    return {
        "names": {
            code.replace("-", "_"): language_name(code) for code, _name in settings.LANGUAGES
        },
        "error_label": _("has errors"),
    }


def _field_label(form, name: str) -> str:
    """`title (简体中文)` for a translation field, the form's label for any other."""
    try:
        model_field = form._meta.model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        model_field = None
    if isinstance(model_field, TranslationField):
        return _("%(field)s (%(language)s)") % {
            "field": model_field.translated_field.verbose_name,
            "language": language_name(model_field.language),
        }
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


def _form_errors(form, prefix: str = "", *, non_field: bool = True) -> list[str]:
    lines = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            if non_field:
                lines += [f"{prefix}{error}" for error in errors]
            continue
        label = _field_label(form, name)
        lines += [f"{prefix}{label}: {error}" for error in errors]
    return lines


@register.simple_tag
def admin_error_list(adminform, inline_admin_formsets) -> list[str]:
    """Every error of a change form and its inlines, as "<field> (<language>): <error>".

    The main form's own non-field errors are left out: the admin shows them already.
    """
    lines = _form_errors(adminform.form, non_field=False) if adminform else []
    for inline_admin_formset in inline_admin_formsets or ():
        formset = inline_admin_formset.formset
        title = inline_admin_formset.opts.verbose_name
        lines += [f"{title}: {error}" for error in formset.non_form_errors()]
        for number, form in enumerate(formset.forms, start=1):
            if form.errors:
                prefix = _("%(inline)s #%(number)s: ") % {"inline": title, "number": number}
                lines += _form_errors(form, prefix)
    return lines


def _chosen_files(form, prefix: str = "") -> list[str]:
    lines = []
    for name, field in form.fields.items():
        if not isinstance(field, forms.FileField):
            continue
        chosen = form.files.get(form.add_prefix(name)) if form.is_bound else None
        if chosen:
            lines.append(
                _("%(prefix)s%(field)s: %(file)s")
                % {"prefix": prefix, "field": _field_label(form, name), "file": chosen.name}
            )
    return lines


@register.simple_tag
def admin_files_to_choose_again(adminform, inline_admin_formsets) -> list[str]:
    """The files chosen in a form that came back with errors.

    A browser never fills a file input again, and nothing was stored, so staff must be
    told plainly which files to choose again before saving (otherwise the picture of a
    gallery row silently goes missing).
    """
    lines = _chosen_files(adminform.form) if adminform else []
    for inline_admin_formset in inline_admin_formsets or ():
        title = inline_admin_formset.opts.verbose_name
        for number, form in enumerate(inline_admin_formset.formset.forms, start=1):
            prefix = _("%(inline)s #%(number)s: ") % {"inline": title, "number": number}
            lines += _chosen_files(form, prefix)
    return lines
