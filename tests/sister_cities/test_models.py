"""Partner cities, agreements and pictures: validation, constraints, derived facts, reads."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone, translation

from apps.sister_cities.anniversaries import Anniversary
from apps.sister_cities.models import Agreement, SisterCity

from .factories import (
    PDF_BYTES,
    AgreementFactory,
    GalleryImageFactory,
    SisterCityFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def unsaved_city(**values) -> SisterCity:
    fields = {
        "name_zh_hans": "中野区",
        "name_en": "Nakano",
        "slug": "nakano",
        "country": "JP",
        "kind": SisterCity.Kind.SISTER_CITY,
        "established_on": date(1986, 11, 1),
        **values,
    }
    return SisterCity(**fields)


# Derived facts


@pytest.mark.parametrize(
    ("country", "continent"), [("JP", "AS"), ("BY", "EU"), ("US", "NA"), ("BR", "SA")]
)
def test_continent_is_derived_from_the_country(country, continent):
    city = SisterCityFactory.build(country=country)
    assert city.continent == continent


def test_continent_display_is_translated():
    city = SisterCityFactory.build(country="BY")
    assert city.get_continent_display() == "Europe"
    with translation.override("fr"):
        assert city.get_continent_display() == translation.gettext("Europe")


def test_years_of_ties_and_next_anniversary_of_a_partner():
    city = SisterCityFactory.build(established_on=date(1986, 11, 1))
    assert city.years_of_ties(date(2021, 10, 31)) == 34
    assert city.years_of_ties(date(2021, 11, 1)) == 35
    assert city.next_anniversary(date(2021, 11, 2)) == Anniversary(40, date(2026, 11, 1))


def test_years_of_ties_default_to_today():
    today = timezone.localdate()
    city = SisterCityFactory.build(established_on=today.replace(year=today.year - 10))
    assert city.years_of_ties() == 10
    assert city.next_anniversary() == Anniversary(10, city.established_on.replace(year=today.year))


def test_has_coordinates():
    assert SisterCityFactory.build().has_coordinates
    assert not SisterCityFactory.build(off_map=True).has_coordinates


def test_absolute_url_is_in_the_active_language():
    city = SisterCityFactory.build(slug="nakano")
    assert city.get_absolute_url() == "/en/sister-cities/nakano/"


# Validation


def test_a_complete_partner_is_valid():
    unsaved_city(latitude=Decimal("35.7"), longitude=Decimal("139.6")).full_clean()
    unsaved_city().full_clean()  # no coordinates at all is fine: not on the map


@pytest.mark.parametrize(
    "coordinates", [{"latitude": Decimal("35.7")}, {"longitude": Decimal("139.6")}]
)
def test_one_coordinate_without_the_other_is_refused(coordinates):
    with pytest.raises(ValidationError) as error:
        unsaved_city(**coordinates).full_clean()
    assert error.value.error_dict["__all__"][0].code == "coordinates"


@pytest.mark.parametrize(("latitude", "longitude"), [("91", "0"), ("0", "181"), ("-90.5", "0")])
def test_coordinates_out_of_range_are_refused(latitude, longitude):
    with pytest.raises(ValidationError):
        unsaved_city(latitude=Decimal(latitude), longitude=Decimal(longitude)).full_clean()


def test_a_future_date_of_ties_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        unsaved_city(established_on=tomorrow).full_clean()
    assert "established_on" in error.value.error_dict
    unsaved_city(established_on=timezone.localdate()).full_clean()


def test_the_chinese_name_is_required():
    with pytest.raises(ValidationError) as error:
        unsaved_city(name_zh_hans="").full_clean()
    assert "name_zh_hans" in error.value.error_dict


def test_the_database_refuses_one_coordinate_without_the_other():
    with pytest.raises(IntegrityError):
        SisterCityFactory(latitude=Decimal("35.7"), longitude=None)


def test_slugs_are_unique():
    SisterCityFactory(slug="nakano")
    with pytest.raises(IntegrityError):
        SisterCityFactory(slug="nakano")


# Reads


def test_published_excludes_drafts_archived_and_future_publication():
    published = SisterCityFactory()
    SisterCityFactory(draft=True)
    SisterCityFactory(archived=True)
    SisterCityFactory(publish_at=timezone.now() + timedelta(days=1))
    due = SisterCityFactory(publish_at=timezone.now() - timedelta(minutes=1))
    assert set(SisterCity.objects.published()) == {published, due}


def test_visible_to_shows_drafts_only_to_staff_who_may_view_partners(
    content_editor, service_desk_officer
):
    from django.contrib.auth.models import AnonymousUser

    published = SisterCityFactory()
    draft = SisterCityFactory(draft=True)
    assert set(SisterCity.objects.visible_to(AnonymousUser())) == {published}
    assert set(SisterCity.objects.visible_to(service_desk_officer)) == {published}
    assert set(SisterCity.objects.visible_to(content_editor)) == {published, draft}


def test_in_continent_and_on_map():
    tokyo = SisterCityFactory(country="JP")
    minsk = SisterCityFactory(country="BY", off_map=True)
    assert list(SisterCity.objects.in_continent("EU")) == [minsk]
    assert list(SisterCity.objects.on_map()) == [tokyo]


def test_ordered_by_name_uses_pinyin_in_chinese():
    zhongye = SisterCityFactory(name_zh_hans="中野", name_en="Nakano")
    antwerp = SisterCityFactory(name_zh_hans="安特卫普", name_en="Antwerp")
    minsk = SisterCityFactory(name_zh_hans="明斯克", name_en="Minsk")
    # 中 (zhōng) precedes 安 (ān) and 明 (míng) in code points, but not in pinyin.
    assert list(SisterCity.objects.ordered_by_name("zh-hans")) == [antwerp, minsk, zhongye]
    assert list(SisterCity.objects.ordered_by_name("en")) == [antwerp, minsk, zhongye]


def test_ordered_by_name_follows_the_fallback_languages():
    zagreb = SisterCityFactory(name_zh_hans="萨格勒布", name_en="Zagreb", name_ja="ザグレブ")
    antwerp = SisterCityFactory(name_zh_hans="安特卫普", name_en="Antwerp", name_ja="")
    only_chinese = SisterCityFactory(name_zh_hans="明斯克", name_en="", name_ja=None)
    # No Japanese name: the English one; no English one either: the Chinese one.
    assert list(SisterCity.objects.ordered_by_name("ja")) == [antwerp, zagreb, only_chinese]
    assert list(SisterCity.objects.ordered_by_name("en")) == [antwerp, zagreb, only_chinese]


def test_ordered_by_name_defaults_to_the_active_language():
    b = SisterCityFactory(name_zh_hans="安", name_en="Beta")
    a = SisterCityFactory(name_zh_hans="中", name_en="Alpha")
    assert list(SisterCity.objects.ordered_by_name()) == [a, b]
    with translation.override("zh-hans"):
        assert list(SisterCity.objects.ordered_by_name()) == [b, a]


# Agreements and pictures


def test_agreement_refuses_a_file_that_is_not_a_pdf():
    agreement = AgreementFactory.build(
        city=SisterCityFactory(), document=SimpleUploadedFile("x.pdf", b"not a pdf")
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.error_dict["document"][0].code == "document_format"


def test_agreement_refuses_a_truncated_pdf():
    agreement = AgreementFactory.build(
        city=SisterCityFactory(), document=pdf_upload(content=b"%PDF-1.4\n1 0 obj")
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.error_dict["document"][0].code == "pdf_damaged"


def test_agreement_accepts_a_minimal_pdf_and_keeps_it_private(settings):
    agreement = AgreementFactory.build(city=SisterCityFactory(slug="nakano"))
    agreement.full_clean()
    agreement.save()
    assert agreement.document.name.startswith("agreements/nakano/")
    assert agreement.document.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with agreement.document.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    with pytest.raises(ValueError):
        agreement.document.url  # noqa: B018 - private files have no public address
    assert agreement.get_document_url() == (
        f"/en/sister-cities/nakano/agreements/{agreement.pk}.pdf"
    )


def test_agreement_without_document_has_no_document_url():
    assert AgreementFactory(without_document=True).get_document_url() == ""


def test_public_agreements():
    city = SisterCityFactory()
    public = AgreementFactory(city=city)
    AgreementFactory(city=city, internal=True)
    assert list(Agreement.objects.public()) == [public]


def test_gallery_picture_is_checked_and_stored():
    picture = GalleryImageFactory()
    assert picture.image.name.startswith("sister-cities/gallery/")
    assert picture.image.name.endswith(".jpg")


def test_gallery_refuses_a_file_that_is_not_a_picture():
    with pytest.raises(ValidationError):
        GalleryImageFactory(image=SimpleUploadedFile("x.jpg", b"not a picture"))


def test_str():
    city = SisterCityFactory.build(name_zh_hans="中野区", name_en="Nakano")
    assert str(city) == "Nakano"
    assert str(SisterCityFactory.build(name_zh_hans="", name_en="", slug="x")) == "x"
