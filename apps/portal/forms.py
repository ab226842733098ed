"""A sample form for the design page: every kind of field, with and without errors."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DesignSampleForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your confirmation, calendar file and reminders here."),
    )
    language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=[("en", "English"), ("zh-hans", "简体中文"), ("ar", "العربية")],
    )
    consent = forms.BooleanField(label=_("I agree to this use of my data."))
