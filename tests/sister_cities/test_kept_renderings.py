"""The directory and a partner's page keep their renderings per process, keyed by the
content version and the day: a kept rendering is the plain one, byte for byte, and never
outlives the content or the day it shows. Pages read only their columns."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.content import content_version
from apps.sister_cities import forms
from tests.events.factories import make_event
from tests.venues.kept_pages import (
    assert_kept_is_plain,
    captured_sql,
    page,
    select_from,
    selected_columns,
)

from .factories import AgreementFactory, GalleryImageFactory, SisterCityFactory, jpeg_bytes

# Kept renderings are kept for one Beijing day: the tests that count what is kept start
# far from midnight, or under --clock=15:59:59.5Z a slow test crosses into the next day
# and rightly renders afresh.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

LANGUAGES = ["en", "zh-hans", "ja", "ar"]


def years_ago(years: int, *, days: int = 0) -> date:
    """The day `years` years before today, moved by `days`."""
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28)) + timedelta(days=days)


@pytest.fixture
def nakano():
    """A partner with every fact, text in three languages, pictures, agreements and
    activities, whose 35th anniversary is in ten days."""
    city = SisterCityFactory.build(
        slug="nakano",
        name_zh_hans="中野区",
        name_en="Nakano",
        name_ja="中野区",
        native_name="中野区",
        region_en="Tokyo",
        established_on=years_ago(35, days=10),
        summary_en="A ward of Tokyo.",
        body_en="## History\n\nSome **text**.",
        website="https://www.city.tokyo-nakano.lg.jp/",
        contact_office_en="International office",
        hero_image=SimpleUploadedFile("hero.jpg", jpeg_bytes(), content_type="image/jpeg"),
        hero_image_alt_en="The ward office",
        is_sample=True,
        sample_note_en="The dates are invented.",
    )
    city.full_clean()
    city.save()
    AgreementFactory(city=city, summary_en="Friendship.")
    AgreementFactory(city=city, internal=True, title_en="Internal note")
    GalleryImageFactory(city=city, caption_en="The station")
    SisterCityFactory(slug="minsk", name_en="Minsk", country="BY", off_map=True)
    make_event(city=city, title="Youth exchange", day=date(2024, 5, 1))
    return city


URLS = [
    "/{lang}/sister-cities/",
    "/{lang}/sister-cities/?continent=AS&kind=sister",
    "/{lang}/sister-cities/?country=BY",
    "/{lang}/sister-cities/nakano/",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", URLS)
def test_kept_renderings_are_the_plain_ones(client, settings, nakano, url, lang):
    assert "/sister-cities/nakano/" in assert_kept_is_plain(client, settings, url.format(lang=lang))


def test_the_kept_renderings_are_used(client, nakano, django_assert_max_num_queries):
    for url in [u.format(lang="en") for u in URLS]:
        page(client, url)
        with django_assert_max_num_queries(2):
            page(client, url)


@pytest.mark.parametrize("url", ["/en/sister-cities/", "/en/sister-cities/nakano/"])
def test_an_edit_shows_at_once(client, nakano, url):
    assert "Nakano" in page(client, url)
    nakano.name_en = "Nakano City"
    nakano.save()
    assert "Nakano City" in page(client, url)


def test_years_and_anniversaries_follow_the_day(client, nakano):
    directory = page(client, "/en/sister-cities/")
    partner = page(client, "/en/sister-cities/nakano/")
    assert "34 years of ties" in directory and "35 years of ties with Nakano" in directory
    assert "<dt>Years of ties</dt><dd>34</dd>" in partner
    with time_machine.travel(timezone.now() + timedelta(days=11)):
        directory = page(client, "/en/sister-cities/")
        partner = page(client, "/en/sister-cities/nakano/")
    assert "35 years of ties" in directory and "years of ties with Nakano" not in directory
    assert "<dt>Years of ties</dt><dd>35</dd>" in partner


def test_a_partner_published_later_appears_when_its_time_comes(client, nakano):
    SisterCityFactory(
        slug="later", name_en="Later Town", publish_at=timezone.now() + timedelta(days=3)
    )
    assert "Later Town" not in page(client, "/en/sister-cities/")
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert "Later Town" in page(client, "/en/sister-cities/")


def test_directory_reads_keys_and_only_the_columns_of_its_cards(client, nakano):
    sql = captured_sql(client, "/ja/sister-cities/")
    keys, cards = select_from(sql, "sister_cities_sistercity")
    assert selected_columns(keys, "sister_cities_sistercity") == {"id", "country", "kind"}
    translated = {f"{f}_{code}" for f in ("name", "region") for code in ("ja", "en", "zh_hans")}
    assert selected_columns(cards, "sister_cities_sistercity") == {
        *("id", "slug", "native_name", "country", "kind", "established_on"),
        *("latitude", "longitude", "hero_image"),
        *translated,
    }


def test_partner_page_reads_only_the_columns_it_shows(client, nakano):
    sql = captured_sql(client, "/ja/sister-cities/nakano/")
    # Not the one that finds the next scheduled publication (a UNION of every model's).
    (city,) = [q for q in select_from(sql, "sister_cities_sistercity") if " UNION " not in q]
    columns = selected_columns(city, "sister_cities_sistercity")
    assert {"name_ja", "name_en", "name_zh_hans", "body_ja", "website"} <= columns
    assert not {"created_at", "updated_at", "name_fr", "body_ar", "name"} & columns
    (agreements,) = select_from(sql, "sister_cities_agreement")
    assert not {"created_at", "is_public", "title_fr"} & selected_columns(
        agreements, "sister_cities_agreement"
    )


def test_filter_choices_are_built_once_per_language_version_and_countries(
    client, nakano, monkeypatch
):
    built = []
    build = forms._build_filter_choices
    monkeypatch.setattr(
        forms, "_build_filter_choices", lambda present: built.append(present) or build(present)
    )
    page(client, "/en/sister-cities/")
    page(client, "/en/sister-cities/?kind=sister")
    page(client, "/en/sister-cities/nakano/")
    assert built == [["BY", "JP"]]
    page(client, "/ja/sister-cities/")
    assert len(built) == 2
    SisterCityFactory(slug="antwerp", country="BE")
    html = page(client, "/en/sister-cities/")
    assert built[-1] == ["BE", "BY", "JP"] and '<option value="BE">Belgium</option>' in html


def test_query_counts_do_not_depend_on_the_kept_renderings_or_partners(client, nakano):
    def count(url, *, kept):
        client.get(url)
        if not kept:
            caches["local"].clear()
        content_version()  # read at most once a second per process, not per page
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    urls = ["/en/sister-cities/", "/en/sister-cities/?country=JP", "/en/sister-cities/nakano/"]
    small = {url: (count(url, kept=True), count(url, kept=False)) for url in urls}
    for index in range(30):
        city = SisterCityFactory(country=("JP", "BY", "BR")[index % 3])
        AgreementFactory(city=city)
    for url in urls:
        assert (count(url, kept=True), count(url, kept=False)) == small[url], url
    # The directory: its keys; afresh the partners besides. A partner: itself (its
    # activities are kept until one ends); afresh its agreements, gallery and activities
    # besides, and when those next change (the next publication, the next event's end).
    assert small["/en/sister-cities/"] == (1, 2)
    assert small["/en/sister-cities/nakano/"] == (1, 6)
