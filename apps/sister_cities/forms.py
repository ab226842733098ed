"""Forms of the partner directory, and of agreements in the admin."""

import os
from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.utils.translation import gettext_lazy as _

from apps.core.countries import grouped_choices
from apps.core.forms import FilterForm

from . import geo
from .models import Agreement, SisterCity


class DirectoryFilterForm(FilterForm):
    """Filters of the directory; an unknown value is ignored, never an error page."""

    continent = forms.ChoiceField(label=_("Continent"), required=False)
    country = forms.ChoiceField(label=_("Country or region"), required=False)
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
        # Grouped by continent like every list of countries (China's regions with China).
        self.fields["country"].choices = everything + grouped_choices(present)
        self.fields["kind"].choices = everything + list(SisterCity.Kind.choices)


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
