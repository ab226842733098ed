"""Demo service packages for enterprises; their texts are data (`demo.json`).

The article says: the district carried out the series of activities "Foreign Affairs
Service Package Helping Enterprises Go Abroad", which combines the application for the
APEC Business Travel Card, the invitation letter for Chinese visas and consular protection,
bringing policy information and workflow introductions to enterprises' doorstep; it set up
service windows for foreigners' work permits where the work permit and the residence
permit are processed at a single window; and, with Beijing's Business Environment Reform
5.0, it made convenient registration services accessible to transnational companies.

It gives no document lists, steps, processing times, fees or contact details. So:

- The three packages, their services and their purpose follow the article.
- The documents and steps are written from public information on these procedures
  (the APEC card scheme, visa invitations, the consular hotline of the Ministry of Foreign
  Affairs, work and residence permits, company and representative-office registration),
  simplified for the demonstration; the laws named in the legal basis are real and link
  to the home pages of the official sites.
- Processing times, fees and the contact details (a phone number of zeros, addresses on
  example.org) are sample data. Every package is marked as sample and says so in its
  `sample_note` in every language.
"""

from functools import partial

from apps.core.demo_loading import DemoLoad, demo_create, demo_data
from apps.core.models import PublishingStatus

from .models import RequiredDocument, ServiceItem, ServicePackage, ServiceStep


def _create_item(package: ServicePackage, data: dict, position: int) -> None:
    item = demo_create(
        ServiceItem, data, handled=("documents", "steps"), package=package, position=position
    )
    for position, document in enumerate(data["documents"], start=1):
        demo_create(RequiredDocument, document, item=item, position=position)
    for position, step in enumerate(data["steps"], start=1):
        demo_create(ServiceStep, step, item=item, position=position)


def _create_package(data: dict, position: int) -> ServicePackage:
    package = demo_create(
        ServicePackage,
        data,
        handled=("items",),
        position=position,
        status=PublishingStatus.PUBLISHED,
        is_sample=True,
    )
    for item_position, item_data in enumerate(data["items"], start=1):
        _create_item(package, item_data, item_position)
    return package


def load() -> str:
    """Create whichever of the three demo service packages is missing, with its services."""
    demo = DemoLoad()
    for position, data in enumerate(demo_data("service_packages")["packages"], start=1):
        create = partial(_create_package, data, position)
        demo.ensure("service packages", ServicePackage, create, slug=data["slug"])
    return str(demo)
