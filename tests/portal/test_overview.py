"""The overview on the admin home: each role's figures on seeded data at a pinned instant,
the links that show the same rows, who sees which panel, a constant number of queries,
and charts that are accessible SVG with a table beside them."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from apps.core.models import Heartbeat, PublishingStatus
from apps.core.services import STAFF_GROUP_SITE_ADMIN, heartbeat_record
from apps.core.tasks import heartbeat
from apps.events.models import Delivery, Registration, RegistrationSummary
from apps.portal.overview import staff_overview
from apps.service_packages.models import (
    RequestNotification,
    RequestStatistic,
    ServicePackage,
    ServiceRequest,
)
from apps.sister_cities.models import SisterCity
from tests.events.factories import EventFactory, confirmed_registrations
from tests.service_packages.factories import going_abroad_package, submit

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T04:00:00Z")]

BEIJING = ZoneInfo("Asia/Shanghai")
Status = ServiceRequest.Status
INDEX = "/admin/"
REQUESTS = "/admin/service_packages/servicerequest/"
# 2026-12-02 12:00 in Beijing, a Wednesday: this week runs from Monday 30 November to
# Sunday 6 December.
TODAY = date(2026, 12, 2)


def beijing(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _admin_in_english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def site_admin(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="siteadmin", password="a long test password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_SITE_ADMIN))
    return user


def _seed_requests(officer, other):
    """Nine requests over three weeks; what each figure should count is in its comment."""
    package = going_abroad_package()
    this_week, last_week, long_ago = TODAY, TODAY - timedelta(weeks=1), TODAY - timedelta(weeks=13)
    plan = [
        # (submitted on, values): new = submitted; unassigned/mine = open without/with officer
        (this_week, {"status": Status.SUBMITTED}),  # new, unassigned
        (this_week, {"status": Status.SUBMITTED, "officer": officer}),  # new, mine
        # Overdue: awaiting the desk and due before today.
        (
            last_week,
            {"status": Status.IN_REVIEW, "officer": officer, "due_on": TODAY - timedelta(days=1)},
        ),
        # Due this week: today and Sunday count, next Monday does not.
        (last_week, {"status": Status.IN_REVIEW, "officer": other, "due_on": TODAY}),
        (last_week, {"status": Status.SUBMITTED, "officer": other, "due_on": date(2026, 12, 6)}),
        (last_week, {"status": Status.SUBMITTED, "officer": other, "due_on": date(2026, 12, 7)}),
        # Waiting for the applicant: neither overdue nor due, but open and unassigned.
        (last_week, {"status": Status.INFO_REQUESTED, "due_on": TODAY - timedelta(days=3)}),
        (last_week, {"status": Status.COMPLETED, "officer": officer}),  # closed
        (long_ago, {"status": Status.REJECTED}),  # before the 12 weeks of the chart
    ]
    rows = []
    for day, values in plan:
        row = submit(package, now=beijing(day))
        ServiceRequest.objects.filter(pk=row.pk).update(**values)
        rows.append(row)
    return rows


def _figures(html: str, panel: str) -> dict[str, int]:
    section = html.split(f'id="overview-{panel}"', 1)[1].split("</section>", 1)[0]
    return {
        label: int(number)
        for number, label in re.findall(
            r'class="overview-number"[^>]*>(\d+)</span> <span class="overview-label">([^<]+)<',
            section,
        )
    }


def _desk_links(html: str) -> dict[str, str]:
    section = html.split('id="overview-desk"', 1)[1].split("</section>", 1)[0]
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(
            r'<a href="([^"]+)"><span class="overview-number"[^>]*>\d+</span> '
            r'<span class="overview-label">([^<]+)<',
            section,
        )
    }


def _references(response) -> set[str]:
    return set(re.findall(r"XC-\d{4}-\d+", response.content.decode()))


# --- The service desk -------------------------------------------------------------------


def test_desk_figures_and_the_lists_behind_them(client, service_desk_officer, django_user_model):
    other = django_user_model.objects.create_user(username="other", is_staff=True)
    _seed_requests(service_desk_officer, other)
    client.force_login(service_desk_officer)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    figures = _figures(html, "desk")
    assert figures == {
        "New": 4,
        "Unassigned": 2,
        "Assigned to me": 2,
        "Overdue": 1,
        "Due this week": 2,
    }
    # Each figure opens the list of exactly the rows it counts.
    for label, href in _desk_links(html).items():
        listed = _references(client.get(href))
        assert len(listed) == figures[label], label


def test_requests_per_week_by_status(service_desk_officer, django_user_model):
    other = django_user_model.objects.create_user(username="other", is_staff=True)
    _seed_requests(service_desk_officer, other)
    panel = staff_overview(user=service_desk_officer)["desk"]
    assert [week["start"] for week in panel.weeks][-2:] == [
        date(2026, 11, 23),
        TODAY - timedelta(2),
    ]
    assert panel.weeks[0]["start"] == date(2026, 9, 14)
    statuses = [key for key, _label in panel.statuses]
    this_week = dict(
        zip(statuses, (count for count, _url in panel.weeks[-1]["cells"]), strict=True)
    )
    last_week = dict(
        zip(statuses, (count for count, _url in panel.weeks[-2]["cells"]), strict=True)
    )
    assert this_week["submitted"] == 2 and panel.weeks[-1]["total"] == 2
    assert last_week == {
        "submitted": 2,
        "in_review": 2,
        "info_requested": 1,
        "approved": 0,
        "rejected": 0,
        "completed": 1,
        "withdrawn": 0,
    }
    # The request of 13 weeks ago is outside the chart.
    assert sum(week["total"] for week in panel.weeks) == 8
    # The chart stacks the same counts: two segments this week, four the week before.
    assert [len(column.segments) for column in panel.chart.columns][-2:] == [4, 1]


def test_a_week_cell_opens_that_weeks_requests_of_that_status(client, service_desk_officer):
    _seed_requests(service_desk_officer, service_desk_officer)
    client.force_login(service_desk_officer)
    panel = staff_overview(user=service_desk_officer)["desk"]
    statuses = [key for key, _label in panel.statuses]
    count, url = panel.weeks[-2]["cells"][statuses.index("in_review")]
    assert count == 2
    assert len(_references(client.get(url))) == 2
    assert len(_references(client.get(panel.weeks[-2]["url"]))) == 6


def test_a_week_is_counted_in_beijing_days(service_desk_officer):
    """Sunday 23:30 in Beijing is still last week, though it is Sunday afternoon in UTC;
    Monday 00:30 in Beijing (Sunday in UTC) is this week."""
    package = going_abroad_package()
    submit(package, now=datetime(2026, 11, 29, 23, 30, tzinfo=BEIJING))
    submit(package, now=datetime(2026, 11, 30, 0, 30, tzinfo=BEIJING))
    panel = staff_overview(user=service_desk_officer)["desk"]
    assert [week["total"] for week in panel.weeks][-2:] == [1, 1]


# --- Editors ----------------------------------------------------------------------------


def test_editor_figures(client, content_editor):
    now = timezone.now()
    full = EventFactory(starts_at=now + timedelta(days=3), capacity=4, takes_registrations=True)
    confirmed_registrations(full, 4)
    Registration.objects.create(
        event=full,
        status=Registration.Status.WAITLISTED,
        name="Late",
        email="late@example.org",
        country="FR",
        language="fr",
        time_zone="Europe/Paris",
        consented_at=now,
        waitlisted_at=now,
    )
    half = EventFactory(starts_at=now + timedelta(days=10), capacity=10, takes_registrations=True)
    confirmed_registrations(half, 5)
    EventFactory(starts_at=now + timedelta(days=40))  # after the 30 days
    EventFactory(starts_at=now + timedelta(days=5), draft=True)  # a draft: to review
    EventFactory(starts_at=now - timedelta(days=5))  # over
    # Partners: a 40th anniversary on 1 March 2027 (within 180 days), a 35th in 2027-08.
    SisterCity.objects.create(
        name_zh_hans="中野区",
        name_en="Nakano",
        slug="nakano",
        country="JP",
        kind=SisterCity.Kind.SISTER_CITY,
        established_on=date(1987, 3, 1),
        status=PublishingStatus.PUBLISHED,
    )
    SisterCity.objects.create(
        name_zh_hans="明斯克",
        name_en="Minsk",
        slug="minsk",
        country="BY",
        kind=SisterCity.Kind.SISTER_CITY,
        established_on=date(1992, 8, 1),
        status=PublishingStatus.PUBLISHED,
        publish_at=now + timedelta(days=2),  # scheduled: to review, not yet public
    )
    client.force_login(content_editor)
    html = client.get(INDEX).content.decode()
    assert _figures(html, "editor") == {
        "Events in the next 30 days": 2,
        "Round anniversaries in the next 180 days": 1,
    }
    panel = staff_overview(user=content_editor)["editor"]
    rows = [(row.event.pk, row.taken, row.waitlisted, row.fill_rate) for row in panel.events]
    assert rows == [(full.pk, 4, 1, 1.0), (half.pk, 5, 0, 0.5)]
    assert "100 %" in html and "50 %" in html
    [(city, anniversary, _url)] = panel.anniversaries
    assert (city.slug, anniversary.years, anniversary.date) == ("nakano", 40, date(2027, 3, 1))
    review = {
        str(row["name"]): (row["drafts"].value, row["scheduled"].value) for row in panel.review
    }
    assert review["events"] == (1, 0)
    assert review["sister cities"] == (0, 1)
    # The links open the same rows.
    events_list = client.get(panel.events_figure.url)
    assert events_list.status_code == 200
    assert events_list.context["cl"].result_count == 2
    drafts = next(row for row in panel.review if str(row["name"]) == "events")["drafts"]
    assert client.get(drafts.url).context["cl"].result_count == 1
    scheduled = next(row for row in panel.review if str(row["name"]) == "sister cities")
    assert client.get(scheduled["scheduled"].url).context["cl"].result_count == 1
    assert client.get(panel.anniversaries_figure.url).context["cl"].result_count == 1


# --- Administrators ---------------------------------------------------------------------


def test_admin_figures(client, site_admin):
    now = timezone.now()
    package = going_abroad_package()
    submitted = submit(package, now=now - timedelta(hours=2))  # its confirmation is pending
    RequestNotification.objects.filter(request=submitted).update(
        not_before=now - timedelta(minutes=90)
    )
    failed = submit(package)
    RequestNotification.objects.filter(request=failed).update(
        state=RequestNotification.State.FAILED
    )
    event = EventFactory(starts_at=now + timedelta(days=3), takes_registrations=True)
    confirmed_registrations(event, 1)
    Delivery.objects.create(
        registration=Registration.objects.get(event=event),
        kind=Delivery.Kind.REMINDER,
        key="reminder-1",
        due_at=now,
        not_before=now,
        state=Delivery.State.MISSED,
    )
    heartbeat_record(name=Heartbeat.BEAT, at=now - timedelta(minutes=4))
    client.force_login(site_admin)
    # Django's "1 hour, 30 minutes" keeps its numbers with their units (no-break spaces).
    html = client.get(INDEX).content.decode().replace("\xa0", " ")
    panel = staff_overview(user=site_admin)["admin"]
    by_label = {str(row["label"]): row for row in panel.outboxes}
    applicants = by_label["emails to applicants"]
    assert (applicants["failed"].value, applicants["waiting"].value) == (1, 1)
    assert applicants["oldest_due"] == now - timedelta(minutes=90)
    assert by_label["registration emails"]["missed"].value == 1
    assert by_label["emails to applicants"]["missed"] is None
    assert panel.failed_total == 1 and panel.waiting_total == 1
    assert panel.waiting_late  # 90 minutes: stuck
    assert panel.beat_at == now - timedelta(minutes=4) and not panel.beat_late
    assert panel.broker["ok"] and panel.broker["configured"]
    assert "1 hour, 30 minutes ago" in html
    assert "4 minutes ago" in html
    assert "Reachable" in html
    # The links open the same rows.
    assert client.get(applicants["failed"].url).context["cl"].result_count == 1
    assert client.get(applicants["waiting"].url).context["cl"].result_count == 1
    missed = by_label["registration emails"]["missed"]
    assert client.get(missed.url).context["cl"].result_count == 1


def test_beat_is_late_without_a_recent_heartbeat(site_admin):
    assert staff_overview(user=site_admin)["admin"].beat_late
    heartbeat_record(name=Heartbeat.BEAT, at=timezone.now() - timedelta(minutes=20))
    assert staff_overview(user=site_admin)["admin"].beat_late


def test_the_heartbeat_task_records_when_it_ran():
    started = timezone.now()
    heartbeat.apply()
    first = Heartbeat.objects.get(name=Heartbeat.BEAT).at
    assert started <= first <= timezone.now()
    heartbeat.apply()  # overwrites: one row
    assert Heartbeat.objects.count() == 1
    assert Heartbeat.objects.get().at >= first


def test_an_unreachable_broker_is_shown(client, site_admin, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    client.force_login(site_admin)
    html = client.get(INDEX).content.decode()
    assert "Not reachable (ConnectionError)" in html


# --- Who sees what ----------------------------------------------------------------------


def _panels(html: str) -> set[str]:
    return set(re.findall(r'id="overview-(desk|editor|admin)"', html))


def test_each_role_sees_its_own_panel(
    client, service_desk_officer, content_editor, registrations_officer, site_admin, admin_user
):
    expected = {
        service_desk_officer: {"desk"},
        content_editor: {"editor"},
        registrations_officer: set(),
        site_admin: {"desk", "editor", "admin"},
        admin_user: {"desk", "editor", "admin"},
    }
    for user, panels in expected.items():
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        assert _panels(html) == panels, user.username
    client.force_login(registrations_officer)
    assert 'id="overview"' not in client.get(INDEX).content.decode()


# --- Cost -------------------------------------------------------------------------------


def _index_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def _more_of_everything(n: int, officer):
    """Three requests, an event with registrations, a partner and a draft more."""
    now = timezone.now()
    package = ServicePackage.objects.first() or going_abroad_package()
    for k in range(3):
        row = submit(package, now=now - timedelta(weeks=k))
        ServiceRequest.objects.filter(pk=row.pk).update(officer=officer)
    event = EventFactory(
        starts_at=now + timedelta(days=5 + n), capacity=5, takes_registrations=True
    )
    confirmed_registrations(event, 2)
    SisterCity.objects.create(
        name_zh_hans=f"城市{n}",
        name_en=f"City {n}",
        slug=f"city-{n}",
        country="FR",
        kind=SisterCity.Kind.SISTER_CITY,
        established_on=date(1987, 1, 10 + n),
        status=PublishingStatus.PUBLISHED,
    )
    EventFactory(starts_at=now + timedelta(days=8), draft=True)


def test_the_overview_costs_the_same_queries_with_more_data(client, admin_user):
    client.force_login(admin_user)
    _more_of_everything(0, admin_user)
    few = _index_queries(client)
    for n in range(1, 4):
        _more_of_everything(n, admin_user)
    panel = staff_overview(user=admin_user)
    assert len(panel["editor"].events) == 4 and len(panel["editor"].anniversaries) == 4
    assert _index_queries(client) == few


# --- Accessible charts ------------------------------------------------------------------


def test_charts_are_accessible_svg_with_a_table(client, admin_user):
    _more_of_everything(0, admin_user)
    client.force_login(admin_user)
    html = client.get(INDEX).content.decode()
    svgs = re.findall(r'<svg role="img"[^>]*>.*?</svg>', html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        labelled = re.search(r'aria-labelledby="([\w-]+) ([\w-]+)"', svg).groups()
        assert f'<title id="{labelled[0]}">' in svg and f'<desc id="{labelled[1]}">' in svg
        assert "<script" not in svg
    assert '<table id="desk-weeks">' in html and '<table id="editor-events">' in html
    # Twelve weeks, each a row with a heading, as many cells as the chart has columns.
    assert html.count('<time datetime="2026-') >= 12


def test_the_overview_in_chinese_and_arabic(client, admin_user):
    _more_of_everything(0, admin_user)
    client.force_login(admin_user)
    for language in ("zh-hans", "ar"):
        client.cookies["django_language"] = language
        with translation.override(language):
            panel = staff_overview(user=admin_user)
        html = client.get(INDEX).content.decode()
        assert f'lang="{language}"' in html
        # Arabic mirrors the chart: the newest week stands on the left.
        columns = panel["desk"].chart.columns
        if language == "ar":
            assert 'dir="rtl"' in html
            assert columns[-1].x < columns[0].x
        else:
            assert columns[-1].x > columns[0].x


# --- The pages of anonymised counts, with the live ones ---------------------------------


def test_request_counts_page_shows_live_and_anonymised_counts(client, service_desk_officer):
    package = going_abroad_package()
    for _n in range(2):
        submit(package)
    closed = submit(package)
    ServiceRequest.objects.filter(pk=closed.pk).update(status=Status.COMPLETED)
    RequestStatistic.objects.create(
        package=package,
        month=date(2025, 11, 1),
        status=Status.COMPLETED,
        enterprise_type=ServiceRequest.EnterpriseType.FOREIGN,
        count=7,
    )
    client.force_login(service_desk_officer)
    response = client.get("/admin/service_packages/requeststatistic/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Request counts (live and anonymised)" in html
    row = html.split('id="request-figures"', 1)[1].split("</table>", 1)[0]
    # Submitted: 2 live; completed: 1 live + 7 anonymised.
    assert re.search(r">2</a></td>", row) and re.search(r">1</a> \+ 7</td>", row)
    assert "3 kept now + 7 anonymised" in html
    link = re.search(r'href="([^"]+status=submitted)"', row).group(1).replace("&amp;", "&")
    assert len(_references(client.get(link))) == 2


def test_registration_counts_page_shows_live_and_anonymised_counts(client, content_editor):
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(days=3), capacity=10, takes_registrations=True)
    confirmed_registrations(event, 3)
    past = EventFactory(starts_at=now - timedelta(days=400))
    RegistrationSummary.objects.create(event=past, confirmed=12, purged_at=now)
    client.force_login(content_editor)
    response = client.get("/admin/events/registrationsummary/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Registration counts (live and anonymised)" in html
    assert "Places taken: 3; on waitlists: 0; cancelled: 0." in html
    live = html.split('id="registration-figures"', 1)[1].split("</table>", 1)[0]
    assert str(event) in live and str(past) not in live
    # The anonymised row is listed below.
    assert '<td class="field-confirmed">12</td>' in html


def test_the_events_figure_counts_past_the_rows_shown(content_editor, monkeypatch):
    from apps.portal import overview

    monkeypatch.setattr(overview, "EVENT_ROWS", 2)
    now = timezone.now()
    for day in (2, 3, 4):
        EventFactory(starts_at=now + timedelta(days=day))
    panel = staff_overview(user=content_editor)["editor"]
    assert len(panel.events) == 2 and panel.events_figure.value == 3


def test_an_email_due_a_moment_ago_is_not_late(site_admin):
    submit(going_abroad_package())  # its confirmation is due now
    panel = staff_overview(user=site_admin)["admin"]
    assert panel.waiting_total == 1 and not panel.waiting_late
