"""Venues: coordinates both or neither, step-free access, order by translated name."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from apps.venues.models import Facility, Venue

from .factories import VenueFactory

pytestmark = pytest.mark.django_db


def slugs(queryset) -> list[str]:
    return [venue.slug for venue in queryset]


# Coordinates


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("39.93660"), None), (None, Decimal("116.38600"))]
)
def test_clean_refuses_one_coordinate_without_the_other(latitude, longitude):
    venue = VenueFactory.build(latitude=latitude, longitude=longitude)
    with pytest.raises(ValidationError) as raised:
        venue.full_clean()
    errors = raised.value.error_dict["__all__"]
    assert "Give both latitude and longitude, or neither." in raised.value.messages
    assert "coordinates" in {error.code for error in errors}
    # Said once, not by both clean() and the constraint.
    assert raised.value.messages.count("Give both latitude and longitude, or neither.") == 1


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("39.93660"), Decimal("116.38600")), (None, None)]
)
def test_clean_accepts_both_coordinates_or_neither(latitude, longitude):
    VenueFactory.build(latitude=latitude, longitude=longitude).full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("39.93660"), None), (None, Decimal("116.38600"))]
)
def test_database_refuses_one_coordinate_without_the_other(latitude, longitude):
    with pytest.raises(IntegrityError, match="venue_both_coordinates_or_none"):
        with transaction.atomic():
            VenueFactory(latitude=latitude, longitude=longitude)
    venue = VenueFactory(off_map=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.filter(pk=venue.pk).update(latitude=Decimal("39.9"))


def test_has_coordinates_and_on_map():
    VenueFactory(slug="placed")
    VenueFactory(slug="nowhere", off_map=True)
    assert slugs(Venue.objects.on_map()) == ["placed"]
    assert Venue.objects.get(slug="placed").has_coordinates
    assert not Venue.objects.get(slug="nowhere").has_coordinates


# Step-free access


def test_is_step_free_reads_the_facilities():
    assert VenueFactory(facilities=["step-free", "wifi"]).is_step_free
    assert not VenueFactory(facilities=["wifi", "accessible-toilet"]).is_step_free
    assert not VenueFactory().is_step_free


def test_is_step_free_reads_prefetched_facilities_without_a_query(django_assert_num_queries):
    VenueFactory(slug="a", facilities=["step-free"])
    VenueFactory(slug="b", facilities=["parking"])
    with django_assert_num_queries(2):
        venues = list(Venue.objects.prefetch_related("facilities"))
        assert [v.is_step_free for v in venues] == [True, False]


def test_step_free_queryset_matches_the_property():
    VenueFactory(slug="ramp", facilities=["step-free", "parking"])
    VenueFactory(slug="stairs", facilities=["parking"])
    VenueFactory(slug="bare")
    assert slugs(Venue.objects.step_free()) == ["ramp"]
    assert Facility.STEP_FREE == "step-free"


# Publishing


def test_published_leaves_out_drafts_archives_and_future_venues():
    VenueFactory(slug="open")
    VenueFactory(slug="draft", draft=True)
    VenueFactory(slug="old", archived=True)
    VenueFactory(slug="later", publish_at=timezone.now() + timedelta(days=1))
    VenueFactory(slug="due", publish_at=timezone.now() - timedelta(minutes=1))
    assert slugs(Venue.objects.published()) == ["due", "open"]


def test_visible_to_shows_drafts_only_to_staff_who_may_view_venues(
    content_editor, service_desk_officer
):
    VenueFactory(slug="open")
    VenueFactory(slug="draft", draft=True)
    assert slugs(Venue.objects.visible_to(AnonymousUser())) == ["open"]
    assert slugs(Venue.objects.visible_to(service_desk_officer)) == ["open"]
    assert slugs(Venue.objects.visible_to(content_editor)) == ["draft", "open"]


# Order by name


@pytest.fixture
def named():
    """Venues named in several languages; one has no Japanese name, one only Chinese."""
    VenueFactory(
        slug="prince-gong",
        name_zh_hans="恭王府",  # gōng
        name_en="Prince Gong's Mansion",
        name_ja="恭王府",
    )
    VenueFactory(
        slug="baitasi",
        name_zh_hans="白塔寺",  # bái
        name_en="White Stupa Temple",
        name_ja="白塔寺",
    )
    VenueFactory(
        slug="niujie",
        name_zh_hans="牛街礼拜寺",  # niú
        name_en="Niujie Mosque",
        name_ja="",
    )
    VenueFactory(
        slug="tianqiao",
        name_zh_hans="天桥艺术中心",  # tiān
        name_en="Tianqiao Performing Arts Centre",
        name_ja=None,
    )
    VenueFactory(slug="zhongshuge", name_zh_hans="中书阁", name_en="")  # zhōng


def test_ordered_by_pinyin_in_chinese(named):
    # bái, gōng, niú, tiān, zhōng; by code point 中 (U+4E2D) would come first.
    assert slugs(Venue.objects.ordered_by_name("zh-hans")) == [
        "baitasi",
        "prince-gong",
        "niujie",
        "tianqiao",
        "zhongshuge",
    ]


def test_ordered_alphabetically_in_english_with_chinese_fallback(named):
    # Without an English name, 中书阁 sorts by its Chinese one: after every Latin name.
    assert slugs(Venue.objects.ordered_by_name("en")) == [
        "niujie",
        "prince-gong",
        "tianqiao",
        "baitasi",
        "zhongshuge",
    ]


def test_ordered_in_japanese_falls_back_to_english_where_the_japanese_name_is_empty(named):
    order = slugs(Venue.objects.ordered_by_name("ja"))
    # Latin (English fallbacks) before kanji in the Japanese collation.
    assert order[:2] == ["niujie", "tianqiao"]
    assert set(order[2:]) == {"prince-gong", "baitasi", "zhongshuge"}
    with translation.override("ja"):
        shown = {venue.slug: venue.name for venue in Venue.objects.ordered_by_name()}
    assert shown["niujie"] == "Niujie Mosque"
    assert shown["tianqiao"] == "Tianqiao Performing Arts Centre"
    assert shown["zhongshuge"] == "中书阁"


def test_ordered_by_name_uses_the_active_language(named):
    with translation.override("zh-hans"):
        assert slugs(Venue.objects.ordered_by_name())[0] == "baitasi"
    with translation.override("en"):
        assert slugs(Venue.objects.ordered_by_name())[0] == "niujie"


def test_string_forms():
    venue = VenueFactory(name_zh_hans="恭王府", name_en="Prince Gong's Mansion")
    assert str(venue) == "Prince Gong's Mansion"
    assert venue.get_absolute_url() == f"/en/venues/{venue.slug}/"
