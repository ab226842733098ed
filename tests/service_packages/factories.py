"""Service packages with their services, documents and steps, and requests for them."""

import itertools
from datetime import date

from django.core.files.base import ContentFile  # noqa: F401  (handy for tests)

from apps.core.models import PublishingStatus
from apps.service_packages.models import (
    RequiredDocument,
    ServiceItem,
    ServicePackage,
    ServiceRequest,
    ServiceStep,
)
from apps.service_packages.services import CheckedFile, request_submit

_numbers = itertools.count(1)

# The smallest well-formed files of each accepted type.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def package(*, slug=None, processing_days=10, status=PublishingStatus.PUBLISHED, **values):
    """A published package named in Chinese and English."""
    n = next(_numbers)
    return ServicePackage.objects.create(
        title_zh_hans=values.pop("title_zh_hans", f"服务包{n}"),
        title_en=values.pop("title_en", f"Package {n}"),
        slug=slug or f"package-{n}",
        processing_days=processing_days,
        status=status,
        **values,
    )


def item(package, *, title="Service", needs_travel_details=False, documents=(), steps=(), **values):
    """A service of `package`; `documents` are (name, mandatory, "pdf,jpeg,png") tuples."""
    service = ServiceItem.objects.create(
        package=package,
        title_zh_hans=values.pop("title_zh_hans", title),
        title_en=title,
        needs_travel_details=needs_travel_details,
        position=values.pop("position", package.items.count()),
        **values,
    )
    for position, (name, mandatory, types) in enumerate(documents):
        RequiredDocument.objects.create(
            item=service,
            name_zh_hans=name,
            name_en=name,
            mandatory=mandatory,
            accepted_types=types,
            position=position,
        )
    for position, step in enumerate(steps):
        ServiceStep.objects.create(
            item=service, title_zh_hans=step, title_en=step, position=position
        )
    return service


def going_abroad_package():
    """ "Going Abroad": the APEC card, visa invitation letters and consular protection."""
    going = package(slug="going-abroad", title_en="Going Abroad", processing_days=10)
    item(
        going,
        title="APEC Business Travel Card",
        needs_travel_details=True,
        documents=[("Passport copy", True, "pdf,jpeg,png"), ("Business licence", True, "pdf")],
        steps=["Submit", "Review", "Card issued"],
    )
    item(
        going,
        title="Invitation letter for a Chinese visa",
        documents=[("Guest passport copy", True, "pdf,jpeg,png"), ("Itinerary", False, "pdf")],
        steps=["Submit", "Letter issued"],
    )
    item(going, title="Consular protection", steps=["Call the hotline"])
    return going


def request_data(**overrides):
    """The fields an enterprise fills in, valid for a foreign enterprise."""
    data = {
        "enterprise_name": "Muster GmbH",
        "enterprise_type": ServiceRequest.EnterpriseType.FOREIGN,
        "credit_code": "",
        "home_registration_number": "HRB 12345",
        "address": "1 Example Street, Berlin",
        "contact_name": "Claire Martin",
        "contact_position": "Manager",
        "email": "claire@example.org",
        "phone": "+33 1 23 45 67 89",
        "destination_countries": ["FR", "DE"],
        "travel_from": date(2027, 3, 1),
        "travel_to": date(2027, 3, 10),
        "travellers": 2,
        "message": "",
    }
    data.update(overrides)
    return data


def submit(package, *, items=None, language="fr", files=None, form_token=None, now=None, **data):
    """A submitted request, made through the same service the form uses."""
    return request_submit(
        package=package,
        items=items if items is not None else list(package.items.all()[:1]),
        data=request_data(**data),
        files=files
        if files is not None
        else [CheckedFile(PDF_BYTES, "passport.pdf", "application/pdf")],
        language=language,
        form_token=form_token,
        now=now,
    ).service_request
