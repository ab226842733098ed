"""The venue pages keep their renderings per process (templates' {% cache %}, keyed by the
content version): a kept rendering is the plain one, byte for byte, and never outlives
the content it shows. Pages read only their columns, never one more after the query."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from apps.venues.models import ResourceCategory, Venue
from tests.events.factories import make_event
from tests.sister_cities.factories import jpeg_bytes

from .factories import RouteFactory, RouteStopFactory, VenueFactory, VenueImageFactory
from .kept_pages import assert_kept_is_plain, page

# Kept renderings are kept for one Beijing day: the tests that count what is kept start
# far from midnight, or under --clock=15:59:59.5Z a slow test crosses into the next day
# and rightly renders afresh.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

LANGUAGES = ["en", "zh-hans", "ja", "ar"]


@pytest.fixture
def museum():
    """A venue with every fact, text in three languages, pictures, a route and events."""
    venue = VenueFactory.build(
        slug="capital-museum",
        name_zh_hans="首都博物馆",
        name_en="Capital Museum",
        name_ja="首都博物館",
        address_en="16 Fuxingmenwai Street",
        latitude=Decimal("39.90580"),
        longitude=Decimal("116.34150"),
        capacity=1200,
        open_to_delegations=True,
        booking_lead_days=7,
        opening_hours_en="Tuesday to Sunday",
        accessibility_en="Ramps at the north entrance.",
        visit_information_en="Guided tours for groups.",
        summary_zh_hans="北京的城市历史博物馆。",
        summary_en="The museum of the history of Beijing.",
        body_en="## History\n\nSome **text**.",
        phone="+86 10 6337 0491",
        email="info@example.org",
        website="https://www.capitalmuseum.org.cn/",
        hero_image=SimpleUploadedFile("hero.jpg", jpeg_bytes(), content_type="image/jpeg"),
        hero_image_alt_en="The front",
        is_sample=True,
        sample_note_en="The capacity is invented.",
    )
    venue.full_clean()
    venue.save()
    venue.categories.set(ResourceCategory.objects.filter(code="education"))
    VenueFactory(slug="neighbour", latitude=Decimal("39.90700"), longitude=Decimal("116.34300"))
    venue.facilities.set(venue.facilities.model.objects.filter(code__in=["step-free", "wifi"]))
    venue.languages.set(venue.languages.model.objects.filter(code__in=["en", "ja"]))
    VenueImageFactory(venue=venue, caption_en="The hall")
    route = RouteFactory(slug="museum-route", body_en="A *long* day.", theme_ja="博物館")
    RouteStopFactory(route=route, venue=venue, note_en="Start here.")
    RouteStopFactory(route=route, venue=Venue.objects.get(slug="neighbour"))
    today = timezone.localdate()
    make_event(venue=venue, title="Coming", day=today + timedelta(days=3))
    make_event(venue=venue, title="Gone", day=today - timedelta(days=3))
    return venue


URLS = [
    "/{lang}/venues/",
    "/{lang}/venues/?kind=museum&step_free=on&language=en",
    "/{lang}/venues/?category=education&page=1",
    "/{lang}/venues/capital-museum/",
    "/{lang}/routes/museum-route/",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", URLS)
def test_kept_renderings_are_the_plain_ones(client, settings, museum, url, lang):
    assert "capital-museum" in assert_kept_is_plain(client, settings, url.format(lang=lang))


def test_the_kept_renderings_are_used(client, museum, django_assert_max_num_queries):
    for url in [u.format(lang="en") for u in URLS]:
        page(client, url)
        with django_assert_max_num_queries(3):
            page(client, url)


@pytest.mark.parametrize("url", [u.format(lang="en") for u in URLS])
def test_an_edit_shows_at_once(client, museum, url):
    assert "Capital Museum" in page(client, url)
    museum.name_en = "Capital Museum of Beijing"
    museum.save()
    assert "Capital Museum of Beijing" in page(client, url)


def test_a_renamed_category_shows_on_cards_filters_and_pages(client, museum):
    urls = ["/en/venues/", "/en/venues/capital-museum/"]
    for url in urls:
        assert "Education" in page(client, url)
    education = ResourceCategory.objects.get(code="education")
    education.name_en = "Schools and learning"
    education.save()
    for url in urls:
        html = page(client, url)
        assert "Schools and learning" in html and ">Education<" not in html


def test_a_venue_published_later_joins_the_list_and_the_route_when_its_time_comes(client, museum):
    later = VenueFactory(slug="later", name_en="Later Hall", scheduled=True)
    RouteStopFactory(route=museum.route_stops.get().route, venue=later)
    for url in ["/en/venues/", "/en/routes/museum-route/"]:
        assert "Later Hall" not in page(client, url)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        for url in ["/en/venues/", "/en/routes/museum-route/"]:
            assert "Later Hall" in page(client, url)


def test_upcoming_events_are_never_kept(client, museum):
    def sections(html):
        upcoming = html.partition('id="events-title"')[2].partition("</section>")[0]
        past = html.partition('id="past-events-title"')[2].partition("</section>")[0]
        return upcoming, past

    upcoming, past = sections(page(client, "/en/venues/capital-museum/"))
    assert "Coming" in upcoming and "Coming" not in past
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        upcoming, past = sections(page(client, "/en/venues/capital-museum/"))
    assert "Coming" not in upcoming and "Coming" in past


def test_a_preview_is_kept_apart_from_nothing_it_should_not(client, museum, content_editor):
    """Staff previewing a draft see its content; visitors still get a 404."""
    draft = VenueFactory(slug="draft-hall", name_en="Draft Hall", draft=True)
    client.force_login(content_editor)
    assert "Draft Hall" in page(client, f"/en/venues/{draft.slug}/")
    client.logout()
    assert client.get(f"/en/venues/{draft.slug}/").status_code == 404
    assert "Draft Hall" not in page(client, "/en/venues/")


def test_a_route_kept_for_staff_is_not_served_to_visitors(
    client, museum, content_editor, service_desk_officer
):
    route = museum.route_stops.get().route
    RouteStopFactory(route=route, venue=VenueFactory(slug="hidden", name_en="Hidden", draft=True))
    editor, officer = Client(), Client()
    editor.force_login(content_editor)
    officer.force_login(service_desk_officer)
    assert "Hidden" in page(editor, "/en/routes/museum-route/")
    assert "Hidden" not in page(client, "/en/routes/museum-route/")
    assert "Hidden" not in page(officer, "/en/routes/museum-route/")
    assert "Hidden" in page(editor, "/en/routes/museum-route/")
