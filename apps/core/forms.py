"""Form building blocks shared by every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    """A single-choice <select> rendered in Python.

    Django renders every <option> through a template; listing filters with a hundred
    partner cities or venues spent most of their time there.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value[0] if isinstance(value, list) else value)
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, " selected" if str(code) == selected else "", label)
                for code, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class FilterForm(forms.Form):
    """Listing filters read from the query string: bad values are ignored, not errors."""

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
