"""Forms of the programme listing."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Event

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EventFilterForm(forms.Form):
    """Listing filters; an unknown value is ignored, never an error page."""

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past events"))],
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"}),
    )
    partner = forms.ChoiceField(label=_("Partner city"), required=False)
    venue = forms.ChoiceField(label=_("Venue"), required=False)
    mode = forms.ChoiceField(
        label=_("Online or on site"),
        required=False,
        choices=[("", _("All")), ("online", _("Online")), ("offline", _("On site"))],
    )

    def __init__(self, data, *, partners, venues):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["category"].choices = everything + list(Event.Category.choices)
        self.fields["partner"].choices = everything + [(c.slug, c.name) for c in partners]
        self.fields["venue"].choices = everything + [(v.slug, v.name) for v in venues]

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="month")
        return date(int(match.group(1)), int(match.group(2)), 1)

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
