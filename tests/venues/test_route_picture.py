"""A route's picture: shown at the top of its page with its description, or not at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.sister_cities.factories import jpeg_bytes

from .factories import RouteFactory

pytestmark = pytest.mark.django_db


def test_the_route_page_shows_the_picture_with_its_description_in_the_visitor_language(client):
    route = RouteFactory(
        image=SimpleUploadedFile("route.jpg", jpeg_bytes(1600, 900), content_type="image/jpeg"),
        image_alt_en="Illustration of a path between museums",
        image_alt_fr="Illustration : un chemin entre des musées",
    )

    page = client.get(f"/fr/routes/{route.slug}/").content.decode()

    assert '<source type="image/webp"' in page
    assert 'alt="Illustration : un chemin entre des musées"' in page


def test_a_route_without_a_picture_has_no_empty_picture(client):
    route = RouteFactory()

    page = client.get(f"/en/routes/{route.slug}/").content.decode()

    assert "<picture" not in page
    assert route.title_en in page
