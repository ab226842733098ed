"""Forms of the public service pages: the enterprise's request."""

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.bidi import set_input_directions
from apps.core.countries import grouped_choices, search_terms
from apps.core.forms import FastSelect, GroupedCheckboxes

from .applicant import CREDIT_CODE_REQUIRED, REQUEST_FIELDS, SECTIONS, TRAVEL_FIELDS, to_answer
from .models import ServiceRequest
from .uploads import DocumentField, upload_hint
from .validators import normalize_credit_code, validate_credit_code

EnterpriseType = ServiceRequest.EnterpriseType


def document_field_name(required_document) -> str:
    return f"document_{required_document.pk}"


class PhoneNumberField(forms.CharField):
    """A phone number with its country code; cleaned to E.164 (+861012345678)."""

    default_error_messages = {
        "invalid": _(
            "Enter a phone number with its country code, for example +86 10 6615 0000 "
            "or +33 1 23 45 67 89."
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        text = value.strip()
        if text.startswith("00"):
            text = "+" + text[2:]
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ApplyForm(forms.ModelForm):
    """An enterprise's request for services of one package; every field says its use.

    Its answers are the model's fields listed in `ServiceRequest.APPLICANT_SECTIONS`;
    the fields declared here are those whose form differs from the model's (typed
    with spaces, or checked more strictly) and the answers that are not columns.
    `package` is the package applied for (its items and their documents prefetched);
    `existing_documents` maps a RequiredDocument id to the DraftDocument already checked
    and kept for it, which a new upload replaces.
    """

    services = forms.ModelMultipleChoiceField(
        label=_("Which services do you need?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    # Typed with spaces, normalised to the model's 18 characters.
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        required=False,
        help_text=_(
            "18 characters, on the business licence. Required for enterprises registered in China."
        ),
    )
    # Typed as people write it, cleaned to E.164.
    phone = PhoneNumberField(
        label=_("Phone number"),
        max_length=40,
        help_text=_("With the country code, for example +86 10 6615 0000."),
    )
    travellers = forms.IntegerField(
        label=_("Number of travellers"), required=False, min_value=1, max_value=500
    )
    consent_processing = forms.BooleanField(
        label=_("I agree that the district processes this data to handle my request.")
    )
    consent_policy_news = forms.BooleanField(
        label=_("Send me policy news for enterprises from Xicheng District (optional)."),
        required=False,
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = ServiceRequest
        fields = REQUEST_FIELDS
        labels = {
            "enterprise_name": _("Name of the enterprise"),
            "enterprise_type": _("Type of enterprise"),
            "home_registration_number": _("Registration number in the home country"),
            "address": _("Address of the enterprise"),
            "contact_name": _("Contact person"),
            "contact_position": _("Position (optional)"),
            "email": _("Email address"),
            "language": _("Language for our emails"),
            "destination_countries": _("Destination countries or regions"),
            "travel_from": _("First day of travel"),
            "travel_to": _("Last day of travel"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "home_registration_number": _(
                "For enterprises registered outside China without a unified social credit code."
            ),
            "email": _(
                "We send the confirmation, the private tracking link and any questions here."
            ),
            "message": _("Anything the officer should know. At most 5,000 characters."),
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "travel_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "travel_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, package, existing_documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.package = package
        self.existing_documents = dict(existing_documents or {})
        self.package_items = list(package.items.all())
        self.travel_items = [item for item in self.package_items if item.needs_travel_details]
        self.fields["services"].queryset = package.items.all()
        self.fields["enterprise_type"].choices = [("", _("Choose…")), *EnterpriseType.choices]
        self.fields["language"].choices = list(settings.LANGUAGES)
        self.fields["enterprise_type"].widget = FastSelect(
            choices=self.fields["enterprise_type"].choices
        )
        self.fields["language"].widget = FastSelect(choices=self.fields["language"].choices)
        if self.travel_items:
            destinations = self.fields["destination_countries"]
            # Checkboxes in groups, not a <select multiple> ("hold Ctrl" means nothing on a
            # phone); China with its regions first, then each continent.
            destinations.choices = grouped_choices()
            destinations.widget = GroupedCheckboxes(
                choices=destinations.choices, terms=search_terms()
            )
            destinations.help_text = _(
                "Choose one or more. Open a group to see its countries and regions."
            )
        else:
            for name in TRAVEL_FIELDS:
                del self.fields[name]
        self._add_document_fields()
        self._set_messages()
        self._set_autocomplete()
        # The page's order: the documents come before the last section (the message).
        *sections, last = SECTIONS
        self.order_fields(
            [
                "services",
                *(name for _title, names in sections for name in names),
                *(name for name in self.fields if name.startswith("document_")),
                *last[1],
                "consent_processing",
                "consent_policy_news",
            ]
        )
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def _add_document_fields(self):
        for item in self.package_items:
            for document in item.documents.all():
                if document.mandatory:
                    need = _("Required if you choose this service.")
                else:
                    need = _("Optional.")
                field = DocumentField(
                    label=_("%(service)s: %(document)s") % {"service": item, "document": document},
                    accepted_types=document.types,
                    required_document_id=document.pk,
                    required=False,
                    help_text=_("%(accepted)s. %(need)s")
                    % {"accepted": upload_hint(document.types), "need": need},
                )
                field.service_item = item
                field.required_document = document
                self.fields[document_field_name(document)] = field

    def _set_messages(self):
        fields = self.fields
        fields["services"].error_messages.update(
            required=_("Choose at least one service."),
            invalid_choice=_("Choose the services from the list."),
            invalid_pk_value=_("Choose the services from the list."),
        )
        fields["enterprise_name"].error_messages["required"] = _(
            "Enter the name of the enterprise."
        )
        fields["enterprise_type"].error_messages.update(
            required=_("Choose the type of the enterprise."),
            invalid_choice=_("Choose the type of the enterprise from the list."),
        )
        fields["address"].error_messages["required"] = _("Enter the address of the enterprise.")
        fields["contact_name"].error_messages["required"] = _("Enter the name of a contact person.")
        fields["email"].error_messages.update(
            required=_("Enter an email address."),
            invalid=_("Enter an email address like name@example.com."),
        )
        fields["phone"].error_messages["required"] = _("Enter a phone number.")
        fields["language"].error_messages["invalid_choice"] = _(
            "Choose one of the languages in the list."
        )
        fields["consent_processing"].error_messages["required"] = _(
            "We can only handle your request if you agree to this use of your data."
        )
        fields["form_token"].error_messages["invalid"] = fields["form_token"].error_messages[
            "required"
        ] = _("This form has expired. Please fill it in again.")
        fields["message"].error_messages["max_length"] = _(
            "Your message can have at most %(limit_value)d characters (it has %(show_value)d)."
        )
        if "destination_countries" in fields:
            fields["destination_countries"].error_messages["invalid_choice"] = _(
                "Choose the destination countries or regions from the list."
            )
            fields["travel_from"].error_messages["invalid"] = fields["travel_to"].error_messages[
                "invalid"
            ] = _("Enter a real date, for example 2027-03-01.")
            fields["travellers"].error_messages.update(
                invalid=_("Enter the number of travellers as a whole number, for example 3."),
                min_value=_("At least one person travels."),
                max_value=_("Enter at most %(limit_value)s travellers; write to us for more."),
            )

    def _set_autocomplete(self):
        autocomplete = {
            "enterprise_name": "organization",
            "address": "street-address",
            "contact_name": "name",
            "contact_position": "organization-title",
            "email": "email",
            "phone": "tel",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["phone"].widget.input_type = "tel"
        set_input_directions(self)
        self.fields["credit_code"].widget.attrs.update(
            {"autocapitalize": "characters", "spellcheck": "false"}
        )

    # --- Validation ----------------------------------------------------------------------

    def clean_enterprise_name(self):
        return " ".join(self.cleaned_data["enterprise_name"].split())

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_credit_code(self):
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        if code:
            validate_credit_code(code)
        return code

    def clean(self):
        cleaned = super().clean()
        self._clean_identifiers(cleaned)
        chosen = cleaned.get("services")
        if chosen is not None:
            self._clean_travel(cleaned, chosen)
            self._clean_documents(chosen)
        return cleaned

    def _clean_identifiers(self, cleaned):
        kind = cleaned.get("enterprise_type")
        if not kind or "credit_code" not in cleaned:
            return
        if kind in CREDIT_CODE_REQUIRED:
            if not cleaned["credit_code"]:
                self.add_error(
                    "credit_code",
                    ValidationError(
                        _("Enter the unified social credit code of the enterprise."),
                        code="required",
                    ),
                )
        elif not cleaned["credit_code"] and not cleaned.get("home_registration_number"):
            self.add_error(
                "home_registration_number",
                ValidationError(
                    _(
                        "Enter the registration number in the home country, or the unified "
                        "social credit code if the enterprise has one."
                    ),
                    code="required",
                ),
            )

    def _clean_travel(self, cleaned, chosen):
        if "destination_countries" not in self.fields:
            return
        if not any(item.needs_travel_details for item in chosen):
            # Not asked for these services: whatever was typed is not kept.
            for name in TRAVEL_FIELDS:
                cleaned[name] = [] if name == "destination_countries" else None
                self.errors.pop(name, None)
            return
        required = {
            "destination_countries": _("Choose at least one destination country or region."),
            "travel_from": _("Enter the first day of travel."),
            "travel_to": _("Enter the last day of travel."),
            "travellers": _("Enter the number of travellers."),
        }
        for name, message in required.items():
            if name not in self.errors and cleaned.get(name) in (None, [], ""):
                self.add_error(name, ValidationError(message, code="required"))
        start, end = cleaned.get("travel_from"), cleaned.get("travel_to")
        if start and start < timezone.localdate():
            self.add_error(
                "travel_from",
                ValidationError(_("The first day of travel cannot be in the past."), code="past"),
            )
        if start and end and end < start:
            self.add_error(
                "travel_to",
                ValidationError(
                    _("The last day of travel must be the same as or after the first day."),
                    code="order",
                ),
            )

    def _clean_documents(self, chosen):
        chosen_ids = {item.pk for item in chosen}
        for name, field in self.document_fields():
            document = field.required_document
            if (
                document.mandatory
                and field.service_item.pk in chosen_ids
                and name not in self.errors
                and not self.cleaned_data.get(name)
                and document.pk not in self.existing_documents
            ):
                self.add_error(
                    name,
                    ValidationError(
                        _("Upload the %(document)s for “%(service)s”."),
                        code="required",
                        params={"document": document, "service": field.service_item},
                    ),
                )

    def full_clean(self):
        super().full_clean()
        self._describe_errors()

    def _describe_errors(self):
        # Screen readers read a field's hint and its error with the field itself.
        for name, field in self.fields.items():
            described = [f"id_{name}-hint"] if field.help_text else []
            if self._errors and name in self._errors:
                described.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def refuse_upload(self, error, *, field_name=None):
        """Show a refusal of the upload while it streamed in, without checking the rest."""
        self.cleaned_data = {}
        self._errors = ErrorDict()
        name = field_name if field_name in self.fields else None
        if name is None:
            name = next((n for n, _field in self.document_fields()), None)
        self._errors[name or "__all__"] = self.error_class(error.messages, renderer=self.renderer)
        self._describe_errors()

    # --- Reading ---------------------------------------------------------------------------

    def document_fields(self):
        return [
            (name, field) for name, field in self.fields.items() if name.startswith("document_")
        ]

    def checked_files(self):
        """The uploads of this POST that passed their checks (also when others failed)."""
        cleaned = getattr(self, "cleaned_data", {})
        return [cleaned[name] for name, _field in self.document_fields() if cleaned.get(name)]

    def answers(self) -> dict:
        """The cleaned answers, JSON-serialisable, as the draft keeps them."""
        data = self.cleaned_data
        answers = {name: to_answer(name, data.get(name)) for name in REQUEST_FIELDS}
        answers["services"] = [item.pk for item in data["services"]]
        answers["consent_processing"] = bool(data["consent_processing"])
        answers["consent_policy_news"] = bool(data.get("consent_policy_news"))
        answers["form_token"] = str(data["form_token"])
        return answers

    # --- Rendering -------------------------------------------------------------------------

    def anchor(self, name: str) -> str:
        """The id an error-summary link points at: the field, or a group's first box."""
        if name == "services":
            return "id_services_0"
        if name in ("__all__", "form_token") or name not in self.fields:
            return "apply-form"
        return self[name].id_for_label or f"id_{name}"

    def error_links(self):
        """(anchor, message) for every error, in the order of the page."""
        links = []
        for name in [*self.fields, "__all__"]:
            for message in self.errors.get(name, ()):
                links.append((self.anchor(name), message))
        return links

    def has_file_errors(self) -> bool:
        return any(name in self.errors for name, _field in self.document_fields())

    def document_groups(self):
        """For the template: each service with its document fields and what is kept."""
        groups = []
        for item in self.package_items:
            rows = []
            for document in item.documents.all():
                name = document_field_name(document)
                rows.append(
                    {
                        "field": self[name],
                        "document": document,
                        "existing": self.existing_documents.get(document.pk),
                    }
                )
            if rows:
                groups.append({"item": item, "rows": rows})
        return groups

    def service_choices(self):
        """(checkbox, item) pairs, so the template can show each service's details."""
        by_pk = {str(item.pk): item for item in self.package_items}
        return [(box, by_pk.get(str(box.data["value"]))) for box in self["services"]]
