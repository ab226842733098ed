"""Forms of the staff login's second step and of setting up a second factor."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
