"""Factories of venues, their gallery pictures, routes and route stops."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.core.models import PublishingStatus
from apps.venues.models import (
    Facility,
    ResourceCategory,
    Route,
    RouteStop,
    ServiceLanguage,
    Venue,
    VenueImage,
)
from tests.sister_cities.factories import jpeg_bytes

# Prince Gong's Mansion, roughly.
LATITUDE = Decimal("39.93660")
LONGITUDE = Decimal("116.38600")


def _lookups(model, field: str):
    """A post-generation hook: `facilities=["step-free", "wifi"]` links the seeded rows."""

    def link(obj, create, codes, **kwargs):
        if not create or not codes:
            return
        rows = list(model.objects.filter(code__in=codes))
        assert len(rows) == len(set(codes)), f"unknown {model.__name__} codes in {codes}"
        getattr(obj, field).set(rows)

    return factory.PostGeneration(link)


def scheduled_trait() -> factory.Trait:
    """`scheduled=True`: published in three days, counted from when the row is made.

    A `publish_at` computed in a parametrize list is taken when tests are collected,
    not at the instant the test runs at (see tests/clock.py).
    """
    return factory.Trait(
        publish_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    )


class VenueFactory(DjangoModelFactory):
    """A published museum with coordinates, named in Chinese and English.

    Categories, facilities and languages are given by code, e.g.
    `VenueFactory(facilities=["step-free"], languages=["en", "zh"])`.
    """

    class Meta:
        model = Venue
        skip_postgeneration_save = True

    name_zh_hans = factory.Sequence(lambda n: f"场馆{n}")
    name_en = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    kind = Venue.Kind.MUSEUM
    address_zh_hans = "北京市西城区前海西街17号"
    address_en = "17 Qianhai West Street, Xicheng District"
    latitude = LATITUDE
    longitude = LONGITUDE
    status = PublishingStatus.PUBLISHED

    categories = _lookups(ResourceCategory, "categories")
    facilities = _lookups(Facility, "facilities")
    languages = _lookups(ServiceLanguage, "languages")

    class Params:
        draft = factory.Trait(status=PublishingStatus.DRAFT)
        archived = factory.Trait(status=PublishingStatus.ARCHIVED)
        off_map = factory.Trait(latitude=None, longitude=None)
        scheduled = scheduled_trait()


class VenueImageFactory(DjangoModelFactory):
    """A gallery picture: a real JPEG, checked and re-encoded by full_clean() as in the admin."""

    class Meta:
        model = VenueImage

    venue = factory.SubFactory(VenueFactory)
    image = factory.LazyFunction(
        lambda: SimpleUploadedFile("picture.jpg", jpeg_bytes(), content_type="image/jpeg")
    )
    alt_zh_hans = factory.Sequence(lambda n: f"图片{n}")
    alt_en = factory.Sequence(lambda n: f"Picture {n}")
    position = factory.Sequence(int)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        picture = model_class(*args, **kwargs)
        picture.full_clean()
        picture.save()
        return picture


class RouteFactory(DjangoModelFactory):
    """A published route, titled in Chinese and English, without stops."""

    class Meta:
        model = Route

    title_zh_hans = factory.Sequence(lambda n: f"路线{n}")
    title_en = factory.Sequence(lambda n: f"Route {n}")
    slug = factory.Sequence(lambda n: f"route-{n}")
    theme_en = "Museums"
    summary_zh_hans = "一天走访西城的博物馆。"
    summary_en = "A day among the museums of Xicheng."
    status = PublishingStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublishingStatus.DRAFT)
        scheduled = scheduled_trait()


class RouteStopFactory(DjangoModelFactory):
    class Meta:
        model = RouteStop

    route = factory.SubFactory(RouteFactory)
    venue = factory.SubFactory(VenueFactory)
    position = factory.Sequence(int)
    suggested_minutes = 60
