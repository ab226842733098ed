"""Forms of the programme: the listing's filters, registration, the admin's event form."""

import hashlib
import re
import time
import zoneinfo
from datetime import date

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core import timezones
from apps.core.bidi import set_input_directions
from apps.core.content import content_version, next_publication
from apps.core.countries import grouped_choices
from apps.core.forms import FastSelect, FilterForm
from apps.core.i18n import translated_sort_key, translated_value
from apps.sister_cities.models import SisterCity
from apps.venues.models import Venue

from .models import Event, validate_time_zone

MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
# Kept choices and their <select>s live in the process-local cache, under the content
# version; this only bounds how long an unused version's entries stay.
KEPT_SECONDS = 3600


class KeptChoices(BaseChoiceIterator):
    """Choices normalised once and shared by every form that shows them.

    Django normalises a plain list again for each field and for its widget; an iterator
    it leaves as it is. `key` names this list of choices in the cache (language, content
    version, time built).
    """

    def __init__(self, choices, *, key: str):
        self.choices = tuple(choices)
        self.key = key

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)


class KeptSelect(FastSelect):
    """FastSelect that keeps its markup for kept choices while nothing is chosen: a hundred
    and fifty options are written once per list of choices, not on every page.

    A chosen value is written each time (one select of a filtered page): keeping one per
    value would fill the small process-local cache.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices
        chosen = value[0] if isinstance(value, list) and value else value
        if not isinstance(choices, KeptChoices) or chosen not in (None, ""):
            return super().render(name, value, attrs, renderer)
        final_attrs = sorted(self.build_attrs(self.attrs, attrs or {}).items())
        digest = hashlib.blake2b(repr((name, final_attrs)).encode(), digest_size=16)
        key = f"{choices.key}:select:{digest.hexdigest()}"
        local = caches["local"]
        html = local.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            local.set(key, html, KEPT_SECONDS)
        return mark_safe(html)  # noqa: S308 (FastSelect's own escaped markup)


def filter_choices() -> tuple[str, dict[str, KeptChoices]]:
    """The choices of the listing's filters in the active language, and the key they are
    kept under (what they were built from, and when).

    Built once per language and content version, and again when a partner, venue or
    event scheduled for later goes live (time alone changes what is published).
    """
    key = f"events:filter-choices:{translation.get_language()}:{content_version()}"
    local = caches["local"]
    now = timezone.now()
    kept = local.get(key)
    if kept is None or (kept["valid_until"] is not None and kept["valid_until"] <= now):
        kept = {
            "built": now.timestamp(),
            "valid_until": next_publication(now, (SisterCity, Venue, Event)),
            "choices": _build_filter_choices(now),
        }
        local.set(key, kept, KEPT_SECONDS)
    key = f"{key}:{kept['built']}"
    return key, {
        name: KeptChoices(choices, key=f"{key}:{name}") for name, choices in kept["choices"].items()
    }


def _build_filter_choices(now) -> dict[str, list]:
    everything = [("", str(_("All")))]
    # Only slug and name in the visitor's language: whole rows of translated columns cost
    # more than the page. A subquery, not a join made DISTINCT.
    partners = (
        SisterCity.objects.published(now=now)
        .annotate(label=translated_value("name"))
        .order_by(translated_sort_key("name"), "pk")
        .values_list("slug", "label")
    )
    venues = (
        Venue.objects.published(now=now)
        .filter(pk__in=Event.objects.published(now=now).values("venue_id"))
        .annotate(label=translated_value("name"))
        .order_by(translated_sort_key("name"), "pk")
        .values_list("slug", "label")
    )
    fixed = {
        name: [(value, str(label)) for value, label in field.choices]
        for name, field in EventFilterForm.base_fields.items()
        if isinstance(field, forms.ChoiceField) and field.choices
    }
    return {
        **fixed,
        "category": everything + [(value, str(label)) for value, label in Event.Category.choices],
        "partner": everything + list(partners),
        "venue": everything + list(venues),
    }


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

    def __init__(self, data):
        super().__init__(data)
        self.choices_key, choices = filter_choices()
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.widget = KeptSelect(choices=field.choices)

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


# The register form's "shown at" time, signed so that a program cannot pick its own.
FORM_SHOWN_SALT = "events.registration-form-shown"


def form_shown_value(*, now: float | None = None) -> str:
    """The signed time a register form is shown, for its hidden `shown` field."""
    return signing.dumps(int(time.time() if now is None else now), salt=FORM_SHOWN_SALT)


class RegistrationForm(forms.Form):
    """What a visitor gives to register; every field says what it is used for.

    Two checks catch programs without troubling people: `website`, a field people do not
    see (a honeypot), must stay empty, and the form must not come back sooner than
    EVENT_REGISTRATION_MIN_FILL_SECONDS after it was shown (`shown`, a signed time, not
    the session: a bot cannot fake it, and a visitor's session is not needed). Either
    refusal says why and keeps everything typed.
    """

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
    shown = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    # Off screen and out of the tab order; a program filling every field fills it too.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
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

    def clean_website(self):
        if self.cleaned_data["website"].strip():
            raise forms.ValidationError(
                _(
                    "The field “Leave this field empty” was filled in, as programs do. "
                    "Please empty it and send the form again: everything else you typed is kept."
                ),
                code="honeypot",
            )
        return ""

    def clean_shown(self):
        try:
            shown = int(signing.loads(self.cleaned_data["shown"], salt=FORM_SHOWN_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            shown = None
        age = None if shown is None else time.time() - shown
        if age is None or age > settings.EVENT_REGISTRATION_FORM_MAX_AGE_HOURS * 3600:
            raise forms.ValidationError(
                _(
                    "This form was open for too long. Please check your answers and send "
                    "it again: everything you typed is kept."
                ),
                code="form_expired",
            )
        if age < settings.EVENT_REGISTRATION_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "This form came back within seconds of being shown, as it does when a "
                    "program fills it in. Please check your answers and send it again: "
                    "everything you typed is kept."
                ),
                code="too_fast",
            )
        return self.cleaned_data["shown"]

    def shown_value(self) -> str:
        """The `shown` time to render: the one sent while it holds, else a new one."""
        if self.is_bound and "shown" not in self.errors:
            return self.data.get("shown", "")
        return form_shown_value()
