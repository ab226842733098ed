"""The applicant's answers of a ServiceRequest, declared once.

The apply form, the draft, "check your answers" and `request_submit` read the field
names from here.
"""

from datetime import date

from .models import ServiceRequest

EnterpriseType = ServiceRequest.EnterpriseType
# Registered in China: they have a unified social credit code and must give it.
CREDIT_CODE_REQUIRED = (
    EnterpriseType.DOMESTIC,
    EnterpriseType.FOREIGN_INVESTED,
    EnterpriseType.REPRESENTATIVE_OFFICE,
)
TRAVEL_FIELDS = ("destination_countries", "travel_from", "travel_to", "travellers")
# The answers kept between the form and "check your answers", as ServiceRequest fields.
REQUEST_FIELDS = (
    "enterprise_name",
    "enterprise_type",
    "credit_code",
    "home_registration_number",
    "address",
    "contact_name",
    "contact_position",
    "email",
    "phone",
    *TRAVEL_FIELDS,
    "message",
)


def request_fields(answers: dict) -> dict:
    """The ServiceRequest fields of a draft's answers (see `ApplyForm.answers`)."""
    data = {name: answers.get(name) for name in REQUEST_FIELDS}
    for name in ("travel_from", "travel_to"):
        data[name] = date.fromisoformat(data[name]) if data[name] else None
    data["destination_countries"] = list(data["destination_countries"] or [])
    for name in REQUEST_FIELDS:
        if data[name] is None and name not in ("travel_from", "travel_to", "travellers"):
            data[name] = ""
    return data
