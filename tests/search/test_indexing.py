"""Keeping the index in step with the content: edits, withdrawals, publishing later,
drafts, an event's private data, the rows a document is made of, the rebuild, and a
change made while the broker is down or indexed by a real worker."""

import io
import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from apps.events.models import Registration
from apps.events.services import event_update
from apps.search import indexing
from apps.search.indexing import search_index_pending
from apps.search.models import PendingChange, SearchEntry
from apps.search.services import search_run
from tests.events.factories import EventFactory, EventSeriesFactory
from tests.service_packages.factories import item, package
from tests.sister_cities.factories import SisterCityFactory
from tests.venues.factories import RouteFactory, RouteStopFactory, VenueFactory
from xicheng_portal.celery import app as celery_app

pytestmark = pytest.mark.django_db

KINDS = ["partner", "event", "venue", "route", "service"]
# The name field of each kind's rows, and how staff make one.
NAME_FIELD = {
    "partner": "name",
    "event": "title",
    "venue": "name",
    "route": "title",
    "service": "title",
}
FACTORIES = {
    "partner": SisterCityFactory,
    "event": EventFactory,
    "venue": VenueFactory,
    "route": RouteFactory,
    "service": lambda **values: package(**values),
}
JOIN_URL = "https://meet.example.org/secret-room-42"
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def make(kind, word, **values):
    """A row of `kind` named "<word> ..." in Chinese and English, about `word` in its summary."""
    field = NAME_FIELD[kind]
    values.setdefault(f"{field}_en", f"{word} {kind}")
    values.setdefault(f"{field}_zh_hans", f"{word} 中文")
    values.setdefault("summary_en", f"All about {word}.")
    return FACTORIES[kind](**values)


def rename(kind, row, word):
    """What an edit in the admin does: the name and summary saved (an event through its service)."""
    field = NAME_FIELD[kind]
    setattr(row, f"{field}_en", f"{word} {kind}")
    setattr(row, f"{field}_zh_hans", f"{word} 中文")
    row.summary_en = f"Now all about {word}."
    if kind == "event":
        event_update(event=row)
    else:
        row.full_clean()
        row.save()


def found(query, language="en"):
    """(kind, slug) of the results of `query`, in their order."""
    return [(hit.kind, hit.slug) for hit in search_run(query, language=language).found.hits]


def entry_of(row, kind):
    return SearchEntry.objects.filter(kind=kind, object_id=row.pk).first()


def queued(kind, row) -> bool:
    return PendingChange.objects.filter(kind=kind, object_id=row.pk).exists()


@pytest.fixture(autouse=True)
def _lookups(venue_lookups):
    """The venues' seeded short lists (events' factories use its languages)."""


# --- Edits --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_is_queued_and_then_found_with_its_new_text(kind):
    row = make(kind, "Quenderby")
    assert queued(kind, row)
    assert search_index_pending() == 1
    assert found("Quenderby") == [(kind, row.slug)]
    assert not PendingChange.objects.exists()

    rename(kind, row, "Marlowick")
    assert queued(kind, row), "the edit queued its row in its own transaction"
    assert search_index_pending() == 1
    assert found("Marlowick") == [(kind, row.slug)]
    assert found("Quenderby") == []
    # "Did you mean" spells the new name, and no longer the old one.
    assert search_run("Marlowack", language="en").suggestion == "Marlowick"
    assert search_run("Quendeby", language="en").suggestion == ""
    [hit] = search_run("Marlowick", language="en").found.hits
    assert hit.title == f"Marlowick {kind}"
    assert "Now all about Marlowick." in hit.text  # the snippet's source text too
    # The Chinese name is indexed as well.
    assert found("中文", language="zh-hans") == [(kind, row.slug)]


def test_an_edit_made_while_its_row_is_being_indexed_is_indexed_again(monkeypatch):
    """The worker read the old text; an edit queued meanwhile must not be dropped with it."""
    venue = make("venue", "Quenderby")
    index = indexing.search_index
    edited = []

    def index_then_edit(kind, ids):
        done = index(kind, ids)  # the document is read and stored...
        if not edited:  # ...and staff save an edit before the worker is done
            edited.append(kind)
            rename("venue", venue, "Marlowick")
        return done

    monkeypatch.setattr(indexing, "search_index", index_then_edit)
    # The edit stays queued, and the same run takes it in its next round.
    assert search_index_pending() == 2
    assert found("Marlowick") == [("venue", venue.slug)]
    assert found("Quenderby") == []
    assert not PendingChange.objects.exists()


