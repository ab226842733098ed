"""The applicant's answers of a ServiceRequest, read from `ServiceRequest.APPLICANT_SECTIONS`.

The apply form, the draft, "check your answers", `request_submit`, the admin's
fieldsets and the export all take the field names, their order and their groups from
that one list; this module turns a model field's value into what a draft keeps (JSON)
and what a person reads.
"""

from datetime import date

import phonenumbers
from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_countries import countries
from django_countries.fields import CountryField

from .models import ServiceRequest

EnterpriseType = ServiceRequest.EnterpriseType
# Registered in China: they have a unified social credit code and must give it.
CREDIT_CODE_REQUIRED = (
    EnterpriseType.DOMESTIC,
    EnterpriseType.FOREIGN_INVESTED,
    EnterpriseType.REPRESENTATIVE_OFFICE,
)
SECTIONS = ServiceRequest.APPLICANT_SECTIONS
# Every answer that is a field of ServiceRequest, in the order the pages show them.
REQUEST_FIELDS = tuple(name for _title, names in SECTIONS for name in names)
# Asked only when a chosen service needs travel details.
TRAVEL_FIELDS = ("destination_countries", "travel_from", "travel_to", "travellers")


def model_field(name: str):
    return ServiceRequest._meta.get_field(name)


def to_answer(name: str, value):
    """A cleaned form value as the draft keeps it in JSON."""
    field = model_field(name)
    if isinstance(field, CountryField) and field.multiple:
        return [str(code) for code in value or []]
    if isinstance(value, date):
        return value.isoformat()
    if value is None and not field.null:
        return ""
    return value


def request_fields(answers: dict) -> dict:
    """The ServiceRequest fields of a draft's answers (see `ApplyForm.answers`)."""
    data = {}
    for name in REQUEST_FIELDS:
        field = model_field(name)
        value = answers.get(name)
        if isinstance(field, CountryField) and field.multiple:
            data[name] = list(value or [])
        elif value in (None, ""):
            data[name] = None if field.null else ""
        else:
            data[name] = field.to_python(value)
    return data


def _phone(value: str) -> str:
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(value, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return value


# Answers stored in a form machines read, shown as people write them.
DISPLAY = {"phone": _phone}


def display_value(name: str, value) -> str | list[str]:
    """An answer (a draft's or a saved request's) as a person reads it; a list for many."""
    field = model_field(name)
    if isinstance(field, CountryField) and field.multiple:
        names = dict(countries)
        return [names.get(str(code), str(code)) for code in value or []]
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if value in (None, ""):
        return ""
    if name in DISPLAY:
        return DISPLAY[name](value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):
        return date_format(value if isinstance(value, date) else date.fromisoformat(value))
    return str(value)


def export_columns() -> list[tuple[str, str]]:
    """(field name, column title) of the applicant's answers in an export."""
    return [(name, capfirst(model_field(name).verbose_name)) for name in REQUEST_FIELDS]


def export_value(service_request: ServiceRequest, name: str) -> str:
    value = display_value(name, getattr(service_request, name))
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(getattr(service_request, name), date):
        return getattr(service_request, name).isoformat()
    return value
