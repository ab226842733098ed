"""Forms of the programme: the listing's filters, the admin's event form."""

import re
import zoneinfo
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
