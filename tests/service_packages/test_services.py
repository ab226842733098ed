"""The request workflow in services.py: references, due dates, transitions and the audit log."""

import threading
import uuid
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from apps.service_packages.models import (
    AuditEntry,
    ReferenceSequence,
    RequestNotification,
    RequestTransition,
    ServiceRequest,
)
from apps.service_packages.services import (
    CheckedFile,
    TransitionNotAllowed,
    request_assign,
    request_reply,
    request_transition,
    request_withdraw,
    working_days_after,
)
from xicheng_portal.celery import app as celery_app

from .factories import PDF_BYTES, item, package, submit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Status = ServiceRequest.Status


def _at(year, month, day, hour=10, minute=0):
    """A moment in Beijing time."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def _files_under(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def _empty_queue():
    """Commits in transactional tests queue dispatches on the test's Redis: leave none."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


# --- References ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_references_are_sequential_per_year_and_start_again_at_one_in_a_new_year(going_abroad):
    first = [submit(going_abroad, now=_at(2026, 3, day)).reference for day in (2, 3, 4)]
    assert first == ["XC-2026-000001", "XC-2026-000002", "XC-2026-000003"]
    # 31 December, 17:00 UTC is already New Year's Day in Beijing: the local year counts.
    new_year = datetime(2026, 12, 31, 17, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert submit(going_abroad, now=new_year).reference == "XC-2027-000001"
    assert submit(going_abroad, now=_at(2027, 1, 4)).reference == "XC-2027-000002"
    # A late entry dated in the old year continues that year's count.
    assert submit(going_abroad, now=_at(2026, 12, 30)).reference == "XC-2026-000004"
    assert dict(ReferenceSequence.objects.values_list("year", "last")) == {2026: 4, 2027: 2}


@pytest.mark.django_db
def test_a_reference_is_never_given_again_even_after_its_request_is_gone(going_abroad):
    submit(going_abroad, now=_at(2026, 3, 2))
    last = submit(going_abroad, now=_at(2026, 3, 3))
    assert last.reference == "XC-2026-000002"
    last.delete()
    assert submit(going_abroad, now=_at(2026, 3, 4)).reference == "XC-2026-000003"


@pytest.mark.django_db
def test_references_are_shared_by_all_packages(going_abroad):
    other = package(processing_days=5)
    item(other, title="Work permit")
    references = [
        submit(going_abroad, now=_at(2026, 3, 2)).reference,
        submit(other, now=_at(2026, 3, 2)).reference,
        submit(going_abroad, now=_at(2026, 3, 2)).reference,
    ]
    assert references == ["XC-2026-000001", "XC-2026-000002", "XC-2026-000003"]


@pytest.mark.django_db
def test_a_refused_submission_stores_nothing_and_uses_no_number(going_abroad, settings):
    with pytest.raises(ValidationError) as refused:
        submit(going_abroad, now=_at(2026, 3, 2), email="not an address")
    assert "email" in refused.value.message_dict
    assert not ServiceRequest.objects.exists()
    assert not RequestNotification.objects.exists()
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert submit(going_abroad, now=_at(2026, 3, 2)).reference == "XC-2026-000001"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_files_of_a_submission_that_fails_at_commit_are_removed(going_abroad, settings):
    # The foreign key to a required document is checked when the transaction commits
    # (PostgreSQL defers it): the files are already written and must go again.
    broken = [
        CheckedFile(PDF_BYTES, "passport.pdf", "application/pdf"),
        CheckedFile(PDF_BYTES, "licence.pdf", "application/pdf", required_document_id=987654),
    ]
    with pytest.raises(Exception, match="(?i)foreign key"):
        submit(going_abroad, now=_at(2026, 3, 2), files=broken)
    assert not ServiceRequest.objects.exists()
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert submit(going_abroad, now=_at(2026, 3, 2)).reference == "XC-2026-000001"


# --- The same form twice ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_form_posted_twice_is_one_request_and_costs_no_number(going_abroad, settings):
    token = uuid.uuid4()
    first = submit(going_abroad, form_token=token, now=_at(2026, 3, 2))
    again = submit(
        going_abroad, form_token=token, now=_at(2026, 3, 2, 10, 1), enterprise_name="Other"
    )
    assert again.pk == first.pk
    assert again.enterprise_name == "Muster GmbH"
    assert ServiceRequest.objects.count() == 1
    assert RequestNotification.objects.count() == 1
    assert RequestTransition.objects.count() == 1
    assert len(_files_under(settings.PRIVATE_MEDIA_ROOT)) == 1
    # The number drawn for the second post was handed back: no gap in the sequence.
    assert submit(going_abroad, now=_at(2026, 3, 3)).reference == "XC-2026-000002"


def _in_parallel(count, work):
    """Run `work(n)` for n in range(count) in threads released together; their results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(n):
        try:
            barrier.wait(timeout=20)
            results[n] = work(n)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_parallel_submissions_get_distinct_consecutive_references(going_abroad):
    now = _at(2026, 3, 2)
    references = _in_parallel(
        12, lambda n: submit(going_abroad, now=now, email=f"c{n}@example.org").reference
    )
    assert sorted(references) == [f"XC-2026-{n:06d}" for n in range(1, 13)]
    assert ReferenceSequence.objects.get(year=2026).last == 12
    assert ServiceRequest.objects.count() == 12
    assert RequestNotification.objects.filter(kind="received").count() == 12


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_empty_queue")
def test_the_same_form_token_from_two_threads_at_once_is_one_request(going_abroad, settings):
    token = uuid.uuid4()
    now = _at(2026, 3, 2)
    requests = _in_parallel(2, lambda n: submit(going_abroad, form_token=token, now=now))
    assert requests[0].pk == requests[1].pk
    assert ServiceRequest.objects.count() == 1
    assert RequestNotification.objects.count() == 1
    assert len(_files_under(settings.PRIVATE_MEDIA_ROOT)) == 1
    assert ReferenceSequence.objects.get(year=2026).last == 1


# --- Due dates and overdue requests ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 3, 2), 1, date(2026, 3, 3)),  # Monday → Tuesday
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday → Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Saturday → Monday
        (date(2026, 3, 8), 1, date(2026, 3, 9)),  # Sunday → Monday
        (date(2026, 3, 5), 2, date(2026, 3, 9)),  # Thursday → Monday
        (date(2026, 3, 2), 5, date(2026, 3, 9)),  # a week
        (date(2026, 3, 2), 10, date(2026, 3, 16)),  # two weeks
        (date(2026, 3, 6), 0, date(2026, 3, 6)),
    ],
)
def test_working_days_skip_weekends(db, start, days, expected):
    assert working_days_after(start, days) == expected


@pytest.mark.django_db
def test_the_due_date_counts_the_packages_working_days_from_the_local_submission_date():
    one_day = package(processing_days=1)
    item(one_day, title="Invitation letter")
    friday = submit(one_day, now=_at(2026, 3, 6, 23, 30))
    assert friday.due_on == date(2026, 3, 9)
    # Friday 17:00 UTC is Saturday 01:00 in Beijing: still due on Monday.
    saturday = submit(one_day, now=datetime(2026, 3, 6, 17, 0, tzinfo=zoneinfo.ZoneInfo("UTC")))
    assert saturday.due_on == date(2026, 3, 9)
    ten_days = package(processing_days=10)
    item(ten_days, title="APEC card")
    assert submit(ten_days, now=_at(2026, 3, 2)).due_on == date(2026, 3, 16)


@pytest.mark.django_db
def test_open_requests_past_their_due_date_are_overdue(going_abroad, service_desk_officer):
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=60)
    late = submit(going_abroad, now=long_ago)
    asked = submit(going_abroad, now=long_ago)
    for to_status, note in ((Status.IN_REVIEW, ""), (Status.INFO_REQUESTED, "Which dates?")):
        request_transition(
            request_id=asked.pk,
            to_status=to_status,
            actor=service_desk_officer,
            note_to_applicant=note,
        )
    done = submit(going_abroad, now=long_ago)
    request_withdraw(request_id=done.pk)
    fresh = submit(going_abroad)
    for service_request in (late, asked, done, fresh):
        service_request.refresh_from_db()
    assert late.due_on < today and late.is_overdue
    # Waiting for the applicant's answer: the desk is not late.
    assert asked.due_on < today and not asked.is_overdue
    assert not done.is_overdue
    assert fresh.due_on > today and not fresh.is_overdue
    overdue = ServiceRequest.objects.overdue()
    assert set(overdue.values_list("pk", flat=True)) == {late.pk}
    # Due today is not yet overdue; the day after it is.
    assert not ServiceRequest.objects.overdue(today=fresh.due_on).filter(pk=fresh.pk).exists()
    later = fresh.due_on + timedelta(days=1)
    assert ServiceRequest.objects.overdue(today=later).filter(pk=fresh.pk).exists()


# --- The workflow ----------------------------------------------------------------------------

# How staff may move a request on; everything else is refused.
STAFF_MOVES = {
    (Status.SUBMITTED, Status.IN_REVIEW),
    (Status.IN_REVIEW, Status.INFO_REQUESTED),
    (Status.IN_REVIEW, Status.APPROVED),
    (Status.IN_REVIEW, Status.REJECTED),
    (Status.INFO_REQUESTED, Status.IN_REVIEW),
    (Status.INFO_REQUESTED, Status.APPROVED),
    (Status.INFO_REQUESTED, Status.REJECTED),
    (Status.APPROVED, Status.COMPLETED),
}
REFUSED_STAFF_MOVES = sorted(
    (current, target)
    for current in Status.values
    for target in Status.values
    if (current, target) not in STAFF_MOVES
)
# How a request reaches each status from "submitted".
PATHS = {
    Status.SUBMITTED: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.INFO_REQUESTED: [Status.IN_REVIEW, Status.INFO_REQUESTED],
    Status.APPROVED: [Status.IN_REVIEW, Status.APPROVED],
    Status.REJECTED: [Status.IN_REVIEW, Status.REJECTED],
    Status.COMPLETED: [Status.IN_REVIEW, Status.APPROVED, Status.COMPLETED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
}


def _bring(service_request, status, officer):
    """Move a fresh request to `status` the way staff and applicant would."""
    for step in PATHS[status]:
        if step == Status.WITHDRAWN:
            request_withdraw(request_id=service_request.pk)
        else:
            request_transition(
                request_id=service_request.pk,
                to_status=step,
                actor=officer,
                note_to_applicant="Please send the itinerary.",
            )
    service_request.refresh_from_db()
    assert service_request.status == status
    return service_request


def _snapshot(service_request):
    service_request.refresh_from_db()
    return {
        "status": service_request.status,
        "updated_at": service_request.updated_at,
        "decided_at": service_request.decided_at,
        "closed_at": service_request.closed_at,
        "transitions": service_request.transitions.count(),
        "notifications": service_request.notifications.count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), sorted(STAFF_MOVES))
def test_staff_may_make_each_allowed_move(going_abroad, service_desk_officer, current, target):
    service_request = _bring(submit(going_abroad), current, service_desk_officer)
    before = _snapshot(service_request)
    moment = timezone.now() + timedelta(minutes=5)
    request_transition(
        request_id=service_request.pk,
        to_status=target,
        actor=service_desk_officer,
        note_to_applicant="  A note for you.  ",
        internal_note="  Checked with the consulate.  ",
        now=moment,
    )
    after = _snapshot(service_request)
    assert after["status"] == target
    assert after["transitions"] == before["transitions"] + 1
    assert after["notifications"] == before["notifications"] + 1
    assert after["audit"] == before["audit"] + 1
    transition = service_request.transitions.last()
    assert (transition.from_status, transition.to_status) == (current, target)
    assert transition.actor == service_desk_officer and not transition.by_applicant
    assert transition.created_at == moment
    assert transition.note_to_applicant == "A note for you."
    assert transition.internal_note == "Checked with the consulate."
    notification = service_request.notifications.last()
    assert (notification.kind, notification.transition) == ("status", transition)
    assert notification.state == RequestNotification.State.PENDING
    entry = AuditEntry.objects.first()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert (entry.actor, entry.actor_name) == (service_desk_officer, "desk")
    assert (entry.request, entry.reference) == (service_request, service_request.reference)
    assert entry.detail == {"from_status": current, "to_status": target}
    # Decisions and endings are dated.
    decided = target in (Status.APPROVED, Status.REJECTED)
    assert service_request.decided_at == (moment if decided else before["decided_at"])
    closing = target in (Status.REJECTED, Status.COMPLETED)
    assert service_request.closed_at == (moment if closing else None)


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), REFUSED_STAFF_MOVES)
def test_staff_are_refused_every_other_move_and_nothing_changes(
    going_abroad, service_desk_officer, current, target
):
    service_request = _bring(submit(going_abroad), current, service_desk_officer)
    before = _snapshot(service_request)
    with pytest.raises(TransitionNotAllowed) as refused:
        request_transition(
            request_id=service_request.pk,
            to_status=target,
            actor=service_desk_officer,
            note_to_applicant="A note.",
            internal_note="Internal.",
        )
    assert refused.value.code == "transition"
    assert _snapshot(service_request) == before


@pytest.mark.django_db
@pytest.mark.parametrize("target", [Status.INFO_REQUESTED, Status.REJECTED])
@pytest.mark.parametrize("note", ["", "   \n "])
def test_asking_for_information_or_refusing_needs_a_note_to_the_applicant(
    going_abroad, service_desk_officer, target, note
):
    service_request = _bring(submit(going_abroad), Status.IN_REVIEW, service_desk_officer)
    before = _snapshot(service_request)
    with pytest.raises(TransitionNotAllowed) as refused:
        request_transition(
            request_id=service_request.pk,
            to_status=target,
            actor=service_desk_officer,
            note_to_applicant=note,
            internal_note="An internal note is not enough.",
        )
    assert refused.value.code == "note_required"
    assert _snapshot(service_request) == before


@pytest.mark.django_db
def test_the_whole_way_from_submission_to_completion_is_on_the_record(
    going_abroad, service_desk_officer
):
    start = _at(2026, 3, 2)
    service_request = submit(going_abroad, now=start)
    steps = [
        (Status.IN_REVIEW, "", "Looks complete."),
        (Status.INFO_REQUESTED, "Please send the return ticket.", "Dates unclear."),
    ]
    for hours, (to_status, note, internal) in enumerate(steps, start=1):
        request_transition(
            request_id=service_request.pk,
            to_status=to_status,
            actor=service_desk_officer,
            note_to_applicant=note,
            internal_note=internal,
            now=start + timedelta(hours=hours),
        )
    reply = [CheckedFile(PDF_BYTES, "ticket.pdf", "application/pdf")]
    request_reply(
        request_id=service_request.pk,
        message=" Here it is. ",
        files=reply,
        now=start + timedelta(hours=3),
    )
    for hours, to_status in ((4, Status.APPROVED), (5, Status.COMPLETED)):
        request_transition(
            request_id=service_request.pk,
            to_status=to_status,
            actor=service_desk_officer,
            now=start + timedelta(hours=hours),
        )
    service_request.refresh_from_db()
    assert service_request.status == Status.COMPLETED
    assert service_request.decided_at == start + timedelta(hours=4)
    assert service_request.closed_at == start + timedelta(hours=5)
    assert service_request.documents.count() == 2
    record = list(
        service_request.transitions.values_list(
            "from_status", "to_status", "actor__username", "by_applicant", "created_at"
        )
    )
    assert record == [
        ("", "submitted", None, True, start),
        ("submitted", "in_review", "desk", False, start + timedelta(hours=1)),
        ("in_review", "info_requested", "desk", False, start + timedelta(hours=2)),
        ("info_requested", "in_review", None, True, start + timedelta(hours=3)),
        ("in_review", "approved", "desk", False, start + timedelta(hours=4)),
        ("approved", "completed", "desk", False, start + timedelta(hours=5)),
    ]
    answer = service_request.transitions.get(by_applicant=True, from_status="info_requested")
    assert answer.message_from_applicant == "Here it is."
    assert (answer.note_to_applicant, answer.internal_note) == ("", "")
    kinds = list(service_request.notifications.values_list("kind", "key"))
    transitions = list(service_request.transitions.values_list("pk", flat=True))
    assert kinds == [("received", "received")] + [
        ("status", f"status-{pk}") for pk in transitions[1:]
    ]
    # Staff moves are in the audit log; the applicant's own steps are in the record above.
    audited = list(AuditEntry.objects.order_by("pk").values_list("action", "reference", "detail"))
    assert audited == [
        ("transition", service_request.reference, {"from_status": a, "to_status": b})
        for a, b in [
            ("submitted", "in_review"),
            ("in_review", "info_requested"),
            ("in_review", "approved"),
            ("approved", "completed"),
        ]
    ]


# --- The applicant's own steps ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_applicant_answers_a_question_and_the_request_goes_back_to_review(
    going_abroad, service_desk_officer, settings
):
    service_request = _bring(submit(going_abroad), Status.INFO_REQUESTED, service_desk_officer)
    audit = AuditEntry.objects.count()
    files = [CheckedFile(PDF_BYTES, "itinerary.pdf", "application/pdf")]
    request_reply(request_id=service_request.pk, message="", files=files)
    service_request.refresh_from_db()
    assert service_request.status == Status.IN_REVIEW
    assert service_request.documents.count() == 2
    assert len(_files_under(settings.PRIVATE_MEDIA_ROOT)) == 2
    transition = service_request.transitions.last()
    assert (transition.from_status, transition.to_status) == ("info_requested", "in_review")
    assert transition.by_applicant and transition.actor is None
    assert service_request.notifications.last().transition == transition
    assert AuditEntry.objects.count() == audit


@pytest.mark.django_db
@pytest.mark.parametrize(
    "current",
    [s for s in Status.values if s != Status.INFO_REQUESTED],
)
def test_an_answer_nobody_asked_for_is_refused(going_abroad, service_desk_officer, current):
    service_request = _bring(submit(going_abroad), current, service_desk_officer)
    before = _snapshot(service_request)
    files = [CheckedFile(PDF_BYTES, "unasked.pdf", "application/pdf")]
    with pytest.raises(TransitionNotAllowed) as refused:
        request_reply(request_id=service_request.pk, message="Hello?", files=files)
    assert refused.value.code == "no_question"
    assert _snapshot(service_request) == before
    assert service_request.documents.count() == 1


@pytest.mark.django_db
def test_an_empty_answer_is_refused(going_abroad, service_desk_officer):
    service_request = _bring(submit(going_abroad), Status.INFO_REQUESTED, service_desk_officer)
    before = _snapshot(service_request)
    with pytest.raises(TransitionNotAllowed) as refused:
        request_reply(request_id=service_request.pk, message="  \n ", files=[])
    assert refused.value.code == "empty_reply"
    assert _snapshot(service_request) == before


@pytest.mark.django_db
@pytest.mark.parametrize("current", [Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED])
def test_the_applicant_may_withdraw_before_a_decision(going_abroad, service_desk_officer, current):
    service_request = _bring(submit(going_abroad), current, service_desk_officer)
    audit = AuditEntry.objects.count()
    moment = timezone.now() + timedelta(minutes=1)
    request_withdraw(request_id=service_request.pk, now=moment)
    service_request.refresh_from_db()
    assert service_request.status == Status.WITHDRAWN
    assert service_request.closed_at == moment and service_request.decided_at is None
    transition = service_request.transitions.last()
    assert (transition.from_status, transition.to_status) == (current, "withdrawn")
    assert transition.by_applicant and transition.actor is None
    assert transition.created_at == moment
    assert service_request.notifications.last().transition == transition
    assert AuditEntry.objects.count() == audit
    # Withdrawing again (a second click) changes nothing and owes no second email.
    before = _snapshot(service_request)
    request_withdraw(request_id=service_request.pk)
    assert _snapshot(service_request) == before


@pytest.mark.django_db
@pytest.mark.parametrize("current", [Status.APPROVED, Status.REJECTED, Status.COMPLETED])
def test_a_decided_request_cannot_be_withdrawn(going_abroad, service_desk_officer, current):
    service_request = _bring(submit(going_abroad), current, service_desk_officer)
    before = _snapshot(service_request)
    with pytest.raises(TransitionNotAllowed) as refused:
        request_withdraw(request_id=service_request.pk)
    assert refused.value.code == "decided"
    assert _snapshot(service_request) == before


# --- Assignment and the audit log ------------------------------------------------------------


@pytest.mark.django_db
def test_assigning_an_officer_is_audited_once(
    going_abroad, service_desk_officer, django_user_model
):
    service_request = submit(going_abroad)
    request_assign(
        request_id=service_request.pk, officer=service_desk_officer, actor=service_desk_officer
    )
    request_assign(
        request_id=service_request.pk, officer=service_desk_officer, actor=service_desk_officer
    )
    service_request.refresh_from_db()
    assert service_request.officer == service_desk_officer
    [entry] = AuditEntry.objects.all()
    assert entry.action == AuditEntry.Action.ASSIGNED
    assert (entry.actor_name, entry.reference, entry.request) == (
        "desk",
        service_request.reference,
        service_request,
    )
    assert entry.detail == {"officer": "desk", "previous_officer": ""}
    colleague = django_user_model.objects.create_user(username="colleague", is_staff=True)
    request_assign(request_id=service_request.pk, officer=colleague, actor=service_desk_officer)
    assert list(AuditEntry.objects.values_list("detail", flat=True)) == [
        {"officer": "colleague", "previous_officer": "desk"},
        {"officer": "desk", "previous_officer": ""},
    ]
    # Assignment is not a status change: the applicant is not emailed about it.
    assert service_request.notifications.count() == 1


@pytest.mark.django_db
def test_the_audit_log_is_append_only_for_the_model(going_abroad, service_desk_officer):
    service_request = _bring(submit(going_abroad), Status.IN_REVIEW, service_desk_officer)
    entry = AuditEntry.objects.get()
    entry.detail = {"from_status": "submitted", "to_status": "approved"}
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    entry.refresh_from_db()
    assert entry.detail == {"from_status": "submitted", "to_status": "in_review"}
    assert AuditEntry.objects.filter(reference=service_request.reference).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"detail": {}},
        {"reference": "XC-2026-999999"},
        {"actor_name": "someone else"},
        {"action": "export"},
        {"created_at": datetime(2020, 1, 1, tzinfo=SHANGHAI)},
    ],
)
def test_the_database_refuses_bulk_changes_to_the_audit_log(
    going_abroad, service_desk_officer, change
):
    # QuerySet.update() and .delete() bypass the model; PostgreSQL's trigger does not.
    service_request = _bring(submit(going_abroad), Status.IN_REVIEW, service_desk_officer)
    entries = AuditEntry.objects.filter(request=service_request)
    before = list(entries.values())
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entries.update(**change)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entries.delete()
    assert list(entries.values()) == before


@pytest.mark.django_db
def test_the_database_lets_an_entry_lose_only_its_links(going_abroad, service_desk_officer):
    # What ON DELETE SET NULL does when a request is purged or an account deleted.
    service_request = _bring(submit(going_abroad), Status.IN_REVIEW, service_desk_officer)
    AuditEntry.objects.filter(request=service_request).update(request=None, actor=None)
    entry = AuditEntry.objects.get()
    assert (entry.request, entry.actor) == (None, None)
    assert (entry.reference, entry.actor_name) == (service_request.reference, "desk")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(request=service_request)


def test_due_dates_skip_public_holidays_and_count_make_up_working_days(db):
    from apps.service_packages.models import CalendarDay

    # Spring Festival 2027 (sample dates): closed Friday 5 to Thursday 11 February, with
    # Sunday 14 February worked instead.
    for day in range(5, 12):
        CalendarDay.objects.create(day=date(2027, 2, day), kind=CalendarDay.Kind.HOLIDAY)
    CalendarDay.objects.create(day=date(2027, 2, 14), kind=CalendarDay.Kind.WORKING_DAY)
    # Thursday 4 February + 1 working day: the desk is closed until Friday 12.
    assert working_days_after(date(2027, 2, 4), 1) == date(2027, 2, 12)
    # + 2: the make-up Sunday counts.
    assert working_days_after(date(2027, 2, 4), 2) == date(2027, 2, 14)
    assert working_days_after(date(2027, 2, 4), 3) == date(2027, 2, 15)


def test_the_service_desk_keeps_the_holiday_calendar(service_desk_officer, content_editor):
    for action in ("add", "change", "delete", "view"):
        assert service_desk_officer.has_perm(f"service_packages.{action}_calendarday")
        assert not content_editor.has_perm(f"service_packages.{action}_calendarday")
