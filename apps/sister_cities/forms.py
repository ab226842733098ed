"""Forms of the partner directory, and of agreements in the admin."""

import hashlib
import os
from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.cache import caches
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.core.content import content_version
from apps.core.countries import grouped_choices
from apps.core.forms import FastSelect, FilterForm

from . import geo
from .models import Agreement, SisterCity

FILTER_CHOICES_SECONDS = 3600


def filter_choices(country_codes) -> tuple[str, dict[str, list]]:
    """The choices of the directory's lists, labelled in the visitor's language, and the
    key they are kept under (what they were built from).

    Only what the published partners have. Built once per language, content version and
    set of countries in each process, not on every request; the countries are in the key
    because a partner due to be published appears without any edit.
    """
    present = sorted(set(country_codes))
    countries = hashlib.blake2b(",".join(present).encode(), digest_size=8).hexdigest()
    language = translation.get_language()
    key = f"sister_cities:filter-choices:{language}:{content_version()}:{countries}"
    return key, caches["local"].get_or_set(
        key, lambda: _build_filter_choices(present), FILTER_CHOICES_SECONDS
    )


def _build_filter_choices(present: list[str]) -> dict[str, list]:
    continents = {geo.continent_of(code) for code in present} - {None}
    everything = [("", str(_("All")))]
    return {
        "continent": everything
        + [(code, str(label)) for code, label in geo.Continent.choices if code in continents],
        # Grouped by continent like every list of countries (China's regions with China).
        "country": everything
        + [
            (str(group), [(code, str(name)) for code, name in options])
            for group, options in grouped_choices(present)
        ],
        "kind": everything + [(code, str(label)) for code, label in SisterCity.Kind.choices],
    }


class DirectoryFilterForm(FilterForm):
    """Filters of the directory; an unknown value is ignored, never an error page."""

    continent = forms.ChoiceField(label=_("Continent"), required=False, widget=FastSelect)
    country = forms.ChoiceField(label=_("Country or region"), required=False, widget=FastSelect)
    kind = forms.ChoiceField(label=_("Kind of partnership"), required=False, widget=FastSelect)

    def __init__(self, data, *, country_codes):
        super().__init__(data)
        self.choices_key, choices = filter_choices(country_codes)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices


@dataclass(frozen=True)
class _ServedDocument:
    """The current file of a private document, as its widget shows it."""

    name: str
    url: str

    def __str__(self):
        return self.name


class PrivateDocumentWidget(AdminFileWidget):
    """A file input for private storage, whose files have no URL: links to `served_url`."""

    served_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if self.is_initial(value):
            return _ServedDocument(name=os.path.basename(value.name), url=self.served_url)
        return None


class AgreementAdminForm(forms.ModelForm):
    """An agreement in the partner admin; its PDF links to the permission-checked view."""

    class Meta:
        model = Agreement
        fields = ("kind", "title", "signed_on", "summary", "document", "is_public")
        widgets = {"document": PrivateDocumentWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "document" in self.fields:
            self.fields["document"].widget.served_url = self.instance.get_document_url()
