"""Forms of the venue listing."""

from django import forms
from django.core.cache import caches
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.core.content import content_version
from apps.core.forms import FastSelect, FilterForm

from .models import ResourceCategory, ServiceLanguage, Venue

FILTER_CHOICES_SECONDS = 3600


def filter_choices() -> tuple[str, dict[str, list[tuple[str, str]]]]:
    """The choices of the listing's lists, labelled in the visitor's language, and the
    key they are kept under (what they were built from).

    Built from the lookup rows once per language and content version in each process,
    not on every request: a change to a lookup changes the version.
    """
    key = f"venues:filter-choices:{translation.get_language()}:{content_version()}"
    return key, caches["local"].get_or_set(key, _build_filter_choices, FILTER_CHOICES_SECONDS)


def _build_filter_choices() -> dict[str, list[tuple[str, str]]]:
    everything = [("", str(_("All")))]
    return {
        "kind": everything + [(code, str(label)) for code, label in Venue.Kind.choices],
        "category": everything
        + [(row.code, row.name) for row in ResourceCategory.objects.for_display()],
        "language": everything
        + [(row.code, row.name) for row in ServiceLanguage.objects.for_display()],
    }


class VenueFilterForm(FilterForm):
    """Listing filters; an unknown value is ignored, never an error page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FastSelect)
    category = forms.ChoiceField(label=_("Visit-pool category"), required=False, widget=FastSelect)
    language = forms.ChoiceField(label=_("Visits offered in"), required=False, widget=FastSelect)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    delegations = forms.BooleanField(label=_("Open to delegation visits"), required=False)

    def __init__(self, data):
        super().__init__(data)
        self.choices_key, choices = filter_choices()
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices
