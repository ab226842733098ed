"""Closed requests and their documents are deleted after the retention period; counts stay."""

import json
import time
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.service_packages.models import (
    AuditEntry,
    DraftDocument,
    RequestDocument,
    RequestDraft,
    RequestNotification,
    RequestStatistic,
    RequestTransition,
    ServiceRequest,
)
from apps.service_packages.services import (
    CheckedFile,
    drafts_purge,
    request_assign,
    request_reply,
    request_transition,
    request_withdraw,
    requests_purge,
)
from apps.service_packages.tasks import purge
from xicheng_portal.celery import app as celery_app

from .factories import PDF_BYTES, item, package, submit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Status = ServiceRequest.Status
Type = ServiceRequest.EnterpriseType
SUBMITTED = datetime(2025, 2, 20, 10, 0, tzinfo=SHANGHAI)
CLOSED = datetime(2025, 3, 10, 16, 0, tzinfo=SHANGHAI)
# Staff steps before the end, in order; the last step is dated `closed`.
PATHS = {
    Status.REJECTED: [Status.IN_REVIEW, Status.REJECTED],
    Status.COMPLETED: [Status.IN_REVIEW, Status.APPROVED, Status.COMPLETED],
    Status.APPROVED: [Status.IN_REVIEW, Status.APPROVED],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.WITHDRAWN: [],
}


def _request(pkg, officer, status, *, submitted=SUBMITTED, closed=CLOSED, **data):
    """A request brought to `status` through the services, its last step at `closed`."""
    service_request = submit(pkg, now=submitted, **data)
    request_assign(request_id=service_request.pk, officer=officer, actor=officer)
    steps = PATHS[status]
    for n, step in enumerate(steps, start=1):
        request_transition(
            request_id=service_request.pk,
            to_status=step,
            actor=officer,
            note_to_applicant="Not this time.",
            internal_note="Checked.",
            now=closed if n == len(steps) else submitted + timedelta(hours=n),
        )
        if step == Status.IN_REVIEW and status == Status.COMPLETED:
            # A question and an answer with a further document on the way.
            request_transition(
                request_id=service_request.pk,
                to_status=Status.INFO_REQUESTED,
                actor=officer,
                note_to_applicant="The itinerary, please.",
                now=submitted + timedelta(hours=n, minutes=10),
            )
            request_reply(
                request_id=service_request.pk,
                message="Attached.",
                files=[CheckedFile(PDF_BYTES, "itinerary.pdf", "application/pdf")],
                now=submitted + timedelta(hours=n, minutes=20),
            )
    if status == Status.WITHDRAWN:
        request_withdraw(request_id=service_request.pk, now=closed)
    service_request.refresh_from_db()
    assert service_request.status == status
    return service_request


def _files(root, service_request):
    folder = root / "service-requests" / str(service_request.pk)
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def _statistics():
    return {
        (s.package.slug, s.month, s.status, s.enterprise_type): s.count
        for s in RequestStatistic.objects.select_related("package")
    }


@pytest.fixture
def requests_of_a_year_ago(going_abroad, service_desk_officer):
    """Five requests closed at CLOSED, in two packages, and three that must stay."""
    permits = package(slug="permits", processing_days=20)
    item(permits, title="Work permit")
    officer = service_desk_officer
    old = [
        _request(going_abroad, officer, Status.REJECTED),
        _request(going_abroad, officer, Status.COMPLETED),
        _request(going_abroad, officer, Status.COMPLETED, email="second@example.org"),
        _request(
            going_abroad,
            officer,
            Status.WITHDRAWN,
            enterprise_type=Type.FOREIGN_INVESTED,
            credit_code="91110102MA01XXXX0X",
        ),
        _request(permits, officer, Status.REJECTED, submitted=SUBMITTED - timedelta(days=40)),
    ]
    kept = [
        _request(going_abroad, officer, Status.IN_REVIEW),  # open, however old
        _request(going_abroad, officer, Status.APPROVED),  # decided, not closed
        _request(  # closed recently
            going_abroad,
            officer,
            Status.REJECTED,
            email="recent@example.org",
            closed=CLOSED + timedelta(days=300),
        ),
    ]
    return old, kept


EXPECTED = {
    ("going-abroad", date(2025, 2, 1), "rejected", "foreign"): 1,
    ("going-abroad", date(2025, 2, 1), "completed", "foreign"): 2,
    ("going-abroad", date(2025, 2, 1), "withdrawn", "foreign_invested"): 1,
    ("permits", date(2025, 1, 1), "rejected", "foreign"): 1,
}


