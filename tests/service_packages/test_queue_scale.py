"""The staff queue holds at scale: constant queries per page, exact reference search, no
count of the whole table behind a filter, only the shown columns, and its indexes used."""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.service_packages.admin.queue import ServiceRequestAdmin
from apps.service_packages.models import ServiceRequest

from .factories import package

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status
REQUESTS = "/admin/service_packages/servicerequest/"
TABLE = "service_packages_servicerequest"
MAX_QUERIES = 8
# How each query of the list starts: its count, and its page of rows. The count alone,
# with no WHERE, is the whole table.
COUNT = 'SELECT COUNT(*) AS "__count" FROM "service_packages_servicerequest"'
PAGE = 'SELECT "service_packages_servicerequest"."id"'


@pytest.fixture(autouse=True)
def _admin_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def packages(going_abroad):
    # Named in Chinese and English only: other languages show a fallback.
    return [going_abroad, package(title_en="Single window", title_zh_hans="单一窗口")]


def add_requests(count, *, packages, officers, start=1):
    """`count` requests straight into the table: every status, two packages, some late."""
    today = timezone.localdate()
    now = timezone.now()
    names = ("Huaxin Trading", "Lotus Medical", "Muster GmbH")
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            reference=f"XC-2025-{n:06d}",
            package=packages[n % len(packages)],
            status=Status.values[n % len(Status.values)],
            enterprise_name=f"{names[n % len(names)]} {n}",
            enterprise_type=ServiceRequest.EnterpriseType.DOMESTIC,
            address="1 Example Street",
            contact_name=f"Contact {n}",
            email=f"desk{n}@example.org",
            phone="+86 10 1234 5678",
            language="en",
            consent_processing_at=now,
            submitted_at=now - timedelta(hours=n),
            due_on=today + timedelta(days=n % 9 - 4),
            officer=officers[n % len(officers)],
        )
        for n in range(start, start + count)
    )


def views(packages, colleague):
    """The queue's list as staff use it: (label, query string)."""
    year = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return [
        ("first page", {}),
        ("open", {"status": "open"}),
        ("one status", {"status": Status.IN_REVIEW}),
        ("package", {"package__id__exact": packages[1].pk}),
        ("mine", {"officer": "me"}),
        ("nobody's", {"officer": "none"}),
        ("a colleague's", {"officer": colleague.pk}),
        ("overdue", {"overdue": "yes"}),
        (
            "this year",
            {
                "submitted_at__gte": str(year),
                "submitted_at__lt": str(year.replace(year=year.year + 1)),
            },
        ),
        ("open and mine, by due date", {"status": "open", "officer": "me", "o": "7"}),
        ("reference", {"q": "XC-2025-000003"}),
        ("part of a name", {"q": "uaxin"}),
        ("part of an email", {"q": "desk4@"}),
    ]


