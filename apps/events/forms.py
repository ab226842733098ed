"""Forms of the programme: the listing's filters, registration, the admin's event form."""

import re
import zoneinfo
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import timezones
from apps.core.bidi import set_input_directions
from apps.core.countries import grouped_choices
from apps.core.forms import FastSelect, FilterForm

from .models import Event, validate_time_zone

MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


class EventFilterForm(FilterForm):
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
        """`partners` and `venues` are (slug, name) pairs in the visitor's language."""
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["category"].choices = everything + list(Event.Category.choices)
        self.fields["partner"].choices = everything + list(partners)
        self.fields["venue"].choices = everything + list(venues)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.widget = FastSelect(choices=field.choices)

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        match = MONTH.match(value)
        # Year 0 does not exist, and the month after December 9999 cannot be computed.
        if not match or not 1 <= int(match.group(2)) <= 12 or not 1 <= int(match.group(1)) < 9999:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="month")
        return date(int(match.group(1)), int(match.group(2)), 1)


def _zone_or_none(name):
    try:
        validate_time_zone(name)
    except ValidationError:
        return None
    return zoneinfo.ZoneInfo(name)


class EventAdminForm(forms.ModelForm):
    """The admin's event form: times are entered and shown in the event's own time zone.

    The admin adds the model and fields (and its URL-field defaults) to it.
    """

    LOCAL_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")

    # The curated list in the staff member's language; an existing zone outside it stays.
    time_zone = timezones.TimeZoneField(
        label=_("time zone"),
        help_text=_("Where the event happens: visitors read its times in this zone."),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone_or_none(self.instance.time_zone) if self.instance.pk else None
        if zone is None:
            return
        for name in self.LOCAL_TIMES:
            value = getattr(self.instance, name)
            if name in self.fields and value is not None:
                # A naive wall-clock time is shown as it is, not in the admin's zone.
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone = _zone_or_none(cleaned_data.get("time_zone"))
        if zone is not None:
            # The fields read the wall-clock time in the admin's zone: move it to the event's.
            current = timezone.get_current_timezone()
            for name in self.LOCAL_TIMES:
                if cleaned_data.get(name) is not None:
                    cleaned_data[name] = cleaned_data[name].astimezone(current).replace(tzinfo=zone)
        return cleaned_data


class RegistrationForm(forms.Form):
    """What a visitor gives to register; every field says what it is used for."""

    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send your confirmation, calendar file and reminders here."),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    country = forms.ChoiceField(label=_("Country or region"))
    language = forms.ChoiceField(label=_("Language for our emails"), choices=settings.LANGUAGES)
    time_zone = timezones.TimeZoneField(
        label=_("Your time zone"),
        help_text=_("Your emails show the event time in this zone as well."),
    )
    consent = forms.BooleanField(label=_("I agree to this use of my data."))
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped: China with its regions, then each continent (official usage).
        self.fields["country"].choices = [("", _("Choose…")), *grouped_choices()]
        for name in ("country", "language"):
            field = self.fields[name]
            field.widget = FastSelect(choices=field.choices)
        self.fields["language"].error_messages["invalid_choice"] = _(
            "Choose one of the languages in the list."
        )
        self.fields["country"].error_messages["invalid_choice"] = _(
            "Choose your country or region from the list."
        )
        self.fields["consent"].error_messages["required"] = _(
            "We can only register you if you agree to this use of your data."
        )
        set_input_directions(self)
        self.fields["form_token"].error_messages["invalid"] = self.fields[
            "form_token"
        ].error_messages["required"] = _("This form has expired. Please fill it in again.")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"
        if not self.is_bound:
            # Only a fresh form takes the browser's zone; a choice already made stays.
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = ""

    def full_clean(self):
        super().full_clean()
        # Screen readers read a field's hint and its error with the field itself.
        for name, field in self.fields.items():
            described = [f"id_{name}-hint"] if field.help_text else []
            if name in self.errors:
                described.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."), code="required")
        return name