@pytest.mark.django_db
def test_closed_requests_are_deleted_after_a_year_with_their_files_and_counted(
    requests_of_a_year_ago, settings, django_capture_on_commit_callbacks
):
    old, kept = requests_of_a_year_ago
    root = settings.PRIVATE_MEDIA_ROOT
    assert settings.SERVICE_REQUEST_RETENTION_DAYS == 365
    assert all(_files(root, service_request) for service_request in old + kept)
    audit_before = {
        service_request.reference: AuditEntry.objects.filter(request=service_request).count()
        for service_request in old
    }
    # Exactly 365 days after closing is not yet "more than" 365 days.
    assert requests_purge(now=CLOSED + timedelta(days=365)) == 0
    assert ServiceRequest.objects.count() == 8
    assert not RequestStatistic.objects.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert requests_purge(now=CLOSED + timedelta(days=365, minutes=1)) == 5
        # The files go only once the deletion is committed.
        assert all(_files(root, service_request) for service_request in old)
    assert len(callbacks) == 1
    old_pks = [service_request.pk for service_request in old]
    assert set(ServiceRequest.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    assert not RequestDocument.objects.filter(request_id__in=old_pks).exists()
    assert not RequestTransition.objects.filter(request_id__in=old_pks).exists()
    assert not RequestNotification.objects.filter(request_id__in=old_pks).exists()
    assert all(_files(root, service_request) == [] for service_request in old)
    assert all(_files(root, service_request) for service_request in kept)
    assert _statistics() == EXPECTED
    # Nothing in the counts points at an enterprise or a person.
    stored = json.dumps(list(RequestStatistic.objects.values()), default=str)
    assert "@" not in stored and "Muster" not in stored and "XC-" not in stored

    purge_entry = AuditEntry.objects.get(action=AuditEntry.Action.PURGE)
    assert purge_entry.actor is None and purge_entry.request is None
    assert sorted(purge_entry.detail["references"]) == sorted(r.reference for r in old)
    assert purge_entry.detail["documents"] == 1 + 2 + 2 + 1 + 1
    assert purge_entry.detail["retention_days"] == 365
    # What the log said about the purged requests stays, by reference.
    for reference, count in audit_before.items():
        entries = AuditEntry.objects.filter(reference=reference)
        assert entries.count() == count >= 1
        assert set(entries.values_list("request", flat=True)) == {None}


@pytest.mark.django_db
def test_a_shorter_retention_period_is_honoured(requests_of_a_year_ago, settings):
    settings.SERVICE_REQUEST_RETENTION_DAYS = 30
    assert requests_purge(now=CLOSED + timedelta(days=29)) == 0
    assert requests_purge(now=CLOSED + timedelta(days=31)) == 5
    assert _statistics() == EXPECTED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PURGE)
    assert entry.detail["retention_days"] == 30


@pytest.mark.django_db
def test_a_later_purge_adds_to_the_counts_and_a_second_run_changes_nothing(
    requests_of_a_year_ago,
):
    old, kept = requests_of_a_year_ago
    moment = CLOSED + timedelta(days=400)
    assert requests_purge(now=moment) == 5
    assert requests_purge(now=moment) == 0
    assert _statistics() == EXPECTED
    # The request closed 300 days later comes due in its turn and joins the same row.
    recent = kept[2]
    assert requests_purge(now=recent.closed_at + timedelta(days=366)) == 1
    key = ("going-abroad", date(2025, 2, 1), "rejected", "foreign")
    assert _statistics() == EXPECTED | {key: 2}
    purges = AuditEntry.objects.filter(action=AuditEntry.Action.PURGE).order_by("pk")
    assert [entry.detail["references"] for entry in purges] == [
        purges[0].detail["references"],
        [recent.reference],
    ]
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == {
        "in_review",
        "approved",
    }


@pytest.mark.django_db
def test_nothing_to_delete_is_not_logged(going_abroad, service_desk_officer):
    _request(going_abroad, service_desk_officer, Status.IN_REVIEW)
    assert requests_purge(now=CLOSED + timedelta(days=1000)) == 0
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PURGE).exists()
    assert not RequestStatistic.objects.exists()


@pytest.fixture
def _empty_queue():
    """Commits in transactional tests queue dispatches on the test's Redis: leave none."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_the_daily_task_purges_through_a_real_worker(going_abroad, service_desk_officer, settings):
    long_ago = timezone.now() - timedelta(days=400)
    old = _request(
        going_abroad,
        service_desk_officer,
        Status.REJECTED,
        submitted=long_ago,
        closed=long_ago + timedelta(days=2),
    )
    recent = _request(
        going_abroad,
        service_desk_officer,
        Status.REJECTED,
        submitted=long_ago,
        closed=timezone.now() - timedelta(days=5),
    )
    root = settings.PRIVATE_MEDIA_ROOT
    assert _files(root, old)
    # The submissions' commits asked for dispatches; only the purge is wanted here.
    celery_app.control.purge()
    assert celery_app.conf.broker_url.startswith("redis://")
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        purge.delay()
        deadline = time.monotonic() + 30
        while ServiceRequest.objects.filter(pk=old.pk).exists():
            assert time.monotonic() < deadline, "the worker did not purge in time"
            time.sleep(0.1)
    assert _files(root, old) == []
    assert list(ServiceRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.PURGE)
    assert entry.detail["references"] == [old.reference]
    month = timezone.localtime(long_ago).date().replace(day=1)
    assert _statistics() == {("going-abroad", month, "rejected", "foreign"): 1}
    # Run again (a second delivery of the task): nothing more to do.
    assert requests_purge() == 0
    assert _statistics() == {("going-abroad", month, "rejected", "foreign"): 1}


# --- Unfinished forms ------------------------------------------------------------------------


def _draft(pkg, *, age):
    draft = RequestDraft.objects.create(package=pkg, data={"enterprise_name": "Muster GmbH"})
    document = DraftDocument(
        draft=draft, original_name="passport.pdf", content_type="application/pdf", size=1, sha256=""
    )
    document.file.save("upload", ContentFile(PDF_BYTES), save=False)
    document.save()
    RequestDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - age)
    return draft, document


@pytest.mark.django_db
def test_unfinished_forms_and_their_uploads_go_after_a_day(
    going_abroad, settings, django_capture_on_commit_callbacks
):
    assert settings.SERVICE_DRAFT_MAX_AGE_HOURS == 24
    stale, stale_file = _draft(going_abroad, age=timedelta(hours=25))
    fresh, fresh_file = _draft(going_abroad, age=timedelta(hours=23))
    storage = stale_file.file.storage
    assert storage.exists(stale_file.file.name) and storage.exists(fresh_file.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        assert drafts_purge() == 1
    assert list(RequestDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert list(DraftDocument.objects.values_list("pk", flat=True)) == [fresh_file.pk]
    assert not storage.exists(stale_file.file.name)
    assert storage.exists(fresh_file.file.name)
    assert drafts_purge() == 0
