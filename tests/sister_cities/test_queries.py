"""The directory and partner pages read the database a fixed number of times."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.sister_cities.models import GalleryImage
from tests.events.factories import make_event

from .factories import AgreementFactory, GalleryImageFactory, SisterCityFactory

# What pages keep (choices, fragments, the feed) is kept for one Beijing day: counts are
# taken far from midnight, where a warm-up and its count never fall on two days.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]


def queries(client, url) -> int:
    client.get(url)  # warm the caches (image sizes, renditions) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def partner_with_rows(picture_file: str, **values):
    """A published partner with agreements, gallery pictures and exchange activities."""
    city = SisterCityFactory(**values)
    AgreementFactory(city=city)
    AgreementFactory(city=city, without_document=True)
    AgreementFactory(city=city, internal=True)
    add_pictures(city, picture_file, 2)
    make_event(city=city, title="Visit", day=date(2020, 1, 1))
    return city


def add_pictures(city, picture_file: str, count: int):
    # Rows that share one checked picture file: the rows are what a page could multiply.
    GalleryImage.objects.bulk_create(
        GalleryImage(
            city=city, image=picture_file, alt_zh_hans="图片", alt_en="Picture", position=i
        )
        for i in range(count)
    )


@pytest.fixture
def picture_file():
    return GalleryImageFactory(city=SisterCityFactory(slug="owner-of-the-picture")).image.name


def test_directory_queries_do_not_grow_with_partners(client, picture_file):
    for _ in range(4):
        partner_with_rows(picture_file)
    small = queries(client, "/en/sister-cities/")
    assert small <= 3
    for index in range(95):
        partner_with_rows(
            picture_file, off_map=index % 3 == 0, country=("JP", "BY", "BR")[index % 3]
        )
    assert queries(client, "/en/sister-cities/") == small
    assert queries(client, "/en/sister-cities/?continent=EU&kind=sister") == small
    assert queries(client, "/ja/sister-cities/") == small


def test_partner_page_queries_do_not_grow_with_partners_or_rows(client, picture_file):
    city = partner_with_rows(picture_file, slug="nakano")
    for _ in range(4):
        partner_with_rows(picture_file)
    url = "/en/sister-cities/nakano/"
    small = queries(client, url)
    for _ in range(95):
        partner_with_rows(picture_file)
    # More rows of every kind on the partner itself.
    for _ in range(5):
        AgreementFactory(city=city)
        make_event(city=city, title="More", day=date(2021, 1, 1))
    add_pictures(city, picture_file, 6)
    html = client.get(url).content.decode()
    assert html.count("<picture>") == 8
    assert len(re.findall(r'href="/en/events/event-\d+/"', html)) == 6
    assert queries(client, url) == small
    assert small <= 5


def test_admin_changelist_queries_do_not_grow_with_partners(admin_client, picture_file):
    for _ in range(5):
        partner_with_rows(picture_file)
    small = queries(admin_client, "/admin/sister_cities/sistercity/")
    for _ in range(95):
        SisterCityFactory()
    assert queries(admin_client, "/admin/sister_cities/sistercity/") == small
