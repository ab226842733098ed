"""Demo content: the two partners the source article names, in seven languages."""

from datetime import date

import pytest
from django.core.management import call_command

from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from apps.sister_cities import demo
from apps.sister_cities.models import Agreement, SisterCity
from tests.languages import FIELD_SUFFIXES

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_into_the_same_two_partners(client):
    call_command("load_demo_content")
    call_command("load_demo_content")
    cities = SisterCity.objects.order_by("slug")
    assert [city.slug for city in cities] == ["minsk-lenin-district", "nakano"]
    for city in cities:
        assert city.status == PublishingStatus.PUBLISHED
        assert city.is_sample is True
        for lang in FIELD_SUFFIXES:
            assert getattr(city, f"name_{lang}"), (city.slug, lang)
            assert getattr(city, f"summary_{lang}"), (city.slug, lang)
            assert getattr(city, f"sample_note_{lang}"), (city.slug, lang)
        city.full_clean()
    assert Agreement.objects.count() == 1
    # The article celebrates the 35th anniversary of Nakano's ties in 2021.
    assert SisterCity.objects.get(slug="nakano").years_of_ties(date(2021, 11, 1)) == 35


def test_demo_partners_are_on_the_public_pages(client):
    call_command("load_demo_content")
    html = client.get("/ja/sister-cities/").content.decode()
    assert "東京都中野区" in html and "ミンスク市レーニン地区" in html
    assert "2 partners" in client.get("/en/sister-cities/").content.decode()
    page = client.get("/ar/sister-cities/nakano/").content.decode()
    assert "ناكانو، طوكيو" in page
    assert 'class="sample-badge"' in page


def test_loading_again_keeps_staff_edits_and_re_adds_nothing_under_a_partner():
    demo.load()
    nakano = SisterCity.objects.get(slug="nakano")
    nakano.name_en = "Nakano (edited by staff)"
    nakano.established_on = date(1986, 5, 1)
    nakano.full_clean()
    nakano.save()
    publishable_set_status(obj=nakano, status=PublishingStatus.DRAFT)
    nakano.agreements.get().delete()

    assert demo.load() == "created 0, kept 2 existing partners"

    nakano.refresh_from_db()
    assert nakano.name_en == "Nakano (edited by staff)"
    assert nakano.name_ja == "東京都中野区"
    assert nakano.established_on == date(1986, 5, 1)
    assert nakano.status == PublishingStatus.DRAFT
    assert not Agreement.objects.exists()


def test_a_deleted_partner_is_created_again_with_its_agreement():
    demo.load()
    SisterCity.objects.filter(slug="nakano").delete()
    minsk = SisterCity.objects.get(slug="minsk-lenin-district")

    assert demo.load() == "created 1, kept 1 existing partners"

    nakano = SisterCity.objects.get(slug="nakano")
    assert nakano.name_en == "Nakano City, Tokyo"
    assert nakano.status == PublishingStatus.PUBLISHED
    assert nakano.agreements.get().kind == Agreement.Kind.MEMORANDUM
    assert SisterCity.objects.get(slug="minsk-lenin-district").updated_at == minsk.updated_at
