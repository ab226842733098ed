"""The programme listing: upcoming and past, filters alone and combined, their state,
paging, unknown values, unpublished events."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.events.listing import EVENTS_PER_PAGE
from apps.events.models import Event
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

from .factories import EventFactory

# The programme below is set in the next year: the day is pinned (at the run's hour) so
# that "next year" is the same when tests are collected and when they run.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02")]
CODES = [code for code, _name in settings.LANGUAGES]
SHANGHAI = ZoneInfo("Asia/Shanghai")
NEXT_YEAR = 2027


def listing(client, query="", lang="en") -> str:
    response = client.get(f"/{lang}/events/{query}")
    assert response.status_code == 200
    return response.content.decode()


def listed_slugs(html: str) -> list[str]:
    """Slugs of the events listed, in their order on the page."""
    match = re.search(r'<ul class="card-grid event-list">(.*?)</ul>', html, re.DOTALL)
    if match is None:
        return []
    return re.findall(r'<h3 class="card__title"><a href="/[\w-]+/events/([\w-]+)/"', match.group(1))


def pagination(html: str) -> dict[str, str]:
    """The pagination links by rel (prev/next), their addresses unescaped."""
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.DOTALL)
    if nav is None:
        return {}
    return {
        rel: href.replace("&amp;", "&")
        for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)"', nav.group(0))
    }


def beijing(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


# Upcoming and past


def test_upcoming_events_soonest_first(client):
    EventFactory(slug="in-ten-days", in_days=10)
    EventFactory(slug="tomorrow", in_days=1)
    EventFactory(slug="in-a-month", in_days=30)
    EventFactory(slug="last-week", in_days=-7)
    assert listed_slugs(listing(client)) == ["tomorrow", "in-ten-days", "in-a-month"]


def test_an_event_under_way_is_still_upcoming(client):
    now = timezone.now()
    EventFactory(
        slug="under-way", starts_at=now - timedelta(days=2), ends_at=now + timedelta(hours=1)
    )
    EventFactory(
        slug="just-over", starts_at=now - timedelta(hours=3), ends_at=now - timedelta(minutes=1)
    )
    EventFactory(slug="tomorrow", in_days=1)
    assert listed_slugs(listing(client)) == ["under-way", "tomorrow"]
    assert listed_slugs(listing(client, "?when=past")) == ["just-over"]


def test_past_events_only_when_asked_newest_first(client):
    EventFactory(slug="last-year", in_days=-365)
    EventFactory(slug="last-week", in_days=-7)
    EventFactory(slug="last-month", in_days=-30)
    EventFactory(slug="tomorrow", in_days=1)
    assert listed_slugs(listing(client)) == ["tomorrow"]
    html = listing(client, "?when=past")
    assert listed_slugs(html) == ["last-week", "last-month", "last-year"]
    assert "<h1>Past events</h1>" in html
    assert '<a href="/en/events/">Upcoming events</a>' in html
    assert '<a href="/en/events/?when=past">Past events</a>' in listing(client)


@pytest.mark.parametrize(
    "state",
    [
        {"status": PublishingStatus.DRAFT},
        {"status": PublishingStatus.ARCHIVED},
        {"scheduled": True},
    ],
    ids=["draft", "archived", "scheduled"],
)
def test_unpublished_events_are_not_listed(client, state):
    EventFactory(slug="hidden", in_days=3, **state)
    EventFactory(slug="hidden-past", in_days=-3, **state)
    EventFactory(slug="shown", in_days=5)
    assert listed_slugs(listing(client)) == ["shown"]
    assert listed_slugs(listing(client, "?when=past")) == []
    assert "/events/hidden" not in listing(client)


def test_an_event_published_earlier_is_listed(client):
    EventFactory(slug="due", publish_at=timezone.now() - timedelta(minutes=1))
    assert listed_slugs(listing(client)) == ["due"]


def test_empty_state(client):
    html = listing(client)
    assert listed_slugs(html) == []
    assert "No event matches these filters." in html


def test_card_shows_category_place_and_status(client):
    venue = VenueFactory(name_en="Capital Museum")
    EventFactory(
        title_en="Calligraphy exchange",
        category=Event.Category.EXHIBITION,
        venue=venue,
        online=True,
        event_status=Event.Status.POSTPONED,
    )
    EventFactory(title_en="Hidden venue", venue=VenueFactory(draft=True, name_en="Secret Hall"))
    html = listing(client)
    assert ">Calligraphy exchange</a></h3>" in html
    assert "Exhibition · Online · Capital Museum" in html
    assert '<span class="badge badge--status">Postponed</span>' in html
    assert "Secret Hall" not in html


def test_card_time_is_the_events_local_time(client):
    EventFactory(slug="berlin", time_zone="Europe/Berlin", local_start=f"{NEXT_YEAR}-06-01 18:00")
    html = listing(client)
    assert f'<time datetime="{NEXT_YEAR}-06-01T18:00:00+02:00">' in html


@pytest.mark.parametrize("code", CODES)
def test_listing_in_every_language(client, code):
    EventFactory(slug="youth-exchange", title_fr="Échange de jeunes")
    html = listing(client, lang=code)
    assert listed_slugs(html) == ["youth-exchange"]
    assert f'<html lang="{code}"' in html
    assert f'href="/{code}/events/feed.ics"' in html


# Filters


@pytest.fixture
def programme():
    """Upcoming events that differ in one filter at a time."""
    nakano = SisterCityFactory(slug="nakano")
    minsk = SisterCityFactory(slug="minsk")
    museum = VenueFactory(slug="capital-museum")
    theatre = VenueFactory(slug="grand-theatre")
    y = NEXT_YEAR
    return {
        "forum-may": EventFactory(
            slug="forum-may",
            category=Event.Category.FORUM,
            starts_at=beijing(y, 5, 10),
            ends_at=beijing(y, 5, 10, 17),
            partner_cities=[nakano],
            venue=museum,
        ),
        "forum-online-may": EventFactory(
            slug="forum-online-may",
            category=Event.Category.FORUM,
            starts_at=beijing(y, 5, 20),
            ends_at=beijing(y, 5, 20, 12),
            partner_cities=[minsk],
            online=True,
        ),
        "festival-june": EventFactory(
            slug="festival-june",
            category=Event.Category.FESTIVAL,
            starts_at=beijing(y, 6, 1),
            ends_at=beijing(y, 6, 3, 22),
            partner_cities=[nakano, minsk],
            venue=theatre,
        ),
        # Runs from April into May: it overlaps May.
        "exhibition-april-may": EventFactory(
            slug="exhibition-april-may",
            category=Event.Category.EXHIBITION,
            starts_at=beijing(y, 4, 20),
            ends_at=beijing(y, 5, 2, 17),
            venue=museum,
        ),
        # 30 April 23:30 in Beijing is still April there, though 1 May in Berlin.
        "talk-april-night": EventFactory(
            slug="talk-april-night",
            category=Event.Category.TALK,
            starts_at=beijing(y, 4, 30, 22),
            ends_at=datetime(y, 4, 30, 23, 30, tzinfo=SHANGHAI),
            online=True,
        ),
        # 1 June 00:30 in Beijing is 31 May in UTC: June in Beijing time.
        "talk-june-early": EventFactory(
            slug="talk-june-early",
            category=Event.Category.TALK,
            starts_at=datetime(y, 6, 1, 0, 30, tzinfo=SHANGHAI),
            ends_at=datetime(y, 6, 1, 1, 30, tzinfo=SHANGHAI),
        ),
    }


MAY = f"{NEXT_YEAR}-05"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                "exhibition-april-may",
                "talk-april-night",
                "forum-may",
                "forum-online-may",
                "talk-june-early",
                "festival-june",
            ],
        ),
        ("?category=forum", ["forum-may", "forum-online-may"]),
        (f"?month={MAY}", ["exhibition-april-may", "forum-may", "forum-online-may"]),
        ("?partner=nakano", ["forum-may", "festival-june"]),
        ("?partner=minsk", ["forum-online-may", "festival-june"]),
        ("?venue=capital-museum", ["exhibition-april-may", "forum-may"]),
        ("?mode=online", ["talk-april-night", "forum-online-may"]),
        (
            "?mode=offline",
            ["exhibition-april-may", "forum-may", "talk-june-early", "festival-june"],
        ),
        (f"?category=forum&month={MAY}&mode=offline", ["forum-may"]),
        (f"?category=forum&partner=minsk&month={MAY}", ["forum-online-may"]),
        ("?partner=nakano&venue=grand-theatre", ["festival-june"]),
        ("?category=festival&mode=online", []),
    ],
)
def test_filters_alone_and_combined(client, programme, query, expected):
    assert listed_slugs(listing(client, query)) == expected


def test_month_filter_uses_beijing_time_at_both_ends(client, programme):
    june = f"?month={NEXT_YEAR}-06"
    april = f"?month={NEXT_YEAR}-04"
    assert listed_slugs(listing(client, june)) == ["talk-june-early", "festival-june"]
    assert listed_slugs(listing(client, april)) == ["exhibition-april-may", "talk-april-night"]


def test_december_runs_into_january(client):
    EventFactory(
        slug="new-year",
        starts_at=beijing(NEXT_YEAR, 12, 31, 20),
        ends_at=beijing(NEXT_YEAR + 1, 1, 1, 2),
    )
    assert listed_slugs(listing(client, f"?month={NEXT_YEAR}-12")) == ["new-year"]
    assert listed_slugs(listing(client, f"?month={NEXT_YEAR + 1}-01")) == ["new-year"]
    assert listed_slugs(listing(client, f"?month={NEXT_YEAR + 1}-02")) == []


def test_filters_apply_to_past_events_too(client):
    EventFactory(slug="past-forum", category=Event.Category.FORUM, in_days=-10)
    EventFactory(slug="past-talk", category=Event.Category.TALK, in_days=-5)
    EventFactory(slug="next-forum", category=Event.Category.FORUM, in_days=5)
    assert listed_slugs(listing(client, "?when=past&category=forum")) == ["past-forum"]


def test_an_event_with_two_partners_is_listed_once(client):
    cities = [SisterCityFactory(slug="nakano"), SisterCityFactory()]
    EventFactory(slug="twin", partner_cities=cities)
    assert listed_slugs(listing(client)) == ["twin"]


def test_filter_state_is_kept_in_the_form(client, programme):
    html = listing(
        client, f"?category=forum&month={MAY}&partner=nakano&venue=capital-museum&mode=online"
    )
    assert re.search(r'<option value="forum" selected>', html)
    assert f'name="month" value="{MAY}"' in html
    assert '<option value="nakano" selected>' in html
    assert '<option value="capital-museum" selected>' in html
    assert '<option value="online" selected>' in html
    assert '<a href="/en/events/">Clear filters</a>' in html


def test_filter_choices(client, programme):
    VenueFactory(slug="empty-hall")  # hosts no event: not offered
    SisterCityFactory(slug="draft-city", draft=True)
    html = listing(client)
    venues = re.search(r'<select name="venue".*?</select>', html, re.DOTALL).group(0)
    assert re.findall(r'<option value="([\w-]+)"', venues) == ["capital-museum", "grand-theatre"]
    partners = re.search(r'<select name="partner".*?</select>', html, re.DOTALL).group(0)
    assert set(re.findall(r'<option value="([\w-]+)"', partners)) == {"nakano", "minsk"}
    assert "Clear filters" not in html


def test_the_feed_link_carries_the_filters(client, programme):
    html = listing(client, "?category=forum&mode=online")
    assert 'href="/en/events/feed.ics?category=forum&amp;mode=online"' in html


# Paging


def test_twenty_a_page_and_links_keep_the_filters(client):
    for number in range(EVENTS_PER_PAGE * 2 + 5):
        EventFactory(slug=f"forum-{number:02d}", category=Event.Category.FORUM, in_days=number + 1)
    EventFactory(slug="talk", category=Event.Category.TALK, in_days=2)
    first = listing(client, "?category=forum")
    assert listed_slugs(first) == [f"forum-{n:02d}" for n in range(20)]
    assert "Page 1 of 3" in first
    assert pagination(first) == {"next": "?category=forum&page=2"}
    second = listing(client, "?category=forum&page=2")
    assert listed_slugs(second) == [f"forum-{n:02d}" for n in range(20, 40)]
    assert pagination(second) == {
        "prev": "?category=forum&page=1",
        "next": "?category=forum&page=3",
    }
    third = listing(client, "?category=forum&page=3")
    assert listed_slugs(third) == [f"forum-{n:02d}" for n in range(40, 45)]
    assert pagination(third) == {"prev": "?category=forum&page=2"}


def test_no_pagination_on_a_single_page(client):
    EventFactory()
    assert pagination(listing(client)) == {}
    assert 'class="pagination"' not in listing(client)


# Unknown values


@pytest.mark.parametrize(
    "query",
    [
        "?category=nope",
        "?month=2026-13",
        "?month=2026-00",
        "?month=abc",
        "?month=20260-5",
        "?month=0000-05",
        "?month=9999-12",
        "?month=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-05",  # full-width digits
        "?partner=nobody",
        "?venue=nowhere",
        "?mode=x",
        "?page=999",
        "?page=abc",
        "?page=-1",
        "?when=future",
        "?category=&month=&partner=&venue=&mode=&when=",
        "?category=nope&month=abc&partner=nobody&venue=nowhere&mode=x&page=999&when=future",
    ],
)
def test_unknown_values_are_ignored(client, programme, query):
    assert listed_slugs(listing(client, query)) == listed_slugs(listing(client))


def test_a_nul_byte_is_a_bad_request_in_the_visitors_language(client, programme):
    # apps.core.middleware.BadInputMiddleware: before any view, cache or query.
    response = client.get("/fr/events/?category=%00&partner=%00&month=%00")
    assert response.status_code == 400
    assert "Cette demande ne peut pas être lue" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?category=forum&month=2026-13",
        "?category=forum&partner=nobody&mode=x",
        "?category=forum&venue=nowhere&when=future&page=999",
        f"?category=forum&month={MAY}&mode=sometimes",
    ],
)
def test_valid_filters_still_apply_next_to_unknown_ones(client, programme, query):
    assert listed_slugs(listing(client, query)) == ["forum-may", "forum-online-may"]


def test_a_bad_month_says_how_to_write_one(client):
    html = listing(client, "?month=2026-13")
    assert "Give a month as YYYY-MM." in html


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_listing_is_read_only(client, method):
    assert getattr(client, method)("/en/events/").status_code == 405


def test_upcoming_past_boundary_is_the_end_not_the_start(client):
    # Today's event, started hours ago but not over, comes before tomorrow's.
    today = timezone.localdate()
    EventFactory(
        slug="today",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    EventFactory(
        slug="tomorrow",
        starts_at=beijing(*(today + timedelta(days=1)).timetuple()[:3]),
        ends_at=beijing(*(today + timedelta(days=1)).timetuple()[:3], hour=12),
    )
    assert listed_slugs(listing(client)) == ["today", "tomorrow"]
    assert isinstance(today, date)


@pytest.mark.parametrize("month", ["0001-01", "9998-12", "2000-02"])
def test_a_far_month_is_an_empty_page(client, programme, month):
    assert listed_slugs(listing(client, f"?month={month}&when=past")) == []
    assert listed_slugs(listing(client, f"?month={month}")) == []


def test_cards_name_the_zone_of_a_timed_event(client):
    from .factories import EventFactory

    EventFactory(time_zone="Europe/Berlin", local_start="2027-07-01 18:00", slug="berlin-talk")
    html = client.get("/en/events/").content.decode()
    assert "Berlin time (UTC+2)</time>" in html
    assert "CEST" not in html


# --- Kept listings (apps/events/listing.py) ------------------------------------------


def test_a_kept_listing_reads_nothing(client, django_assert_num_queries):
    """The count, the page's keys and its cards are kept until the listing can change."""
    for day in range(3):
        EventFactory(slug=f"kept-{day}", in_days=3 + day)
    first = listing(client)
    with django_assert_num_queries(0):
        assert listing(client) == first
    assert listed_slugs(first) == ["kept-0", "kept-1", "kept-2"]


