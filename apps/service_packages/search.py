"""What service packages contribute to the portal's search (apps/core/search.py): each
package with the names of the services, documents and steps it lists."""

from django.utils.translation import gettext_lazy as _

from apps.core.i18n import language_codes
from apps.core.models import PublishingStatus
from apps.core.search import (
    SearchDocument,
    SearchSource,
    joined,
    per_language,
    per_language_plain,
)

from .models import ServiceItem, ServicePackage


def package_documents(ids):
    languages = language_codes()
    rows = ServicePackage.objects.filter(status=PublishingStatus.PUBLISHED).prefetch_related(
        "items__documents", "items__steps"
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for package in rows.order_by("pk"):
        names, details = [], []
        for item in package.items.all():
            names.append(per_language(item, "title", languages))
            details.append(per_language(item, "description", languages))
            names.extend(per_language(doc, "name", languages) for doc in item.documents.all())
            names.extend(per_language(step, "title", languages) for step in item.steps.all())
        yield SearchDocument(
            object_id=package.pk,
            slug=package.slug,
            titles=per_language(package, "title", languages),
            keywords=joined(*names, languages=languages),
            texts=joined(
                per_language(package, "summary", languages),
                per_language(package, "audience", languages),
                per_language_plain(package, "description", languages),
                *details,
                languages=languages,
            ),
            publish_at=package.publish_at,
        )


def _package_of_item(item):
    return [item.package_id]


def _package_of_part(part):
    return ServiceItem.objects.filter(pk=part.item_id).values_list("package_id", flat=True)


def search_sources():
    return [
        SearchSource(
            kind="service",
            label=_("Services"),
            item_label=_("Service package"),
            model="service_packages.ServicePackage",
            documents=package_documents,
            url_name="service_packages:detail",
            watched={
                "service_packages.ServiceItem": _package_of_item,
                "service_packages.RequiredDocument": _package_of_part,
                "service_packages.ServiceStep": _package_of_part,
            },
            order=50,
        )
    ]
