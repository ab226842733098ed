"""Forms of the partner directory."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import geo
from .models import SisterCity


class DirectoryFilterForm(forms.Form):
    """Filters of the directory; an unknown value is ignored, never an error page."""

    continent = forms.ChoiceField(label=_("Continent"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind of partnership"), required=False)

    def __init__(self, data, *, country_codes):
        super().__init__(data)
        # Only what the published partners have, built per request so that the labels
        # are in the visitor's language.
        present = sorted(set(country_codes))
        continents = {geo.continent_of(code) for code in present} - {None}
        everything = [("", _("All"))]
        self.fields["continent"].choices = everything + [
            (code, label) for code, label in geo.Continent.choices if code in continents
        ]
        self.fields["country"].choices = everything + sorted(
            ((code, countries.name(code)) for code in present), key=lambda item: item[1]
        )
        self.fields["kind"].choices = everything + list(SisterCity.Kind.choices)

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