def captured(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(REQUESTS, params)
    assert response.status_code == 200, params
    return [query["sql"] for query in context.captured_queries]


def references(response) -> set[str]:
    return set(re.findall(r">(XC-\d{4}-\d{6})</a></th>", response.content.decode()))


def tbody(response) -> str:
    return re.search(r"<tbody>.*?</tbody>", response.content.decode(), re.S).group(0)


@pytest.fixture
def more_requests(officer_client, packages, service_desk_officer):
    """Five requests in the queue; calling the fixture's value adds 55 more."""
    officers = [officer_client.officer, service_desk_officer, None]
    add_requests(5, packages=packages, officers=officers)

    def grow():
        add_requests(55, packages=packages, officers=officers, start=6)

    return grow


def test_every_view_of_the_queue_costs_the_same_few_queries_for_5_or_60_requests(
    officer_client, packages, service_desk_officer, more_requests
):
    shown = views(packages, service_desk_officer)
    few = {label: len(captured(officer_client, params)) for label, params in shown}
    more_requests()
    many = {label: len(captured(officer_client, params)) for label, params in shown}
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many


def test_a_later_page_costs_what_the_first_does(officer_client, more_requests, monkeypatch):
    more_requests()
    monkeypatch.setattr(ServiceRequestAdmin, "list_per_page", 10)
    first = captured(officer_client, {})
    later = captured(officer_client, {"p": "3"})
    assert len(later) == len(first) <= MAX_QUERIES


@pytest.mark.parametrize("language", ["en", "ja", "ar", "zh-hans"])
def test_in_every_language_the_package_titles_cost_no_query_per_row(
    officer_client, packages, more_requests, language
):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    few = len(captured(officer_client, {}))
    more_requests()
    response = officer_client.get(REQUESTS)
    assert len(captured(officer_client, {})) == few
    # Japanese and Arabic have no title of their own: the English one is shown.
    expected = "单一窗口" if language == "zh-hans" else "Single window"
    assert expected in tbody(response)


def test_a_whole_reference_finds_exactly_its_request_as_people_type_it(
    officer_client, more_requests
):
    more_requests()
    for typed in (
        "XC-2025-000003",
        "xc-2025-000003",
        "  XC 2025 000003 ",
        "XC–2025–000003",  # dashes from a word processor
        "XC2025000003",
        "\u2066XC-2025-000003\u2069",  # copied from an Arabic email
    ):
        response = officer_client.get(REQUESTS, {"q": typed})
        assert references(response) == {"XC-2025-000003"}, typed
    assert references(officer_client.get(REQUESTS, {"q": "XC-2025-000999"})) == set()


def test_the_exact_reference_search_is_one_equality_on_the_indexed_column(
    officer_client, more_requests
):
    sql = " ".join(captured(officer_client, {"q": "xc-2025-000003"}))
    assert f'"{TABLE}"."reference" = \'XC-2025-000003\'' in sql
    assert "LIKE" not in sql


def test_the_exact_reference_search_agrees_with_the_plain_one(officer_client, more_requests):
    more_requests()
    model_admin = admin.site._registry[ServiceRequest]
    request = RequestFactory().get(REQUESTS)
    request.user = officer_client.officer
    queryset = ServiceRequest.objects.all()
    for reference in ServiceRequest.objects.values_list("reference", flat=True):
        fast, _ = model_admin.get_search_results(request, queryset, reference)
        plain, _ = admin.ModelAdmin.get_search_results(model_admin, request, queryset, reference)
        assert set(fast) == set(plain), reference


def test_part_of_a_reference_a_name_or_an_email_is_still_found(officer_client, more_requests):
    more_requests()
    for typed, expected in (
        ("000003", {"XC-2025-000003"}),
        ("2025-00003", {f"XC-2025-{n:06d}" for n in range(30, 40)}),
        ("huaxin trading 12", {"XC-2025-000012"}),
        ("Contact 45", {"XC-2025-000045"}),
        ("desk7@example", {"XC-2025-000007"}),
    ):
        assert references(officer_client.get(REQUESTS, {"q": typed})) == expected, typed


def test_no_view_counts_the_whole_table_again_nor_scans_it_for_dates(
    officer_client, packages, service_desk_officer, more_requests
):
    more_requests()
    for label, params in views(packages, service_desk_officer):
        queries = captured(officer_client, params)
        whole = [sql for sql in queries if sql == COUNT]
        # Unfiltered, the count of the page is the table's (it says how many requests
        # there are); filtered, the table is not counted again for "N total".
        assert len(whole) == (1 if label == "first page" else 0), label
        # No date hierarchy: its years are a DISTINCT over every row.
        assert not any("DATE_TRUNC" in sql or "MIN(" in sql for sql in queries), label
    html = officer_client.get(REQUESTS, {"status": "open"}).content.decode()
    assert "Show all" in html


def test_the_list_reads_only_the_columns_it_shows(officer_client, more_requests):
    more_requests()
    page = [sql for sql in captured(officer_client, {}) if sql.startswith(PAGE)]
    assert len(page) == 1
    for unshown in ('"message"', '"address"', '"tracking_nonce"', '"password"', '"description'):
        assert unshown not in page[0]


# Two renders compared: at a pinned instant, so that no midnight falls between them and
# turns a request overdue in the second.
@pytest.mark.clock("2026-12-02T04:00:00Z")
@pytest.mark.parametrize(
    "params", [{}, {"status": "open"}, {"q": "XC-2025-000003"}, {"q": "lotus"}, {"o": "-2.7"}]
)
def test_the_list_shows_what_the_plain_changelist_shows(
    officer_client, more_requests, params, monkeypatch
):
    more_requests()
    fast = tbody(officer_client.get(REQUESTS, params))
    monkeypatch.setattr(ServiceRequestAdmin, "get_changelist", lambda self, request: ChangeList)
    assert tbody(officer_client.get(REQUESTS, params)) == fast


def test_the_submitted_filter_offers_this_year_and_the_years_before(
    officer_client, packages, service_desk_officer
):
    start = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    add_requests(3, packages=packages, officers=[None])
    for n, years in ((1, 0), (2, 1), (3, 2)):
        ServiceRequest.objects.filter(reference=f"XC-2025-{n:06d}").update(
            submitted_at=start.replace(year=start.year - years) + timedelta(days=40)
        )
    html = officer_client.get(REQUESTS).content.decode()
    assert "By submitted" in html and "This year" in html and "Past 7 days" in html
    for n, years in ((1, 0), (2, 1), (3, 2)):
        label = "This year" if years == 0 else str(start.year - years)
        link = re.search(rf'<a href="(\?submitted_at[^"]*)">{label}</a>', html).group(1)
        response = officer_client.get(REQUESTS + html_lib.unescape(link))
        assert references(response) == {f"XC-2025-{n:06d}"}, label
        assert re.search(
            rf'<li class="selected">\s*<a href="[^"]*">{label}</a>', response.content.decode()
        )


# --- The indexes ---------------------------------------------------------------------------


def constraints() -> dict:
    assert ServiceRequest._meta.db_table == TABLE
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, TABLE)


