"""What partner cities contribute to the portal's search (apps/core/search.py)."""

from django.utils import translation
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

from .models import SisterCity


def partner_documents(ids):
    languages = language_codes()
    rows = SisterCity.objects.filter(status=PublishingStatus.PUBLISHED)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for city in rows.order_by("pk"):
        country = {}
        for language in languages:
            with translation.override(language):
                country[language] = str(city.country.name) if city.country else ""
        keywords = joined(
            per_language(city, "region", languages),
            country,
            {language: city.native_name for language in languages if city.native_name},
            languages=languages,
        )
        texts = joined(
            per_language(city, "summary", languages),
            per_language_plain(city, "body", languages),
            languages=languages,
        )
        yield SearchDocument(
            object_id=city.pk,
            slug=city.slug,
            titles=per_language(city, "name", languages),
            keywords=keywords,
            texts=texts,
            publish_at=city.publish_at,
        )


def search_sources():
    return [
        SearchSource(
            kind="partner",
            label=_("Partner cities"),
            item_label=_("Partner city"),
            model="sister_cities.SisterCity",
            documents=partner_documents,
            url_name="sister_cities:detail",
            order=10,
        )
    ]