# --- Unpublishing, archiving, deleting: gone at once --------------------------------------


@pytest.mark.parametrize("action", ["draft", "archived", "deleted"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_withdrawn_row_leaves_the_results_before_any_worker_runs(kind, action):
    row = make(kind, "Quenderby")
    search_index_pending()
    assert found("Quenderby") == [(kind, row.slug)]
    pk = row.pk

    if action == "deleted":
        row.delete()
    else:
        publishable_set_status(obj=row, status=action)
    # No worker has run (the test's transaction never commits): the entry went with the edit.
    assert found("Quenderby") == []
    assert not SearchEntry.objects.filter(kind=kind, object_id=pk).exists()
    assert search_run("Quendeby", language="en").suggestion == ""
    # ...and the worker, when it comes, does not bring it back.
    search_index_pending()
    assert found("Quenderby") == []
    assert not PendingChange.objects.exists()


# --- Published for later --------------------------------------------------------------------


@pytest.mark.clock("2026-12-02")
@pytest.mark.parametrize("kind", KINDS)
def test_a_row_published_for_later_is_found_from_its_time_only(kind, _clock):
    row = make(kind, "Quenderby", publish_at=timezone.now() + timedelta(hours=3))
    search_index_pending()
    assert entry_of(row, kind) is not None, "indexed now, so that it is found on time"
    assert found("Quenderby") == []
    assert search_run("Quendeby", language="en").suggestion == ""

    _clock.move_to(timezone.now() + timedelta(hours=2, minutes=59))
    assert found("Quenderby") == []
    _clock.move_to(timezone.now() + timedelta(minutes=2))
    assert found("Quenderby") == [(kind, row.slug)]
    assert search_run("Quendeby", language="en").suggestion == "Quenderby"


@pytest.mark.clock("2026-12-02")
@pytest.mark.parametrize("kind", KINDS)
def test_a_public_row_put_off_to_later_leaves_the_results_at_once(kind, _clock):
    row = make(kind, "Quenderby")
    search_index_pending()
    assert found("Quenderby") == [(kind, row.slug)]

    row.publish_at = timezone.now() + timedelta(days=2)
    if kind == "event":
        event_update(event=row)
    else:
        row.save()
    assert found("Quenderby") == []
    assert search_run("Quendeby", language="en").suggestion == ""
    search_index_pending()
    assert found("Quenderby") == []
    assert search_run("Quendeby", language="en").suggestion == ""
    _clock.move_to(timezone.now() + timedelta(days=2, minutes=1))
    assert found("Quenderby") == [(kind, row.slug)]
    assert search_run("Quendeby", language="en").suggestion == "Quenderby"


# --- Drafts ---------------------------------------------------------------------------------


def test_drafts_and_their_words_appear_in_no_result_snippet_or_suggestion(client):
    drafts = {kind: make(kind, "Quenderby", status=PublishingStatus.DRAFT) for kind in KINDS}
    published = {kind: make(kind, "Marlowick") for kind in KINDS}
    for kind, row in drafts.items():
        # A published page shares a word with the draft; the draft's own words are its.
        setattr(row, f"{NAME_FIELD[kind]}_en", f"Marlowick Quenderby {kind}")
        row.summary_en = "Marlowick and the Zephyrine plans."
        row.save()
    # A draft venue on a published route, a draft series of a published event.
    draft_venue = VenueFactory(name_en="Thistlegrove Hall", draft=True)
    RouteStopFactory(route=published["route"], venue=draft_venue)
    published["event"].series = EventSeriesFactory(name_en="Thistlegrove Festival", draft=True)
    event_update(event=published["event"])
    search_index_pending()

    assert set(SearchEntry.objects.values_list("kind", "object_id")) == {
        (kind, row.pk) for kind, row in published.items()
    }
    for word in ("Quenderby", "Zephyrine", "Thistlegrove"):
        assert found(word) == [], word
    stored = json.dumps(list(SearchEntry.objects.values("titles", "texts", "names", "body")))
    for word in ("Quenderby", "Zephyrine", "Thistlegrove"):
        assert word.lower() not in stored.lower(), word

    # The published pages' results show only their own words.
    html = client.get("/en/search/", {"q": "Marlowick"}).content.decode()
    assert html.count('class="search-result"') == len(KINDS)
    for word in ("Quenderby", "Zephyrine", "Thistlegrove"):
        assert word not in html, word
    # "Did you mean" spells a published page's word, never a draft's.
    assert search_run("Marlowack", language="en").suggestion == "Marlowick"
    for typo in ("Quendeby", "Zephyrne", "Thistlgrove"):
        results = search_run(typo, language="en")
        assert results.suggestion == "" and not results.found.hits, typo
        page = client.get("/en/search/", {"q": typo}).content.decode()
        assert "Did you mean" not in page and "Showing results for" not in page, typo


# --- An event's private data ----------------------------------------------------------------


def test_an_event_entry_holds_neither_its_join_link_nor_its_registrants():
    event = EventFactory(
        title_en="Quenderby webinar",
        online=True,
        join_url=JOIN_URL,
        takes_registrations=True,
        organiser_en="Xicheng Foreign Affairs Office",
        summary_en="Online; the link is sent to participants.",
    )
    Registration.objects.create(
        event=event,
        status=Registration.Status.CONFIRMED,
        name="Alena Kavalenka",
        email="alena.kavalenka@example.org",
        organisation="Minsk City Library",
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
        consented_at=timezone.now(),
    )
    event_update(event=event)
    search_index_pending()

    entry = entry_of(event, "event")
    assert entry is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchentry WHERE id = %s", [entry.pk])
        [vector] = cursor.fetchone()
    stored = json.dumps([entry.titles, entry.texts, entry.names, entry.body, vector]).lower()
    for private in (
        JOIN_URL,
        "meet.example",
        "secret",
        "room-42",
        "kavalenka",
        "alena",
        "minsk",
        "example.org",
    ):
        assert private not in stored, private
    assert "xicheng foreign affairs office" in stored  # the public organiser is there
    for query in ("secret-room-42", "meet.example.org", "Kavalenka", "Minsk"):
        assert found(query) == [], query


# --- The rows a document is made of -----------------------------------------------------------


def test_a_required_document_service_or_step_edited_reindexes_its_package():
    going = package(title_en="Going Abroad")
    service = item(
        going,
        title="Quenderby card",
        documents=[("Zephyrine certificate", True, "pdf")],
        steps=["Thistlegrove review"],
    )
    search_index_pending()
    for word in ("Quenderby", "Zephyrine", "Thistlegrove"):
        assert found(word) == [("service", going.slug)], word

    parts = [
        (service, "title", "Marlowick card"),
        (service.documents.get(), "name", "Brackenridge certificate"),
        (service.steps.get(), "title", "Fennimore review"),
    ]
    for part, field, text in parts:
        setattr(part, f"{field}_en", text)
        setattr(part, f"{field}_zh_hans", text)
        part.save()
        assert queued("service", going), type(part).__name__
        search_index_pending()
    for old in ("Quenderby", "Zephyrine", "Thistlegrove"):
        assert found(old) == [], old
    for new in ("Marlowick", "Brackenridge", "Fennimore"):
        assert found(new) == [("service", going.slug)], new

    service.documents.get().delete()
    assert queued("service", going)
    search_index_pending()
    assert found("Brackenridge") == []


def test_a_route_stop_added_moved_or_removed_reindexes_its_route():
    route = RouteFactory(title_en="Old town walk")
    hall = VenueFactory(name_en="Quenderby Hall", name_zh_hans="昆德比厅")
    search_index_pending()
    assert found("Quenderby") == [("venue", hall.slug)]

    stop = RouteStopFactory(route=route, venue=hall)
    assert queued("route", route)
    search_index_pending()
    assert sorted(found("Quenderby")) == [("route", route.slug), ("venue", hall.slug)]

    # The stop moves to another route: both routes are indexed again.
    other = RouteFactory(title_en="Lakeside walk")
    search_index_pending()
    stop.route = other
    stop.save()
    assert queued("route", other)
    search_index_pending()
    assert sorted(found("Quenderby")) == [("route", other.slug), ("venue", hall.slug)]

    stop.delete()
    assert queued("route", other)
    search_index_pending()
    assert found("Quenderby") == [("venue", hall.slug)]


def test_a_venue_withdrawn_leaves_the_routes_through_it():
    route = RouteFactory(title_en="Old town walk")
    hall = VenueFactory(name_en="Quenderby Hall", name_zh_hans="昆德比厅")
    RouteStopFactory(route=route, venue=hall)
    search_index_pending()
    assert ("route", route.slug) in found("Quenderby")

    publishable_set_status(obj=hall, status=PublishingStatus.DRAFT)
    assert queued("route", route)
    search_index_pending()
    assert found("Quenderby") == []
    assert found("Old town walk") == [("route", route.slug)]


def test_a_series_renamed_reindexes_its_events():
    series = EventSeriesFactory(name_en="Quenderby Festival", name_zh_hans="昆德比节")
    first = EventFactory(series=series, title_en="Opening concert")
    second = EventFactory(series=series, title_en="Closing concert", in_days=40)
    search_index_pending()
    assert sorted(found("Quenderby")) == sorted([("event", first.slug), ("event", second.slug)])

    series.name_en = "Marlowick Festival"
    series.name_zh_hans = "马洛维克节"
    series.save()
    assert queued("event", first) and queued("event", second)
    search_index_pending()
    assert found("Quenderby") == []
    assert sorted(found("Marlowick")) == sorted([("event", first.slug), ("event", second.slug)])

    publishable_set_status(obj=series, status=PublishingStatus.DRAFT)
    search_index_pending()
    assert found("Marlowick") == []


def test_events_are_found_under_their_venue_and_partner_names_below_them():
    venue = VenueFactory(name_en="Quenderby Hall", name_zh_hans="昆德比馆")
    city = SisterCityFactory(name_en="Marlowick", name_zh_hans="马洛维克")
    event = EventFactory(venue=venue, title_en="Opening concert")
    event.partner_cities.add(city)
    search_index_pending()
    assert found("Quenderby Hall") == [("venue", venue.slug), ("event", event.slug)]
    assert found("昆德比馆", language="zh-hans") == [("venue", venue.slug), ("event", event.slug)]
    assert found("Marlowick") == [("partner", city.slug), ("event", event.slug)]

    # Renamed: the event is queued and found under the new names only.
    venue.name_en = "Tarrowmere Hall"
    venue.save()
    city.name_en = "Brisklow"
    city.save()
    assert queued("event", event)
    search_index_pending()
    assert found("Quenderby") == [] and found("Marlowick") == []
    assert ("event", event.slug) in found("Tarrowmere") and ("event", event.slug) in found(
        "Brisklow"
    )

    # Withdrawn or deleted: no longer a name the event is found under.
    publishable_set_status(obj=venue, status=PublishingStatus.DRAFT)
    city.delete()
    search_index_pending()
    assert found("Tarrowmere") == [] and found("Brisklow") == []
    assert found("Opening concert") == [("event", event.slug)]


def test_a_venue_category_linked_from_either_side_reindexes_the_venue():
    from apps.venues.models import ResourceCategory

    category = ResourceCategory.objects.order_by("pk").first()
    category.name_en = "Quenderby collections"
    category.save()
    hall = VenueFactory(name_en="Old hall")
    search_index_pending()
    assert found("Quenderby") == []

    hall.categories.add(category)
    assert queued("venue", hall)
    search_index_pending()
    assert found("Quenderby") == [("venue", hall.slug)]

    category.venue_set.remove(hall)
    assert queued("venue", hall)
    search_index_pending()
    assert found("Quenderby") == []

    category.venue_set.add(hall)
    search_index_pending()
    category.venue_set.clear()
    assert queued("venue", hall)
    search_index_pending()
    assert found("Quenderby") == []


# --- The rebuild ------------------------------------------------------------------------------


def test_the_rebuild_indexes_every_public_row_and_drops_entries_of_rows_gone():
    rows = {kind: make(kind, f"Quenderby{kind}") for kind in KINDS}
    draft = make("venue", "Zephyrine", status=PublishingStatus.DRAFT)
    scheduled = make("venue", "Thistlegrove", publish_at=timezone.now() + timedelta(days=3))
    # As after a restore or `loaddata` (no signals): nothing indexed, nothing queued, and
    # entries left by rows that are gone and by a source no longer installed.
    PendingChange.objects.all().delete()
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="venue", object_id=draft.pk + 1000, slug="gone")
    SearchEntry.objects.create(kind="uninstalled", object_id=1, slug="old")
    SearchEntry.objects.create(kind="venue", object_id=draft.pk, slug=draft.slug)

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert set(SearchEntry.objects.values_list("kind", "object_id")) == {
        *((kind, row.pk) for kind, row in rows.items()),
        ("venue", scheduled.pk),
    }
    for kind, row in rows.items():
        assert found(f"Quenderby{kind}") == [(kind, row.slug)]
    assert found("Zephyrine") == [] and found("Thistlegrove") == []
    assert "Indexed 6 pages." in out.getvalue()
    assert not PendingChange.objects.exists()

    # One kind only: the others are left as they are.
    SearchEntry.objects.filter(kind="partner").delete()
    call_command("rebuild_search_index", kind=["venue"], stdout=io.StringIO())
    assert not SearchEntry.objects.filter(kind="partner").exists()
    assert SearchEntry.objects.filter(kind="event").exists()


@pytest.mark.django_db(transaction=True)
def test_workers_leave_the_queue_alone_while_a_rebuild_runs(monkeypatch):
    """A worker could store a change and the rebuild then its older text: the changes
    queued during a rebuild are indexed after it."""
    venue = VenueFactory(name_en="Quenderby Museum")  # committed, and queued
    started, taken_by_a_worker = [], []
    store = indexing.backend

    def worker():
        try:
            taken_by_a_worker.append(search_index_pending())
        finally:
            connections.close_all()  # this thread's own connection

    class WorkerMeanwhile:
        def store(self, rows):
            if not started:
                started.append(True)
                thread = threading.Thread(target=worker)
                thread.start()
                thread.join()
            store().store(rows)

    monkeypatch.setattr(indexing, "backend", WorkerMeanwhile)
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert taken_by_a_worker == [0]
    assert not PendingChange.objects.exists(), "the command indexed what waited, after"
    assert found("Quenderby") == [("venue", venue.slug)]


# --- The broker down, and a real worker ------------------------------------------------------


def _use_broker(url):
    """Point this process's Celery app at `url`, dropping pools made for the old address."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings):
    working = celery_app.conf.broker_url  # read through to Django's settings: before they change
    settings.CELERY_BROKER_URL = CLOSED_PORT_URL
    _use_broker(CLOSED_PORT_URL)
    try:
        yield
    finally:
        settings.CELERY_BROKER_URL = working
        _use_broker(working)


@pytest.mark.django_db(transaction=True)
def test_an_edit_made_while_the_broker_is_down_is_saved_and_indexed_later(broker_down, caplog):
    # Committed for real: the worker is asked after each commit, and cannot be reached.
    venue = VenueFactory(name_en="Quenderby Museum")
    search_index_pending()
    assert found("Quenderby") == [("venue", venue.slug)]

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="apps.search.indexing"):
        rename("venue", venue, "Marlowick")
    took = time.monotonic() - started
    assert took < 5, f"the editor waited {took:.1f} s"
    assert "Could not reach the task queue" in caplog.text
    venue.refresh_from_db()
    assert venue.name_en == "Marlowick venue"
    assert queued("venue", venue), "the change waits for beat in the database"

    search_index_pending()  # what beat runs every minute once the broker is back
    assert found("Marlowick") == [("venue", venue.slug)]
    assert not PendingChange.objects.exists()


def test_one_transaction_asks_the_worker_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(3):
            make("venue", f"Quenderby{n}")
        make("partner", "Marlowick")
    assert PendingChange.objects.count() == 4
    assert callbacks.count(indexing._kick) == 1


@pytest.fixture(scope="module")
def celery_worker_thread():
    celery_app.conf.broker_url.startswith("redis://") or pytest.fail("tests need the Redis broker")
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10
    ) as worker:
        yield worker


def _eventually(check, *, what, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds:.0f} s")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_change_is_indexed_by_a_real_worker(celery_worker_thread):
    venue = VenueFactory(name_en="Quenderby Museum")  # committed: the worker is asked
    _eventually(lambda: found("Quenderby") == [("venue", venue.slug)], what="indexing")
    rename("venue", venue, "Marlowick")
    _eventually(lambda: found("Marlowick") == [("venue", venue.slug)], what="re-indexing")
    assert found("Quenderby") == []
    _eventually(lambda: not PendingChange.objects.exists(), what="emptying the queue")


def test_event_documents_read_venues_and_partners_in_constant_queries(
    django_assert_max_num_queries,
):
    """The rebuild reads every event's venue and partner cities with it, not one by one."""
    from apps.events.search import event_documents

    def add_events(number):
        for _ in range(number):
            event = EventFactory(venue=VenueFactory())
            event.partner_cities.add(SisterCityFactory(), SisterCityFactory())

    add_events(2)
    with CaptureQueriesContext(connection) as few:
        assert len(list(event_documents(None))) == 2
    add_events(5)
    with django_assert_max_num_queries(len(few)):
        documents = list(event_documents(None))
    assert len(documents) == 7
    assert all(document.related.get("en") for document in documents)
