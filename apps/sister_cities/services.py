"""Reads that combine partners, and the writes of the sister-cities app."""

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from modeltranslation.manager import append_fallback

from apps.core.extensions import PARTNER_TIMELINE, extension_items
from apps.core.images import absolute_image_url
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR

from . import anniversaries, geo
from .models import CITY_CARD_FIELDS, AnniversaryNotice, SisterCity, page_prefetches
from .notices import anniversary_notices_kick

REMINDER_HORIZON_DAYS = 180


def directory_totals(cities) -> dict:
    """ "N partners in M countries on K continents", from already loaded partners."""
    return country_totals([city.country.code for city in cities])


def country_totals(country_codes: list[str]) -> dict:
    """ "N partners in M countries on K continents", from the partners' country codes."""
    countries = set(country_codes)
    continents = {geo.continent_of(code) for code in countries} - {None}
    return {
        "partners": len(country_codes),
        "countries": len(countries),
        "continents": len(continents),
    }


def directory_markers(cities) -> list[dict]:
    """The world map's markers of the partners that have coordinates."""
    return [
        {"city": city, "x": x, "y": y}
        for city in cities
        if city.has_coordinates
        for x, y in [geo.project(city.latitude, city.longitude)]
    ]


class DirectoryPartners:
    """Published partners by key, read in one query the first time a rendering needs them.

    The directory reads keys, countries and kinds at once (filters, totals and cache keys
    need no more) and the partners themselves only for what its cache does not keep.
    """

    def __init__(self, pks: list[int]):
        self.pks = pks

    @functools.cached_property
    def _by_pk(self) -> dict:
        return SisterCity.objects.filter(pk__in=self.pks).for_cards().in_bulk()

    def cities(self, pks: list[int]) -> list:
        """The partners of `pks`, in that order (one deleted since is left out)."""
        return [self._by_pk[pk] for pk in pks if pk in self._by_pk]

    def markers(self, pks: list[int]) -> list[dict]:
        return directory_markers(self.cities(pks))

    def anniversaries(self, *, today: date, within_days: int) -> list:
        return upcoming_anniversaries(self.cities(self.pks), today=today, within_days=within_days)


class PartnerDetails:
    """What a partner's page shows besides the partner's own columns, worked out on first
    use. The page keeps its rendering per content version and day; a kept rendering needs
    none of this."""

    def __init__(self, city):
        self._city = city

    @functools.cached_property
    def city(self):
        """The partner with its public agreements and gallery (two queries)."""
        prefetch_related_objects([self._city], *page_prefetches())
        return self._city

    @functools.cached_property
    def image_url(self) -> str:
        return absolute_image_url(self._city.hero_image)

    @functools.cached_property
    def structured_data(self) -> dict:
        return city_structured_data(self._city, image_url=self.image_url)


FEATURE_FIELDS = (*CITY_CARD_FIELDS, "summary", "hero_image_alt")


@dataclass(frozen=True)
class Featured:
    """The partner the home page features, its coming anniversary and the directory's
    figures."""

    partner: SisterCity | None
    anniversary: anniversaries.Anniversary | None
    totals: dict


def featured_partner(*, today: date, within_days: int = 366) -> Featured:
    """The partner with the next round anniversary within `within_days`, else the first
    with a picture, else the first by name; in two queries.

    The partners are read as four columns each (the home page needs one of them whole):
    ties of equal dates go to the first by name, as `upcoming_anniversaries` orders them.
    """
    rows = list(
        SisterCity.objects.published()
        .ordered_by_name()
        .values_list("pk", "country", "established_on", "hero_image")
    )
    totals = country_totals([country for _pk, country, _established, _image in rows])
    coming = []
    for position, (pk, _country, established, _image) in enumerate(rows):
        anniversary = anniversaries.next_round_anniversary(established, today)
        if anniversary.days_from(today) <= within_days:
            coming.append((anniversary.date, position, pk, anniversary))
    if coming:
        _date, _position, pk, anniversary = min(coming)
    else:
        anniversary = None
        pk = next((pk for pk, _c, _e, image in rows if image), rows[0][0] if rows else None)
    if pk is None:
        return Featured(partner=None, anniversary=None, totals=totals)
    partner = SisterCity.objects.only(*append_fallback(SisterCity, FEATURE_FIELDS)[0]).get(pk=pk)
    return Featured(partner=partner, anniversary=anniversary, totals=totals)


def upcoming_anniversaries(cities, *, today: date, within_days: int):
    """(city, anniversary) pairs of round anniversaries in the next `within_days` days."""
    upcoming = []
    for city in cities:
        anniversary = city.next_anniversary(today)
        if anniversary.days_from(today) <= within_days:
            upcoming.append((city, anniversary))
    return sorted(upcoming, key=lambda pair: (pair[1].date, str(pair[0])))


def timeline_for(city) -> list:
    """Exchange activities that other apps attach to a partner (the `partner.timeline` point)."""
    return extension_items(PARTNER_TIMELINE, city=city)


def city_structured_data(city, *, image_url: str = "") -> dict:
    """schema.org City of a partner page, for search engines (JSON-LD)."""
    data = {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.name,
        "url": settings.SITE_URL + city.get_absolute_url(),
        "address": {"@type": "PostalAddress", "addressCountry": city.country.code},
    }
    if city.native_name:
        data["alternateName"] = city.native_name
    if city.region:
        data["address"]["addressRegion"] = city.region
    if city.summary:
        data["description"] = city.summary
    if city.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.website:
        data["sameAs"] = city.website
    if image_url:
        data["image"] = image_url
    return data


def anniversary_recipients():
    """Active content editors with an email address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF_GROUP_CONTENT_EDITOR)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def anniversary_reminders_send(*, now: datetime | None = None) -> int:
    """Record a notice for each content editor of each round anniversary in the next
    180 days (Beijing days), once each; the outbox sends them. Returns how many it added.

    The unique (partner, years, editor) row is what keeps a notice once: running again,
    or from two beats, adds nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=REMINDER_HORIZON_DAYS)
    recipients = list(anniversary_recipients())
    owed = []
    for city in SisterCity.objects.published().filter(
        relationship_status=SisterCity.RelationshipStatus.ACTIVE
    ):
        anniversary = city.next_anniversary(today)
        if anniversary.date > horizon:
            continue
        owed.extend(
            AnniversaryNotice(
                city=city,
                years=anniversary.years,
                recipient=recipient,
                key=str(anniversary.years),
                not_before=now,
            )
            for recipient in recipients
        )
    with transaction.atomic():
        before = AnniversaryNotice.objects.count()
        AnniversaryNotice.objects.bulk_create(owed, ignore_conflicts=True)
        added = AnniversaryNotice.objects.count() - before
        if added:
            anniversary_notices_kick()
    return added
