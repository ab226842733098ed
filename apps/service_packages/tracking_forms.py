"""Forms of the tracking pages: finding a request, and answering the service desk."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from apps.core.bidi import strip_bidi_controls

from .services import CheckedFile
from .uploads import accept_attribute, check_upload, refusal, upload_hint

# What people type for XC-2026-000123: any case, spaces, typographic dashes, or no dashes.
REFERENCE = re.compile(r"^XC-?([0-9]{4})-?([0-9]{6,9})$")
DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−－", "-"))
REPLY_TYPES = ("pdf", "jpeg", "png")


def normalised_reference(value: str) -> str | None:
    """The reference as stored (XC-2026-000123), or None when it cannot be one."""
    # A reference copied from an Arabic email may carry invisible direction marks.
    text = strip_bidi_controls(value)
    match = REFERENCE.match("".join(text.split()).translate(DASHES).upper())
    return f"XC-{match.group(1)}-{match.group(2)}" if match else None


class TrackForm(forms.Form):
    """The reference number and the code from the email: one alone opens nothing."""

    reference = forms.CharField(
        label=_("Reference number"),
        max_length=40,
        help_text=_("It is in our emails, for example XC-2026-000123."),
        error_messages={"required": _("Enter the reference number of your request.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_(
            "The code in the email we sent when you submitted the request, "
            "for example K7QF-9XRM-2HTD-WP4C."
        ),
        error_messages={"required": _("Enter the code from our email.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_reference(self):
        reference = normalised_reference(self.cleaned_data["reference"])
        if reference is None:
            raise ValidationError(
                _("Enter the reference number as it is in our email, for example XC-2026-000123."),
                code="format",
            )
        return reference


class MultipleFileInput(forms.FileInput):
    """A plain <input type="file" multiple>: works without JavaScript or drag-and-drop."""

    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """The files chosen in one input; each is checked by the form, not here."""

    widget = MultipleFileInput

    def to_python(self, data):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if upload]


class ReplyForm(forms.Form):
    """The applicant's answer to a question of the service desk, with any documents."""

    message = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    documents = MultipleFileField(label=_("Documents (optional)"), required=False)

    def __init__(self, *args, upload_refusal: ValidationError | None = None, **kwargs):
        """`upload_refusal`: why the upload was stopped while it streamed in, if it was."""
        super().__init__(*args, **kwargs)
        self.upload_refusal = upload_refusal
        field = self.fields["documents"]
        field.help_text = _("%(hint)s each. You can choose several files at once.") % {
            "hint": upload_hint(REPLY_TYPES)
        }
        field.widget.attrs["accept"] = accept_attribute(REPLY_TYPES)

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def clean_documents(self) -> list[CheckedFile]:
        if self.upload_refusal is not None:
            # The files that did arrive are incomplete: none of them is kept.
            raise self.upload_refusal
        uploads = self.cleaned_data["documents"]
        if len(uploads) > settings.SERVICE_UPLOAD_MAX_FILES:
            raise refusal("too_many_files", count=number_format(settings.SERVICE_UPLOAD_MAX_FILES))
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload, accepted_types=REPLY_TYPES))
            except ValidationError as error:
                # Several files in one input: say which one each message is about.
                name = str(upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:120]
                errors.extend(
                    ValidationError(
                        _("%(name)s: %(problem)s") % {"name": name, "problem": message},
                        code=problem.code,
                    )
                    for problem in error.error_list
                    for message in problem
                )
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        cleaned_data = super().clean()
        if (
            not self.errors
            and not cleaned_data.get("message")
            and not cleaned_data.get("documents")
        ):
            self.add_error("message", _("Write an answer or add a document."))
        return cleaned_data
