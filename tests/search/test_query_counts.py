"""What visitors search for, counted for staff: the first page of all results is one
search, Redis keeps the counts until beat saves them, an outage loses a count but never
the page, and the statistics page shows counts only, to the staff allowed to see them."""

import html
import logging
import re
import time
from datetime import date, timedelta

import pytest
import redis
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.core.services import STAFF_GROUP_SITE_ADMIN
from apps.search.indexing import search_index_pending
from apps.search.models import QueryCount
from apps.search.services import COUNTS_KEY, search_query_counts_save
from apps.search.tasks import save_query_counts
from tests.venues.factories import VenueFactory
from xicheng_portal.celery import app as celery_app

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
STATISTICS_URL = "/admin/search/querycount/"
# For tests that take "today" at two moments (a search and its check, the rows and the
# page): far from midnight in Beijing and in UTC. The Beijing day is tested on its own.
MIDDAY_IN_BEIJING = pytest.mark.clock("2026-12-02T04:00Z")


@pytest.fixture
def museum():
    venue = VenueFactory(name_en="Quenderby Museum", name_zh_hans="昆德比博物馆")
    search_index_pending()
    return venue


def search(client, language="en", **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response


def waiting_counts() -> dict[str, int]:
    """The counts in Redis that beat has not saved yet."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    return {field.decode(): int(value) for field, value in client.hgetall(COUNTS_KEY).items()}


def waiting(query, *, language="en", found=True):
    day = timezone.localdate().isoformat()
    return "\x1f".join((day, language, "1" if found else "0", query))


def saved_counts() -> set[tuple]:
    return set(QueryCount.objects.values_list("day", "language", "query", "found", "count"))


# --- Counting -----------------------------------------------------------------------------


@MIDDAY_IN_BEIJING
def test_the_first_page_of_all_results_is_one_search(client, museum):
    search(client, q="Quenderby")
    search(client, q="  QUENDERBY  ")  # the same query, folded
    search(client, q="Quenderby", page="2")  # browsing the results
    search(client, q="Quenderby", type="venue")  # narrowing them
    search(client, q="")
    search(client, q="!!! ???")  # nothing to look for
    search(client, language="fr", q="Quenderby")
    search(client, q="xylophonic zebra")
    assert waiting_counts() == {
        waiting("quenderby"): 2,
        waiting("quenderby", language="fr"): 1,
        waiting("xylophonic zebra", found=False): 1,
    }
    assert not QueryCount.objects.exists(), "a search page writes nothing to the database"


@MIDDAY_IN_BEIJING
def test_beat_moves_the_counts_into_the_database(client, museum):
    today = timezone.localdate()
    for _ in range(3):
        search(client, q="Quenderby")
    search(client, q="xylophonic zebra")

    assert search_query_counts_save() == 2
    assert waiting_counts() == {}
    assert saved_counts() == {
        (today, "en", "quenderby", True, 3),
        (today, "en", "xylophonic zebra", False, 1),
    }
    # Later searches add to the same rows; the task beat runs does the same.
    search(client, q="Quenderby")
    save_query_counts()
    assert saved_counts() == {
        (today, "en", "quenderby", True, 4),
        (today, "en", "xylophonic zebra", False, 1),
    }
    assert search_query_counts_save() == 0  # nothing counted since


@pytest.mark.clock("2026-12-02T16:00:30Z")
def test_a_search_counts_on_the_beijing_day(client, museum):
    search(client, q="Quenderby")  # half past midnight in Beijing, still the 2nd in UTC
    assert list(waiting_counts()) == ["2026-12-03\x1fen\x1f1\x1fquenderby"]
    search_query_counts_save()
    assert saved_counts() == {(date(2026, 12, 3), "en", "quenderby", True, 1)}


def test_beat_saves_the_counts_and_indexes_waiting_changes():
    schedules = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    saving, indexing = schedules["search.save_query_counts"], schedules["search.index_pending"]
    assert isinstance(saving, crontab) and saving.minute == set(range(0, 60, 5))
    assert isinstance(indexing, crontab) and indexing.minute == set(range(60))
    # The names beat sends are the ones a worker knows.
    assert {"search.save_query_counts", "search.index_pending"} <= set(celery_app.tasks)
    assert save_query_counts.name == "search.save_query_counts"


def test_a_redis_outage_loses_the_count_but_never_the_page(client, museum, settings, caplog):
    working = settings.REDIS_URL
    settings.REDIS_URL = CLOSED_PORT_URL
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_URL,
        },
    }
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="apps.search.services"):
        response = search(client, q="Quenderby")
    took = time.monotonic() - started
    assert took < 5, f"the visitor waited {took:.1f} s"
    assert "Quenderby Museum" in response.content.decode()
    assert "Could not count a search query" in caplog.text

    settings.REDIS_URL = working
    assert waiting_counts() == {}
    assert not QueryCount.objects.exists()


@MIDDAY_IN_BEIJING
def test_a_count_keeps_no_address_session_or_time_of_day(client, museum):
    response = client.get(
        "/en/search/",
        {"q": "Quenderby"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Mozilla/5.0 (Quenderby test)",
    )
    assert response.status_code == 200
    assert list(waiting_counts()) == [waiting("quenderby")]  # day, language, found, query
    search_query_counts_save()
    assert [field.name for field in QueryCount._meta.get_fields()] == [
        "id",
        "day",
        "language",
        "query",
        "found",
        "count",
    ]
    row = QueryCount.objects.values_list().get()
    assert not any("203.0.113" in str(value) or "Mozilla" in str(value) for value in row)
    assert not Session.objects.exists(), "a visitor's search opens no session"
    assert settings.SESSION_COOKIE_NAME not in response.cookies


# --- The statistics page ------------------------------------------------------------------


@pytest.fixture
def counts():
    today = timezone.localdate()

    def count(query, language, found, number, days_ago=0):
        return QueryCount(
            day=today - timedelta(days=days_ago),
            language=language,
            query=query,
            found=found,
            count=number,
        )

    QueryCount.objects.bulk_create(
        [
            count("visa letter", "en", True, 12),
            count("visa letter", "en", False, 3, days_ago=1),
            count("apec card", "en", True, 7, days_ago=6),
            count("tea house", "en", False, 5),
            count("<script>alert(1)</script>", "en", False, 1),
            count("opera tickets", "en", False, 40, days_ago=20),
            count("ancient query", "en", True, 99, days_ago=100),
            count("lettre d'invitation", "fr", False, 9),
            count("签证", "zh-hans", True, 30, days_ago=2),
        ]
    )


def table(page: str, table_id: str) -> list[tuple[str, ...]]:
    """The rows of one table of the statistics page: the query, then its cells' text."""
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.DOTALL)
    assert match, table_id
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", match.group(1), re.DOTALL):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        if 'scope="row"' in row:
            rows.append(tuple(html.unescape(cell.strip()) for cell in cells))
    return rows