def test_indexes_follow_the_default_ordering_alone_and_after_the_status():
    indexes = constraints()
    assert ServiceRequest._meta.ordering == ["-submitted_at", "-pk"]
    assert indexes["request_queue_order"]["columns"] == ["submitted_at", "id"]
    assert indexes["request_queue_order"]["orders"] == ["DESC", "DESC"]
    assert indexes["request_status_queue"]["columns"] == ["status", "submitted_at", "id"]
    assert indexes["request_status_queue"]["orders"] == ["ASC", "DESC", "DESC"]
    assert indexes["service_packages_servicerequest_reference_key"]["unique"]


def test_each_searched_column_has_a_trigram_index_on_what_icontains_compares():
    indexes = constraints()
    for column, name in (
        ("reference", "request_reference_trgm"),
        ("enterprise_name", "request_enterprise_trgm"),
        ("contact_name", "request_contact_trgm"),
        ("email", "request_email_trgm"),
    ):
        assert indexes[name]["type"] == "gin"
        assert f"upper(({column})::text) gin_trgm_ops" in indexes[name]["definition"]
    assert set(ServiceRequestAdmin.search_fields) == {
        "reference",
        "enterprise_name",
        "contact_name",
        "email",
    }


def plan(sql: str) -> str:
    """The plan PostgreSQL takes when any index at all beats reading the table and sorting."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_sort")
    return text


@pytest.mark.parametrize(
    ("params", "index"),
    [
        ({}, "request_queue_order"),
        ({"status": Status.IN_REVIEW}, "request_status_queue"),
        ({"q": "uaxin"}, "request_enterprise_trgm"),
        ({"q": "desk4@"}, "request_email_trgm"),
        # The unique constraint's index, or its twin for LIKE (varchar_pattern_ops).
        ({"q": "XC-2025-000003"}, "service_packages_servicerequest_reference_"),
    ],
)
def test_the_pages_queries_can_use_the_indexes(officer_client, more_requests, params, index):
    more_requests()
    queries = captured(officer_client, params)
    (page,) = (sql for sql in queries if sql.startswith(PAGE))
    (count,) = (sql for sql in queries if sql.startswith(COUNT))
    assert index in plan(page) or index in plan(count)