def test_an_event_that_ends_moves_to_the_past_events_without_an_edit(client, _clock):
    EventFactory(slug="soon-over", in_days=1, hours=2)
    EventFactory(slug="later", in_days=5)
    assert listed_slugs(listing(client)) == ["soon-over", "later"]
    assert listed_slugs(listing(client, "?when=past")) == []
    _clock.move_to(timezone.now() + timedelta(days=1, hours=3))
    assert listed_slugs(listing(client)) == ["later"]
    assert listed_slugs(listing(client, "?when=past")) == ["soon-over"]


def test_an_event_scheduled_for_later_joins_the_kept_listing_on_time(client, _clock):
    EventFactory(slug="already", in_days=5)
    EventFactory(slug="scheduled", in_days=4, publish_at=timezone.now() + timedelta(hours=1))
    assert listed_slugs(listing(client)) == ["already"]
    _clock.move_to(timezone.now() + timedelta(hours=2))
    assert listed_slugs(listing(client)) == ["scheduled", "already"]


def test_registration_opens_and_closes_on_a_kept_card_on_time(client, _clock):
    """A card's own moments end its kept markup: registration opening, closing, the start."""
    now = timezone.now()
    EventFactory(
        slug="gala",
        in_days=10,
        takes_registrations=True,
        registration_opens_at=now + timedelta(hours=1),
        registration_closes_at=now + timedelta(days=2),
    )
    assert "Registration open" not in listing(client)
    assert "Registration open" not in listing(client)  # kept
    _clock.move_to(now + timedelta(hours=2))
    assert "Registration open" in listing(client)
    _clock.move_to(now + timedelta(days=3))
    assert "Registration open" not in listing(client)


def test_an_edit_shows_in_the_kept_listing_at_once(client):
    event = EventFactory(slug="renamed", title_en="Old title", in_days=5)
    assert "Old title" in listing(client)
    event.title_en = "New title"
    event.save()
    html = listing(client)
    assert "New title" in html and "Old title" not in html
    event.status = PublishingStatus.DRAFT
    event.save()
    assert listed_slugs(listing(client)) == []
