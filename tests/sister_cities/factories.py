"""Factories of partner cities, their agreements and gallery pictures."""

import io
from datetime import date
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from apps.core.models import PublishingStatus
from apps.sister_cities.models import Agreement, GalleryImage, SisterCity

# The smallest file validate_pdf_file accepts: the magic header and the end marker.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg_bytes(width=800, height=600, color=(140, 29, 24)) -> bytes:
    """A real JPEG, made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_upload(name="agreement.pdf", content=PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class SisterCityFactory(DjangoModelFactory):
    """A published partner in Japan with coordinates, named in Chinese and English."""

    class Meta:
        model = SisterCity

    name_zh_hans = factory.Sequence(lambda n: f"友好城市{n}")
    name_en = factory.Sequence(lambda n: f"Partner city {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = "JP"
    kind = SisterCity.Kind.SISTER_CITY
    established_on = date(1990, 6, 15)
    relationship_status = SisterCity.RelationshipStatus.ACTIVE
    latitude = Decimal("35.70735")
    longitude = Decimal("139.66380")
    status = PublishingStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublishingStatus.DRAFT)
        archived = factory.Trait(status=PublishingStatus.ARCHIVED)
        off_map = factory.Trait(latitude=None, longitude=None)


class AgreementFactory(DjangoModelFactory):
    """A public agreement with a PDF, titled in Chinese and English."""

    class Meta:
        model = Agreement

    city = factory.SubFactory(SisterCityFactory)
    kind = Agreement.Kind.AGREEMENT
    title_zh_hans = factory.Sequence(lambda n: f"友好合作协议{n}")
    title_en = factory.Sequence(lambda n: f"Agreement on friendly cooperation {n}")
    signed_on = date(2001, 9, 1)
    is_public = True
    document = factory.LazyFunction(pdf_upload)

    class Params:
        internal = factory.Trait(is_public=False)
        without_document = factory.Trait(document="")


class GalleryImageFactory(DjangoModelFactory):
    """A gallery picture: a real JPEG, checked and re-encoded by full_clean() as in the admin."""

    class Meta:
        model = GalleryImage

    city = factory.SubFactory(SisterCityFactory)
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
