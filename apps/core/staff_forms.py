"""Forms of the staff login's second step, of setting up a second factor, and of a
member's notification preferences."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import StaffNotificationPreference


class SecondFactorCodeForm(forms.Form):
    """A code: from an authenticator app, or (when logging in) a recovery code."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, recovery_codes_accepted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("The 6-digit code your authenticator app shows now, or one of your recovery codes.")
            if recovery_codes_accepted
            else _("The 6-digit code your authenticator app shows now.")
        )


class NotificationPreferencesForm(forms.Form):
    """What the logged-in member is emailed about, how often, in which language: one
    choice per topic they may receive (built from the registered topics)."""

    digest_minutes = forms.TypedChoiceField(
        label=_("Send my digest"),
        coerce=int,
        choices=StaffNotificationPreference.DIGEST_CHOICES,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"),
        required=False,
        help_text=_("Empty: the language you last used the admin in."),
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = topics
        # Each language named in itself, as the language tabs do: found by its reader.
        self.fields["language"].choices = [("", "—")] + [
            (code, capfirst(get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ]
        deliveries = StaffNotificationPreference.Delivery
        for topic in topics:
            choices = deliveries.choices
            if not topic.digest:
                choices = [c for c in choices if c[0] != deliveries.DIGEST]
            self.fields[f"topic_{topic.key}"] = forms.ChoiceField(
                label=topic.label,
                help_text=topic.description,
                choices=choices,
                widget=forms.RadioSelect,
            )
        # The topics first, then how often and in which language.
        self.order_fields([f"topic_{topic.key}" for topic in topics])

    def deliveries(self) -> dict:
        return {topic.key: self.cleaned_data[f"topic_{topic.key}"] for topic in self.topics}
