"""Forms of the workspace: a model's own ModelForm over one language's texts (the
model's validation, as in its change form), and the XLIFF upload."""

from django import forms
from django.forms.models import modelform_factory
from django.utils.translation import gettext_lazy as _

from apps.core.i18n import is_rtl

from .fields import localized


def translation_form_class(model, fields, language: str):
    """A ModelForm of `model` with the `fields` of `language` only, written in it."""
    names = [localized(field, language) for field in fields]
    attrs = {"lang": language, "dir": "rtl" if is_rtl(language) else "ltr"}
    form_class = modelform_factory(model, fields=names)
    for field, name in zip(fields, names, strict=True):
        widget = form_class.base_fields[name].widget
        widget.attrs.update(attrs)
        if isinstance(widget, forms.Textarea):
            # Markdown stays Markdown: a plain textarea, with room for it.
            widget.attrs.update({"rows": 8, "cols": 60})
        # The label is the field's, without modeltranslation's "[ar]": the page says
        # the language once.
        form_class.base_fields[name].label = model._meta.get_field(field).verbose_name
    return form_class


class XliffUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_("An XLIFF 1.2 file exported here, with the translations filled in."),
    )
