"""Demo content: the two partners the source article names, in seven languages."""

from datetime import date

import pytest
from django.core.management import call_command

from apps.core.models import PublishingStatus
from apps.sister_cities.models import Agreement, SisterCity

pytestmark = pytest.mark.django_db
LANGS = ["zh_hans", "en", "ja", "ru", "fr", "es", "ar"]


def test_demo_content_loads_twice_into_the_same_two_partners(client):
    call_command("load_demo_content")
    call_command("load_demo_content")
    cities = SisterCity.objects.order_by("slug")
    assert [city.slug for city in cities] == ["minsk-lenin-district", "nakano"]
    for city in cities:
        assert city.status == PublishingStatus.PUBLISHED
        assert city.is_sample is True
        for lang in LANGS:
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
