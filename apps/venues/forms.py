"""Forms of the venue listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import FilterForm

from .models import Venue


class VenueFilterForm(FilterForm):
    """Listing filters; an unknown value is ignored, never an error page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    category = forms.ChoiceField(label=_("Visit-pool category"), required=False)
    language = forms.ChoiceField(label=_("Visits offered in"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    delegations = forms.BooleanField(label=_("Open to delegation visits"), required=False)

    def __init__(self, data, *, categories, languages):
        super().__init__(data)
        # Built per request from the lookup rows so labels are in the visitor's language.
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(Venue.Kind.choices)
        self.fields["category"].choices = everything + [(c.code, c.name) for c in categories]
        self.fields["language"].choices = everything + [
            (lang.code, lang.name) for lang in languages
        ]