def statistics(client, **params) -> str:
    """The statistics page, in English (the admin's language is the staff member's)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(STATISTICS_URL, params)
    assert response.status_code == 200
    return response.content.decode()


@MIDDAY_IN_BEIJING
def test_editors_see_the_most_frequent_queries_and_those_that_found_nothing(editor_client, counts):
    page = statistics(editor_client, language="en", days="7")
    assert table(page, "top-queries") == [
        ("visa letter", "15", "3"),
        ("apec card", "7", "0"),
        ("tea house", "5", "5"),
        ("<script>alert(1)</script>", "1", "1"),
    ]
    assert table(page, "queries-found-nothing") == [
        ("tea house", "5"),
        ("visa letter", "3"),
        ("<script>alert(1)</script>", "1"),
    ]
    assert "<script>alert(1)" not in page  # what visitors typed is shown, never run
    assert "28 searches in English" in page and "9 found nothing" in page

    # A longer period; another language.
    month = statistics(editor_client, language="en", days="30")
    assert table(month, "top-queries")[0] == ("opera tickets", "40", "40")
    assert "ancient query" not in statistics(editor_client, language="en", days="90")
    french = statistics(editor_client, language="fr", days="7")
    assert table(french, "top-queries") == [("lettre d'invitation", "9", "9")]
    assert table(french, "queries-found-nothing") == [("lettre d'invitation", "9")]


@MIDDAY_IN_BEIJING
@pytest.mark.clock("2026-12-02T16:30Z")
def test_the_periods_end_on_the_beijing_day(editor_client):
    for day, query in ((date(2026, 12, 3), "today in beijing"), (date(2026, 11, 26), "too old")):
        QueryCount.objects.create(day=day, language="en", query=query, found=True, count=1)
    page = statistics(editor_client, language="en", days="7")
    assert table(page, "top-queries") == [("today in beijing", "1", "0")]
    assert "from Nov. 27, 2026 to Dec. 3, 2026" in page


def test_all_languages_for_the_last_thirty_days_by_default(editor_client, counts):
    page = statistics(editor_client)
    assert table(page, "top-queries") == [
        ("opera tickets", "English", "40", "40"),
        ("签证", "Simplified Chinese", "30", "0"),
        ("visa letter", "English", "15", "3"),
        ("lettre d'invitation", "French", "9", "9"),
        ("apec card", "English", "7", "0"),
        ("tea house", "English", "5", "5"),
        ("<script>alert(1)</script>", "English", "1", "1"),
    ]
    assert 'aria-labelledby="changelist-filter-header"' in page
    # Values that are not offered give the default page, not an error.
    odd = statistics(editor_client, language="xx", days="5")
    for table_id in ("top-queries", "queries-found-nothing"):
        assert table(odd, table_id) == table(page, table_id)


def test_only_staff_allowed_to_view_search_queries_get_the_page(
    client, content_editor, service_desk_officer, registrations_officer, django_user_model
):
    assert content_editor.has_perm("search.view_querycount")
    for action in ("add", "change", "delete"):
        assert not content_editor.has_perm(f"search.{action}_querycount"), action

    response = client.get(STATISTICS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    for officer in (service_desk_officer, registrations_officer):
        client.force_login(officer)
        assert client.get(STATISTICS_URL).status_code == 403, officer.username
        assert STATISTICS_URL not in client.get("/admin/").content.decode()

    administrator = django_user_model.objects.create_user(
        username="root", password="a long test password", is_staff=True
    )
    administrator.groups.add(Group.objects.get(name=STAFF_GROUP_SITE_ADMIN))
    client.force_login(administrator)
    assert client.get(STATISTICS_URL).status_code == 200

    client.force_login(content_editor)
    assert STATISTICS_URL in client.get("/admin/").content.decode()
    # Nothing but the statistics: no form to add, change or delete a count.
    row = QueryCount.objects.create(
        day=timezone.localdate(), language="en", query="x", found=True, count=1
    )
    for path in ("add/", f"{row.pk}/change/", f"{row.pk}/delete/", f"{row.pk}/history/"):
        assert client.get(STATISTICS_URL + path).status_code == 404, path
    assert client.post(STATISTICS_URL, {"action": "delete_selected"}).status_code == 405
