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

        def options(choices):
            return format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (code, " selected" if str(code) == selected else "", label)
                    for code, label in choices
                ),
            )

        parts = []
        for code, label in self.choices:
            if isinstance(label, (list, tuple)):
                # A label that is a list of choices makes a group: `code` is its heading.
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', code, options(label))
                )
            else:
                parts.append(options([(code, label)]))
        options_html = format_html_join("", "{}", ((part,) for part in parts))
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options_html
        )


class FilterForm(forms.Form):
    """Listing filters read from the query string: bad values are ignored, not errors."""

    # What the form's choices were built from (language, content version, ...), set by a
    # form whose choices are kept: `{% filter_panel %}` then keeps its markup under this
    # and the query string. None: the panel is written on every request.
    choices_key: str | None = None

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in collapsible groups, one <details> per option group, for long lists
    such as the ~250 countries and regions: they work by touch, keyboard and screen
    reader without JavaScript; its template adds a script with a filter box and removable chips.

    `terms` maps a value to other words the filter box matches (an English name, codes).
    The field's template wraps it in <fieldset> and <legend> (`use_fieldset`).
    """

    template_name = "core/widgets/grouped_checkboxes.html"
    # Described by the fieldset around the list, not by each of its boxes.
    FIELDSET_ATTRS = ("aria-describedby", "aria-invalid")

    def __init__(self, attrs=None, choices=(), *, terms=None):
        super().__init__(attrs, choices)
        self.terms = terms or {}

    def get_context(self, name, value, attrs):
        attrs = {key: v for key, v in (attrs or {}).items() if key not in self.FIELDSET_ATTRS}
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        chosen = {str(v) for v in context["widget"]["value"]}
        groups, chosen_labels = [], []
        for index, (label, options) in enumerate(self.choices):
            rows = [
                {
                    "value": value,
                    "label": option_label,
                    "id": f"{base_id}_{value}",
                    "checked": str(value) in chosen,
                    "terms": self.terms.get(str(value), ""),
                }
                for value, option_label in options
            ]
            chosen_labels += [row["label"] for row in rows if row["checked"]]
            groups.append(
                {
                    "label": label,
                    "id": f"{base_id}-group{index}",
                    "options": rows,
                    "chosen": sum(row["checked"] for row in rows),
                }
            )
        context["widget"].update(id=base_id, groups=groups, chosen_labels=chosen_labels)
        return context

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) for v in value if v is not None and v != ""]
