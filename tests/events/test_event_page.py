"""An event's page: time in the event's zone, the visitor's time, status, place, partners,
series, calendar links, not found and previews, sharing and languages."""

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from apps.events.models import Event
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .conftest import SITE_URL
from .factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def page(client, event_or_slug, lang="en", status=200) -> str:
    slug = getattr(event_or_slug, "slug", event_or_slug)
    response = client.get(f"/{lang}/events/{slug}/")
    assert response.status_code == status
    return response.content.decode()


def facts(html: str) -> str:
    return re.search(r'<aside class="facts".*?</aside>', html, re.DOTALL).group(0)


def zone_line(html: str) -> str:
    return re.search(r'<span class="time-zone">(.*?)</span>', html).group(1)


def dd_after(html: str, term: str) -> str:
    match = re.search(rf"<dt>{term}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.DOTALL)
    assert match, f"no {term}"
    return match.group(1)


# Time in the event's own zone


@pytest.mark.parametrize(
    ("zone", "local", "label", "iso"),
    [
        ("Europe/Berlin", "2026-03-28 10:00", "Berlin time (UTC+1)", "2026-03-28T10:00:00+01:00"),
        ("Europe/Berlin", "2026-03-30 10:00", "Berlin time (UTC+2)", "2026-03-30T10:00:00+02:00"),
        (
            "America/New_York",
            "2026-10-31 19:00",
            "New York time (UTC−4)",
            "2026-10-31T19:00:00-04:00",
        ),
        (
            "America/New_York",
            "2026-11-02 19:00",
            "New York time (UTC−5)",
            "2026-11-02T19:00:00-05:00",
        ),
        ("Asia/Shanghai", "2026-07-01 09:00", "Beijing time (UTC+8)", "2026-07-01T09:00:00+08:00"),
    ],
)
def test_time_is_shown_in_the_events_zone(client, zone, local, label, iso):
    event = EventFactory(time_zone=zone, local_start=local)
    html = facts(page(client, event))
    # Named with its offset at that date, never by an abbreviation such as "CST".
    assert zone_line(html) == label
    assert f'<time datetime="{iso}">' in html
    wall = datetime.fromisoformat(iso)
    hour = wall.strftime("%-I")
    assert re.search(
        rf'<time datetime="{re.escape(iso)}">\w+\.? {wall.day}, {wall.year}, '
        rf"{hour} [ap]\.m\.</time>",
        html,
    ), html


def test_the_end_is_in_the_events_zone_too(client):
    event = EventFactory(time_zone="America/New_York", local_start="2026-10-31 22:00", hours=3)
    html = facts(page(client, event))
    assert '<time datetime="2026-11-01T01:00:00-04:00">Nov. 1, 2026, 1 a.m.</time>' in html


def test_an_all_day_event_shows_local_dates(client):
    zone = "America/New_York"
    event = EventFactory(time_zone=zone, local_start="2026-06-01 00:00", hours=47, all_day=True)
    html = facts(page(client, event))
    assert '<time datetime="2026-06-01">June 1, 2026</time>' in html
    assert '<time datetime="2026-06-02">June 2, 2026</time>' in html
    assert "time-zone" not in html
    assert "data-local-time" not in html


def test_the_visitors_time_is_left_to_the_script(client):
    event = EventFactory(time_zone="Europe/Berlin", local_start="2026-03-30 10:00")
    html = page(client, event)
    node = re.search(r"<dd [^>]*data-local-time[^>]*>", html).group(0)
    start = re.search(r'data-start="([^"]+)"', node).group(1)
    end = re.search(r'data-end="([^"]+)"', node).group(1)
    assert datetime.fromisoformat(start) == event.starts_at
    assert datetime.fromisoformat(end) == event.ends_at
    assert 'data-zone="Europe/Berlin"' in node
    assert " hidden>" in node  # shown by the script only
    assert "data-local-time-output" in html
    assert re.search(r'<script src="/static/js/local-time[^"]*\.js" defer></script>', html)


def test_the_script_reads_the_attributes_the_page_writes():
    script = Path(finders.find("js/local-time.js")).read_text()
    for attribute in (
        "data-local-time",
        "data-start",
        "data-end",
        "data-zone",
        "data-local-time-output",
    ):
        assert attribute in script


# Status


@pytest.mark.parametrize(
    ("status", "label", "sentence"),
    [
        (Event.Status.POSTPONED, "Postponed", "A new date will be announced here."),
        (Event.Status.CANCELLED, "Cancelled", "This event will not take place."),
        (Event.Status.MOVED_ONLINE, "Moved online", "This event now takes place online."),
        (Event.Status.RESCHEDULED, "Rescheduled", ""),
    ],
)
def test_status_banner(client, status, label, sentence):
    html = page(client, EventFactory(event_status=status))
    banner = re.search(
        r'<p class="status-banner status-banner--(\w+)" role="status">(.*?)</p>', html
    ).groups()
    assert banner[0] == status
    assert f"<strong>{label}</strong>" in banner[1]
    assert sentence in banner[1]


def test_no_status_banner_when_scheduled(client):
    assert "status-banner" not in page(client, EventFactory())


def test_status_banner_in_the_page_language(client):
    html = page(client, EventFactory(event_status=Event.Status.CANCELLED), "fr")
    with translation.override("fr"):
        assert str(Event.Status.CANCELLED.label) in html
        assert translation.gettext("This event will not take place.") in html


# Place


def test_a_published_venue_is_linked(client):
    venue = VenueFactory(
        slug="capital-museum", name_en="Capital Museum", address_en="16 Fuxingmenwai Street"
    )
    html = facts(page(client, EventFactory(venue=venue)))
    where = dd_after(html, "Where")
    assert '<a href="/en/venues/capital-museum/">Capital Museum</a>' in where
    assert "16 Fuxingmenwai Street" in where
    assert '<a href="/en/venues/capital-museum/#map-title">Map</a>' in where


@pytest.mark.parametrize("state", [{"draft": True}, {"archived": True}, {"scheduled": True}])
def test_an_unpublished_venue_is_not_named(client, state):
    venue = VenueFactory(
        slug="secret-hall", name_en="Secret Hall", address_en="1 Hidden Lane", **state
    )
    event = EventFactory(venue=venue)
    html = page(client, event)
    for hidden in ("Secret Hall", "secret-hall", "1 Hidden Lane"):
        assert hidden not in html


def test_a_venue_unpublished_later_is_no_longer_named(client):
    venue = VenueFactory(slug="capital-museum", name_en="Capital Museum")
    event = EventFactory(venue=venue)
    assert "Capital Museum" in page(client, event)
    venue.status = "draft"
    venue.save()
    html = page(client, event)
    assert "Capital Museum" not in html
    assert "/venues/capital-museum/" not in html


def test_another_location_and_online(client):
    html = facts(
        page(client, EventFactory(location_en="Courtyard, Xicheng Cultural Centre", online=True))
    )
    where = dd_after(html, "Where")
    assert '<span lang="en">Courtyard, Xicheng Cultural Centre</span><br>Online' in where


# People and languages


def test_partner_cities_are_listed_and_linked_when_published(client):
    nakano = SisterCityFactory(slug="nakano", name_en="Nakano")
    minsk = SisterCityFactory(slug="minsk", name_en="Minsk")
    event = EventFactory(partner_cities=[nakano, minsk], organiser_en="Xicheng Foreign Affairs")
    html = facts(page(client, event))
    partners = dd_after(html, "Partner cities")
    assert '<a href="/en/sister-cities/nakano/">Nakano</a>' in partners
    assert '<a href="/en/sister-cities/minsk/">Minsk</a>' in partners
    assert dd_after(html, "Organiser") == "Xicheng Foreign Affairs"


def test_languages_of_the_programme(client):
    html = facts(page(client, EventFactory(languages=["zh", "ja"])))
    assert dd_after(html, "Languages") == "Chinese, Japanese"
    html = facts(page(client, EventFactory(languages=["zh", "ja"]), "ja"))
    assert "中国語, 日本語" in html


def test_no_empty_facts(client):
    html = facts(page(client, EventFactory()))
    for term in ("Partner cities", "Languages", "Organiser"):
        assert f"<dt>{term}</dt>" not in html


# Series and editions


def test_series_and_other_editions_newest_first(client):
    series = EventSeriesFactory(name_en="Financial Street Performance", summary_en="Yearly.")
    this = EventFactory(series=series, slug="performance-2026", local_start="2026-09-01 19:00")
    EventFactory(series=series, slug="performance-2024", local_start="2024-09-01 19:00")
    EventFactory(series=series, slug="performance-2025", local_start="2025-09-01 19:00")
    EventFactory(series=series, slug="performance-2027", local_start="2027-09-01 19:00", draft=True)
    EventFactory(slug="elsewhere-2025", local_start="2025-09-02 19:00")
    html = page(client, this)
    editions = re.search(r'<section id="editions".*?</section>', html, re.DOTALL).group(0)
    assert '<h2 id="editions-title">Financial Street Performance</h2>' in editions
    assert "Yearly." in editions
    assert re.findall(r'<a href="/en/events/([\w-]+)/">', editions) == [
        "performance-2025",
        "performance-2024",
    ]
    assert "— 2025</li>" in editions
    assert '<a href="#editions">Financial Street Performance</a>' in html


def test_an_edition_is_dated_by_its_own_zone(client):
    # 31 December 20:00 in New York is already the new year in Beijing.
    series = EventSeriesFactory()
    this = EventFactory(series=series)
    EventFactory(series=series, time_zone="America/New_York", local_start="2025-12-31 20:00")
    assert "— 2025</li>" in page(client, this)


def test_no_series_no_editions_section(client):
    assert 'id="editions"' not in page(client, EventFactory())


# Calendar links


def test_add_to_calendar_links(client):
    event = EventFactory(
        slug="youth-exchange",
        title_en="Youth exchange",
        time_zone="Europe/Berlin",
        local_start="2026-03-30 10:00",
    )
    html = facts(page(client, event))
    assert '<a href="/en/events/youth-exchange.ics" type="text/calendar">' in html
    hrefs = re.findall(r'<a href="(https://[^"]+)" rel="noopener noreferrer">', html)
    links = {urlsplit(href).netloc: href.replace("&amp;", "&") for href in hrefs}
    google = parse_qs(urlsplit(links["calendar.google.com"]).query)
    assert google["text"] == ["Youth exchange"]
    assert google["dates"] == ["20260330T080000Z/20260330T100000Z"]
    assert google["ctz"] == ["Europe/Berlin"]
    outlook = parse_qs(urlsplit(links["outlook.live.com"]).query)
    assert outlook["subject"] == ["Youth exchange"]
    assert outlook["startdt"] == ["2026-03-30T08:00:00Z"]
    assert f"{SITE_URL}/en/events/youth-exchange/" in outlook["body"][0]


def test_calendar_links_in_the_page_language(client):
    event = EventFactory(slug="youth-exchange", title_fr="Échange de jeunes")
    html = page(client, event, "fr")
    assert 'href="/fr/events/youth-exchange.ics"' in html
    assert "text=%C3%89change%20de%20jeunes" in html


# Not found and previews


@pytest.mark.parametrize("code", ["fr", "ar", "zh-hans"])
def test_unknown_event_is_a_translated_404(client, code):
    response = client.get(f"/{code}/events/no-such-event/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        assert translation.gettext("Page not found") in html


@pytest.mark.parametrize(
    "state",
    [{"draft": True}, {"status": "archived"}, {"scheduled": True}],
)
def test_unpublished_event_is_hidden_from_visitors(client, state):
    event = EventFactory(**state)
    page(client, event, status=404)
    page(client, event, "zh-hans", status=404)


def test_unpublished_event_is_hidden_from_staff_without_permission(client, service_desk_officer):
    client.force_login(service_desk_officer)
    page(client, EventFactory(draft=True), status=404)


def test_content_editor_previews_a_draft(client, content_editor):
    client.force_login(content_editor)
    html = page(client, EventFactory(draft=True, title_en="Draft exchange"))
    assert '<p class="preview-banner" role="status">Preview: this event is not published.' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<h1 lang="en">Draft exchange</h1>' in html


def test_no_preview_banner_on_a_published_event(client, content_editor):
    client.force_login(content_editor)
    html = page(client, EventFactory())
    assert "preview-banner" not in html
    assert 'content="noindex"' not in html


def test_a_past_event_keeps_its_page(client):
    assert "<h1" in page(client, EventFactory(in_days=-400))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_event_page_is_read_only(client, method):
    event = EventFactory()
    assert getattr(client, method)(f"/en/events/{event.slug}/").status_code == 405


def test_sample_data_is_labelled(client):
    html = page(client, EventFactory(is_sample=True, sample_note_en="The date is invented."))
    assert 'class="sample-badge"' in html
    assert "The date is invented." in html


# Text, sharing and languages


def test_title_and_summary_fall_back_with_a_notice(client):
    event = EventFactory(
        title_zh_hans="中日青少年交流", title_en="Youth exchange", summary_en="Pupils meet."
    )
    html = page(client, event, "fr")
    assert '<h1 lang="en">Youth exchange</h1>' in html
    assert '<p class="lead" lang="en">Pupils meet.</p>' in html


def test_body_is_sanitised_markdown(client):
    html = page(client, EventFactory(body_en="**Bold** <script>alert(1)</script>"))
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html


def test_open_graph_tags(client):
    event = EventFactory(
        slug="youth-exchange", title_en="Youth exchange", summary_en="Pupils of both cities meet."
    )
    html = page(client, event)
    assert '<meta property="og:title" content="Youth exchange">' in html
    assert '<meta property="og:description" content="Pupils of both cities meet.">' in html
    assert f'<meta property="og:url" content="{SITE_URL}/en/events/youth-exchange/">' in html
    assert html.count('property="og:type"') == 1
    assert "<title>Youth exchange · Events · " in html


def test_open_graph_title_in_the_page_language(client):
    html = page(client, EventFactory(title_zh_hans="中日青少年交流"), "zh-hans")
    assert '<meta property="og:title" content="中日青少年交流">' in html
    assert '<meta property="og:locale" content="zh-hans">' in html


def test_hreflang_alternates_for_every_language(client):
    html = page(client, EventFactory(slug="youth-exchange"), "fr")
    for code in CODES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="{SITE_URL}/{code}/events/youth-exchange/">'
        ) in html
    assert html.count('rel="alternate" hreflang=') == len(CODES) + 1
    assert 'hreflang="x-default"' in html


@pytest.mark.parametrize("code", CODES)
def test_event_page_in_every_language(client, code):
    html = page(client, EventFactory(slug="youth-exchange"), code)
    assert f'<html lang="{code}"' in html
    assert f'href="/{code}/events/youth-exchange.ics"' in html


def test_an_event_across_a_clock_change_shows_both_offsets(client):
    from .factories import EventFactory

    # Berlin moves from CET to CEST at 02:00 on 29 March 2026.
    event = EventFactory(
        time_zone="Europe/Berlin", local_start="2026-03-29 00:30", hours=3, slug="night-long"
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Berlin time (UTC+1) → Berlin time (UTC+2)" in html
