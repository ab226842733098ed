"""The whole-page cache (apps/core/pagecache.py) and the content version that retires it.

What it must never do: serve one visitor's private page to anyone, serve a draft, or
serve a page after a publish for longer than the content-version check (and the TTL for
what only time changes).
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from apps.core.content import content_version, content_version_bump, public_models
from apps.core.models import ContentVersion
from apps.core.pagecache import Page, PageStore, page_cache_clear, page_store
from apps.core.services import STAFF_GROUP_CONTENT_EDITOR
from apps.events.models import Event
from apps.events.registrations import registration_create
from apps.events.tokens import registration_manage_url
from apps.service_packages.tracking import tracking_link_token
from tests.events.factories import EventFactory
from tests.service_packages.factories import package, submit
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import VenueFactory

# A kept page is kept for one Beijing day: tests that expect a hit run at an instant far
# from midnight, or a slow first request under --clock=15:59:59.5Z crosses into the next
# day and rightly misses (the midnight test pins its own instant).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 30
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    page_cache_clear()
    yield
    page_cache_clear()


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.headers.get(HEADER)


def staff_client(django_user_model, **values):
    user = django_user_model.objects.create_user(
        username="editor", password="a long test password", is_staff=True, **values
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_CONTENT_EDITOR))
    client = Client()
    client.force_login(user)
    return client


# --- What is kept, and under which key ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/ar/events/",
        "/ja/events/?category=forum",
        "/en/events/forum/",
        "/fr/sister-cities/",
        "/ru/sister-cities/nakano/",
        "/zh-hans/venues/",
        "/es/venues/museum/",
        "/en/services/",
        "/en/events/feed.ics",
        "/en/events/forum.ics",
        "/sitemap.xml",
        "/sitemap-events.xml",
        "/robots.txt",
    ],
)
def test_a_public_page_is_rendered_once_and_then_served_from_memory(client, url):
    EventFactory(slug="forum", category="forum", in_days=10)
    SisterCityFactory(slug="nakano")
    VenueFactory(slug="museum")
    first, state = fetch(client, url)
    assert (first.status_code, state) == (200, "miss")
    second, state = fetch(client, url)
    assert (second.status_code, state) == (200, "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The security headers come with a kept page too.
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second.headers.get(name) == first.headers.get(name), name
    assert not second.cookies


def test_each_language_and_query_string_is_its_own_page(client):
    EventFactory(title_en="Forum", title_ja="フォーラム", category="forum", in_days=3)
    for url in ("/en/events/", "/ja/events/", "/en/events/?category=forum"):
        assert fetch(client, url)[1] == "miss", url
    assert "フォーラム" in fetch(client, "/ja/events/")[0].content.decode()
    assert "フォーラム" not in fetch(client, "/en/events/")[0].content.decode()
    assert fetch(client, "/en/events/?category=concert")[1] == "miss"


# --- Publishing ------------------------------------------------------------------------


def test_a_publish_shows_at_once_in_the_process_that_made_it(client):
    event = EventFactory(title_en="Lantern evening", status="draft", in_days=5)
    assert "Lantern evening" not in fetch(client, "/en/events/")[0].content.decode()
    assert fetch(client, "/en/events/")[1] == "hit"
    event.status = "published"
    event.save()
    response, state = fetch(client, "/en/events/")
    assert state == "miss"
    assert "Lantern evening" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_publish_elsewhere_shows_within_the_version_check(client, settings, venue_lookups):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0.3
    event = EventFactory(title_en="Lantern evening", status="draft", in_days=5)
    assert "Lantern evening" not in fetch(client, "/en/events/")[0].content.decode()
    # Another process publishes: the row and the shared number change in the database,
    # nothing of this process is told.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET status = 'published' WHERE id = %s", [event.pk])
        cursor.execute("UPDATE core_contentversion SET number = number + 1 WHERE id = 1")
    time.sleep(0.35)
    response, state = fetch(client, "/en/events/")
    assert state == "miss"
    assert "Lantern evening" in response.content.decode()


def test_unpublishing_takes_the_page_away_at_once(client):
    event = EventFactory(slug="forum", in_days=5)
    assert fetch(client, "/en/events/forum/")[0].status_code == 200
    assert fetch(client, "/en/events/forum/")[1] == "hit"
    event.status = "draft"
    event.save()
    assert fetch(client, "/en/events/forum/")[0].status_code == 404


def test_a_draft_seen_by_staff_is_never_kept_for_visitors(client, django_user_model):
    package(slug="draft-package", status="draft")
    editor = staff_client(django_user_model)
    staff_page, state = fetch(editor, "/en/services/draft-package/")
    assert (staff_page.status_code, state) == (200, "bypass")
    assert fetch(client, "/en/services/draft-package/")[0].status_code == 404
    assert len(page_store()) == 0


def test_staff_never_get_a_kept_page_and_never_fill_one(client, django_user_model):
    EventFactory(slug="forum", in_days=5)
    editor = staff_client(django_user_model)
    assert fetch(editor, "/en/events/forum/")[1] == "bypass"
    assert fetch(client, "/en/events/forum/")[1] == "miss"
    assert fetch(editor, "/en/events/forum/")[1] == "bypass"


# --- Private pages and visitors with state ----------------------------------------------


def test_a_registrants_private_page_is_never_kept(client):
    event = EventFactory(slug="forum", in_days=5, capacity=10, takes_registrations=True)
    result = registration_create(
        event_id=event.pk,
        name="Ana Lima",
        email="ana@example.org",
        country="BR",
        language="en",
        time_zone="Asia/Shanghai",
    )
    url = registration_manage_url(result.registration)
    for _ in range(2):
        response, state = fetch(client, url)
        assert response.status_code == 200
        assert state == "bypass"
        assert "Ana Lima" in response.content.decode()
    assert fetch(Client(), "/en/events/forum/")[1] == "miss"
    assert all("Ana Lima" not in page.content.decode() for page in page_store()._pages.values())


def test_an_applicants_tracking_page_is_never_kept(client):
    service_request = submit(package(slug="going-abroad"), enterprise_name="Acme Trading")
    url = f"/fr/services/track/link/{tracking_link_token(service_request)}/"
    for _ in range(2):
        response, state = fetch(client, url, follow=True)
        assert response.status_code == 200
        assert state == "bypass"
    assert len(page_store()) == 0


@pytest.mark.parametrize(
    "url", ["/en/events/forum/register/", "/en/services/going-abroad/apply/", "/en/services/track/"]
)
def test_pages_with_a_form_are_never_kept(client, url):
    EventFactory(slug="forum", in_days=5, capacity=10, takes_registrations=True)
    package(slug="going-abroad")
    for _ in range(2):
        response, state = fetch(client, url)
        assert response.status_code == 200
        assert state == "bypass"
    assert len(page_store()) == 0


def test_a_visitor_with_a_session_or_a_message_is_served_fresh(client):
    EventFactory(slug="forum", in_days=5)
    assert fetch(client, "/en/events/forum/")[1] == "miss"
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "anything"
        assert fetch(visitor, "/en/events/forum/")[1] == "bypass", cookie
    # The language and CSRF cookies say nothing about who the visitor is.
    visitor = Client()
    visitor.cookies["django_language"] = "fr"
    visitor.cookies["csrftoken"] = "x" * 32
    assert fetch(visitor, "/en/events/forum/")[1] == "hit"


def test_only_plain_gets_are_served_from_memory(client):
    EventFactory(slug="forum", in_days=5)
    fetch(client, "/en/events/forum/")
    assert client.head("/en/events/forum/").headers.get(HEADER) == "bypass"
    assert fetch(client, "/en/events/forum/", HTTP_AUTHORIZATION="Basic eDp5")[1] == "bypass"
    assert fetch(client, "/en/events/?q=" + "x" * 3000)[1] == "bypass"


def test_not_found_and_redirects_are_never_kept(client):
    assert fetch(client, "/en/events/no-such-event/")[0].status_code == 404
    assert fetch(client, "/en/events/no-such-event/")[1] == "bypass"
    assert client.get("/events/").status_code == 302
    assert len(page_store()) == 0


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    EventFactory(slug="forum", in_days=5)
    assert fetch(client, "/en/events/forum/")[1] is None
    assert fetch(client, "/en/events/forum/")[1] is None


# --- Time ----------------------------------------------------------------------------


@pytest.mark.clock("2026-12-02T15:59:00Z")
def test_pages_turn_with_the_beijing_day(client, _clock):
    SisterCityFactory(slug="nakano")
    assert fetch(client, "/en/sister-cities/nakano/")[1] == "miss"
    assert fetch(client, "/en/sister-cities/nakano/")[1] == "hit"
    _clock.move_to("2026-12-02T16:01:00Z")  # midnight in Beijing
    assert fetch(client, "/en/sister-cities/nakano/")[1] == "miss"


def test_a_kept_page_expires_after_its_time():
    store = PageStore(max_bytes=10_000)
    store.put(("k",), Page("1.0", expires=100.0, status=200, headers=(), content=b"x", size=300))
    assert store.get(("k",), version="1.0", now=99.0) is not None
    assert store.get(("k",), version="1.0", now=100.0) is None
    assert len(store) == 0


def test_a_kept_page_of_an_older_version_is_dropped():
    store = PageStore(max_bytes=10_000)
    store.put(("k",), Page("1.0", expires=100.0, status=200, headers=(), content=b"x", size=300))
    assert store.get(("k",), version="2.0", now=1.0) is None
    assert len(store) == 0


def test_the_store_keeps_to_its_memory_and_drops_the_least_recent():
    store = PageStore(max_bytes=1_000)
    for n in range(5):
        assert store.put((n,), Page("v", 1e9, 200, (), b"", size=240))
        if n == 1:
            assert store.get((0,), version="v", now=0) is not None  # 0 is used again
    assert store.size <= 1_000
    assert store.get((0,), version="v", now=0) is not None
    assert store.get((1,), version="v", now=0) is None
    # A page bigger than a quarter of the store is served but never kept.
    assert not store.put(("big",), Page("v", 1e9, 200, (), b"", size=300_000))


# --- The content version ---------------------------------------------------------------


def test_every_translated_model_is_public_content():
    from modeltranslation.translator import translator

    tracked = set(public_models())
    for model in translator.get_registered_models(abstract=False):
        if not model._meta.app_config.name.startswith("apps."):
            continue  # the suite's own test models
        assert model in tracked, f"{model._meta.label} is translated but not in public_models"


def shared_number() -> int:
    # A flush between transactional tests removes the row; the first bump makes it again.
    return ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


@pytest.mark.django_db(transaction=True)
def test_one_transaction_bumps_the_shared_number_once_after_it_commits(venue_lookups):
    before = shared_number()
    with transaction.atomic():
        for n in range(3):
            SisterCityFactory(slug=f"partner-{n}")
        assert shared_number() == before
    assert shared_number() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_never_bumps_the_shared_number(venue_lookups):
    before = shared_number()
    with transaction.atomic():
        SisterCityFactory(slug="kept")
        try:
            with transaction.atomic():
                SisterCityFactory(slug="dropped")
                raise RuntimeError
        except RuntimeError:
            pass
    assert shared_number() == before + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        SisterCityFactory(slug="also-dropped")
        raise RuntimeError
    assert shared_number() == before + 1


def test_relations_and_deletions_count_as_changes():
    event = EventFactory(in_days=5)
    city = SisterCityFactory()
    before = content_version()
    event.partner_cities.add(city)
    after_add = content_version()
    assert after_add != before
    Event.objects.get(pk=event.pk).delete()
    assert content_version() != after_add


def test_bulk_changes_bump_the_version_when_the_code_says_so():
    before = content_version()
    Event.objects.filter(starts_at__lt=timezone.now() - timedelta(days=1)).update(status="draft")
    assert content_version() == before
    content_version_bump()
    assert content_version() != before


def test_sitemaps_are_written_once_per_content_version_even_with_the_page_cache_off(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.CONTENT_VERSION_CHECK_SECONDS = 3600  # this process sees its own edits at once
    EventFactory(slug="forum", in_days=5)
    first = client.get("/sitemap-events.xml")
    with django_assert_num_queries(0):
        again = client.get("/sitemap-events.xml")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    EventFactory(slug="lanterns", in_days=6)
    assert b"/lanterns/" in client.get("/sitemap-events.xml").content
