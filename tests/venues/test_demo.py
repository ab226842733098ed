"""Demo content: venues of the source article, the visit pool and the museum route."""

import pytest

from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from apps.venues import demo
from apps.venues.models import Facility, Route, RouteStop, ServiceLanguage, Venue
from tests.languages import FIELD_SUFFIXES

pytestmark = pytest.mark.django_db
SAMPLE_MARKERS = {
    "zh_hans": "（示例）",
    "en": "(sample)",
    "ja": "（サンプル）",
    "ru": "(пример)",
    "fr": "(exemple)",
    "es": "(ejemplo)",
    "ar": "(مثال)",
}


def _counts():
    return Venue.objects.count(), Route.objects.count(), RouteStop.objects.count()


def test_loading_twice_keeps_the_same_content():
    # How many lookups exist first depends on the tests before (a flush drops the seeds).
    assert demo.load().endswith(
        "; created 12, kept 0 existing venues; created 1, kept 0 existing routes"
    )
    first = _counts()
    assert demo.load() == (
        "created 0, kept 16 existing lookups; created 0, kept 12 existing venues; "
        "created 0, kept 1 existing routes"
    )
    assert _counts() == first == (12, 1, 5)


def test_loading_again_keeps_staff_edits_to_a_venue_and_its_relations():
    demo.load()
    venue = Venue.objects.get(slug="capital-museum")
    venue.name_en = "Capital Museum (edited by staff)"
    venue.booking_lead_days = 30
    venue.full_clean()
    venue.save()
    publishable_set_status(obj=venue, status=PublishingStatus.ARCHIVED)
    venue.facilities.remove(Facility.objects.get(code=Facility.STEP_FREE))
    venue.languages.set([ServiceLanguage.objects.get(code="zh")])
    facilities = set(venue.facilities.values_list("code", flat=True))

    demo.load()

    venue.refresh_from_db()
    assert venue.name_en == "Capital Museum (edited by staff)"
    assert venue.booking_lead_days == 30
    assert venue.status == PublishingStatus.ARCHIVED
    assert set(venue.facilities.values_list("code", flat=True)) == facilities
    assert list(venue.languages.values_list("code", flat=True)) == ["zh"]


def test_loading_again_re_adds_no_stop_to_an_existing_route():
    demo.load()
    route = Route.objects.get(slug="museum-route")
    route.title_fr = "Parcours des musées (modifié)"
    route.full_clean()
    route.save()
    route.stops.get(position=5).delete()
    route.stops.filter(position=1).update(suggested_minutes=15)

    demo.load()

    route.refresh_from_db()
    assert route.title_fr == "Parcours des musées (modifié)"
    stops = list(route.stops.order_by("position"))
    assert [stop.position for stop in stops] == [1, 2, 3, 4]
    assert stops[0].suggested_minutes == 15


def test_a_deleted_venue_and_route_are_created_again_whole():
    demo.load()
    Route.objects.all().delete()
    Venue.objects.filter(slug="capital-museum").delete()
    kept = Venue.objects.get(slug="lu-xun-museum")

    summary = demo.load()

    assert "created 1, kept 11 existing venues; created 1, kept 0 existing routes" in summary
    venue = Venue.objects.get(slug="capital-museum")
    assert venue.status == PublishingStatus.PUBLISHED
    assert venue.categories.exists() and venue.facilities.exists() and venue.languages.exists()
    assert Route.objects.get().stops.count() == 5
    assert Venue.objects.get(slug="lu-xun-museum").updated_at == kept.updated_at


def test_every_venue_is_published_and_named_in_seven_languages():
    demo.load()
    for venue in Venue.objects.all():
        assert venue.status == PublishingStatus.PUBLISHED
        assert venue.is_published
        for lang in FIELD_SUFFIXES:
            for field in ("name", "address", "summary", "opening_hours", "visit_information"):
                assert getattr(venue, f"{field}_{lang}"), (venue.slug, field, lang)
        venue.full_clean()


def test_every_sample_venue_says_which_facts_are_sample_in_seven_languages():
    demo.load()
    samples = Venue.objects.filter(is_sample=True)
    assert samples.exists()
    for venue in samples:
        for lang in FIELD_SUFFIXES:
            assert getattr(venue, f"sample_note_{lang}"), (venue.slug, lang)


def test_invented_entries_say_sample_in_their_name_in_every_language():
    demo.load()
    for slug in ("international-school-sample", "international-medical-department-sample"):
        venue = Venue.objects.get(slug=slug)
        for lang, marker in SAMPLE_MARKERS.items():
            assert marker in getattr(venue, f"name_{lang}"), (slug, lang)


def test_haiqing_yuan_is_listed_but_off_the_map():
    demo.load()
    venue = Venue.objects.get(slug="haiqing-yuan")
    assert venue.name_zh_hans == "Haiqing Yuan"
    assert not venue.has_coordinates
    assert venue.open_to_delegations
    assert venue.is_sample
    assert set(venue.categories.values_list("code", flat=True)) == {"culture-tourism", "business"}
    assert venue in Venue.objects.published()
    assert venue not in Venue.objects.on_map()


def test_the_museum_route_has_its_stops_in_order():
    demo.load()
    demo.load()
    route = Route.objects.get(slug="museum-route")
    assert route.status == PublishingStatus.PUBLISHED
    assert route.is_sample
    for lang in FIELD_SUFFIXES:
        for field in ("title", "theme", "summary", "sample_note"):
            assert getattr(route, f"{field}_{lang}"), (field, lang)
    stops = list(route.stops.order_by("position"))
    assert [stop.venue.slug for stop in stops] == [
        "beijing-ancient-architecture-museum",
        "china-numismatic-museum",
        "mei-lanfang-memorial-hall",
        "guo-moruo-memorial-hall",
        "prince-gongs-mansion",
    ]
    assert [stop.position for stop in stops] == [1, 2, 3, 4, 5]
    for stop in stops:
        assert stop.suggested_minutes >= 5
        for lang in FIELD_SUFFIXES:
            assert getattr(stop, f"note_{lang}"), (stop.venue.slug, lang)
    (loaded,) = Route.objects.published().with_visible_stops()
    assert len(loaded.visible_stops) == 5


def test_a_visitor_finds_a_step_free_museum_offering_english_visits():
    demo.load()
    museums = (
        Venue.objects.published()
        .step_free()
        .filter(kind=Venue.Kind.MUSEUM, languages__code="en")
        .distinct()
    )
    assert museums.exists()


def test_the_visit_pool_covers_every_category():
    demo.load()
    for code in ("culture-tourism", "business", "science-technology", "education", "healthcare"):
        assert Venue.objects.published().filter(categories__code=code).exists(), code


def test_missing_lookups_are_recreated():
    Facility.objects.filter(code=Facility.STEP_FREE).delete()
    ServiceLanguage.objects.filter(code="en").delete()
    demo.load()
    assert Facility.objects.filter(code=Facility.STEP_FREE).exists()
    assert Venue.objects.step_free().filter(languages__code="en").exists()
    english = ServiceLanguage.objects.get(code="en")
    assert (english.name_zh_hans, english.name_en, english.name_ar) == (
        "英语",
        "English",
        "الإنجليزية",
    )


def test_an_existing_lookup_is_never_changed():
    ServiceLanguage.objects.filter(code="ja").update(name_en="Japanese (staff)", position=99)
    demo.load()
    japanese = ServiceLanguage.objects.get(code="ja")
    assert (japanese.name_en, japanese.position) == ("Japanese (staff)", 99)
