"""A service package's picture: shown on its page with its description, or not at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.sister_cities.factories import jpeg_bytes

from .factories import package

pytestmark = pytest.mark.django_db


def test_the_package_page_shows_the_picture_with_its_description(client):
    pictured = package(
        image=SimpleUploadedFile("package.jpg", jpeg_bytes(1600, 900), content_type="image/jpeg"),
        image_alt_en="Illustration of a passport",
        image_alt_ar="رسم توضيحي لجواز سفر",
    )

    page = client.get(f"/ar/services/{pictured.slug}/").content.decode()

    assert '<source type="image/webp"' in page
    assert 'alt="رسم توضيحي لجواز سفر"' in page


def test_a_package_without_a_picture_has_no_empty_picture(client):
    plain = package()

    page = client.get(f"/en/services/{plain.slug}/").content.decode()

    assert "<picture" not in page
    assert plain.title_en in page
