"""Writes of the service desk: submitting requests, the workflow, the audit log, retention;
and the catalogue's reads.

The workflow is enforced here and nowhere else: views, admin actions and tasks call
these functions. Every change records a `RequestTransition`, an `AuditEntry` where
staff acted, and the email the applicant is owed (`RequestNotification`, an outbox
row in the same transaction); a new request and an applicant's reply also owe the desk
its notices (`desk_notices.py`), in the same transaction.
"""

import hashlib
import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import append_fallback

from apps.core.storage import private_files_delete

from .applicant import request_fields
from .desk_notices import desk_notify_new_request, desk_notify_reply
from .models import (
    AuditEntry,
    CalendarDay,
    DraftDocument,
    ReferenceSequence,
    RequestDocument,
    RequestDraft,
    RequestNotification,
    RequestStatistic,
    RequestTransition,
    RequiredDocument,
    ServiceItem,
    ServicePackage,
    ServiceRequest,
    ServiceStep,
    UploadUsage,
)
from .notifications import notifications_kick

logger = logging.getLogger(__name__)

Status = ServiceRequest.Status

# --- The catalogue -------------------------------------------------------------------------
# Its pages select only the columns they show. A translated field is read in the active
# language and the languages it falls back to, as modeltranslation orders them (and the
# fallback notice follows): `append_fallback` names those columns, not all seven.
PACKAGE_CARD_FIELDS = (
    "slug",
    "processing_days",
    "image",
    "is_sample",
    "title",
    "summary",
    "audience",
)
PACKAGE_PAGE_FIELDS = (
    *PACKAGE_CARD_FIELDS,
    *("status", "publish_at", "sample_note", "image_alt", "description", "fees"),
    *("legal_basis", "contact_office"),
)


def catalogue_packages():
    """Published packages in their order, only as the list's cards read them (their
    services come from `with_services`)."""
    return (
        ServicePackage.objects.published()
        .only(*append_fallback(ServicePackage, PACKAGE_CARD_FIELDS)[0])
        .order_by("position", "pk")
    )


def package_page_columns(queryset):
    """`queryset` reading only the columns a package's page shows (its services come from
    `with_contents`)."""
    return queryset.only(*append_fallback(ServicePackage, PACKAGE_PAGE_FIELDS)[0])


def with_services(packages: list) -> list:
    """`packages` with the titles of their services (one query)."""
    prefetch_related_objects(
        packages,
        Prefetch(
            "items",
            queryset=ServiceItem.objects.only(
                "package", *append_fallback(ServiceItem, ("title",))[0]
            ),
        ),
    )
    return packages


def with_contents(package: ServicePackage) -> ServicePackage:
    """`package` with its services, their documents and steps (three queries)."""
    item_columns = ("package", "processing_days", "title", "description")
    prefetch_related_objects(
        [package],
        Prefetch(
            "items",
            queryset=ServiceItem.objects.only(*append_fallback(ServiceItem, item_columns)[0]),
        ),
        Prefetch(
            "items__documents",
            queryset=RequiredDocument.objects.only(
                *("item", "mandatory", "accepted_types"),
                *append_fallback(RequiredDocument, ("name", "description"))[0],
            ),
        ),
        Prefetch(
            "items__steps",
            queryset=ServiceStep.objects.only(
                "item", *append_fallback(ServiceStep, ("title", "description"))[0]
            ),
        ),
    )
    return package


# --- Requests --------------------------------------------------------------------------------
# Who may move a request from one status to another.
STAFF_TRANSITIONS = {
    Status.SUBMITTED: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.INFO_REQUESTED, Status.APPROVED, Status.REJECTED},
    Status.INFO_REQUESTED: {Status.IN_REVIEW, Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.COMPLETED},
}
WITHDRAWABLE = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)
# The applicant must be told why: a question, or the reason for a refusal.
NOTE_REQUIRED = (Status.INFO_REQUESTED, Status.REJECTED)
CLOSING = (Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN)


class TransitionNotAllowed(ValidationError):
    """A status change the workflow does not allow from where the request stands."""


class SubmissionRefused(Exception):
    """A draft that cannot become a request: the applicant goes back to the form."""


class DraftGone(SubmissionRefused):
    """No answers kept (the draft was purged) and no request made from this form."""


class DraftIncomplete(SubmissionRefused):
    """No service chosen, or a mandatory document of a chosen service is missing."""


class DraftFileUnreadable(SubmissionRefused):
    """A kept upload is missing from storage; its row is deleted so it can be sent again."""

    def __init__(self, original_name: str):
        super().__init__(original_name)
        self.original_name = original_name


class DraftInvalid(SubmissionRefused):
    """Answers checked by the form that the model refuses now (e.g. a rule changed)."""


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: cleaned content and what to call it."""

    content: bytes
    original_name: str
    content_type: str
    required_document_id: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Submitted:
    service_request: ServiceRequest
    # False when the same form was posted again: the request it made the first time.
    created: bool


# --- Small pieces ------------------------------------------------------------------------


def working_days_after(start: date, days: int) -> date:
    """The date `days` working days after `start`.

    Monday to Friday, except the public holidays and make-up working days staff record
    as CalendarDay rows (read in one query for the span the count can reach).
    """
    # Holidays can add a few weeks at most (Spring Festival, National Day).
    horizon = start + timedelta(days=days * 2 + 60)
    exceptions = dict(
        CalendarDay.objects.filter(day__gt=start, day__lte=horizon).values_list("day", "kind")
    )
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        kind = exceptions.get(current)
        if kind == CalendarDay.Kind.WORKING_DAY or (kind is None and current.weekday() < 5):
            remaining -= 1
    return current


def reference_next(*, year: int) -> str:
    """The next reference of the year, e.g. XC-2026-000123 (caller holds a transaction).

    The year's row is locked until the caller commits, so concurrent submissions get
    consecutive numbers and none is given twice.
    """
    ReferenceSequence.objects.bulk_create([ReferenceSequence(year=year)], ignore_conflicts=True)
    sequence = ReferenceSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"XC-{year}-{sequence.last:06d}"


def audit_record(*, action: str, actor=None, service_request=None, reference: str = "", **detail):
    """Append one line to the audit log."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor.get_username() if actor is not None and actor.is_authenticated else "",
        request=service_request,
        reference=reference or (service_request.reference if service_request is not None else ""),
        detail=detail,
    )


def _notify(service_request: ServiceRequest, *, kind: str, key: str, transition=None):
    RequestNotification.objects.get_or_create(
        request=service_request, key=key, defaults={"kind": kind, "transition": transition}
    )
    notifications_kick()


def _store_files(
    service_request: ServiceRequest, files: list[CheckedFile]
) -> list[RequestDocument]:
    documents = []
    for checked in files:
        document = RequestDocument(
            request=service_request,
            required_document_id=checked.required_document_id,
            original_name=checked.original_name[:200],
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=checked.sha256,
        )
        document.file.save("upload", ContentFile(checked.content), save=False)
        document.save()
        documents.append(document)
    return documents


def _delete_files_on_rollback(documents: list[RequestDocument]) -> None:
    """Files written by a transaction that then failed: the rows are gone, so are they."""
    private_files_delete([document.file.name for document in documents])


# --- Submitting --------------------------------------------------------------------------


def request_submit(
    *,
    package,
    items,
    data: dict,
    files: list[CheckedFile],
    language: str,
    form_token=None,
    consent_policy_news: bool = False,
    now: datetime | None = None,
) -> Submitted:
    """Save an enterprise's request with its documents, its reference and the email it owed.

    `data` holds the model fields of ServiceRequest the form collected. The same form
    token posted again returns the request it created.
    """
    now = now or timezone.now()
    stored: list[RequestDocument] = []
    try:
        with transaction.atomic():
            reference = reference_next(year=timezone.localtime(now).year)
            # Checked under the year's lock: a second POST of the same form waits here.
            if form_token is not None:
                existing = ServiceRequest.objects.filter(form_token=form_token).first()
                if existing is not None:
                    transaction.set_rollback(True)  # the number just drawn is not used
                    return Submitted(existing, created=False)
            service_request = ServiceRequest(
                **data,
                reference=reference,
                package=package,
                language=language,
                form_token=form_token,
                consent_processing_at=now,
                consent_policy_news_at=now if consent_policy_news else None,
                submitted_at=now,
                due_on=working_days_after(timezone.localtime(now).date(), package.processing_days),
                status=Status.SUBMITTED,
            )
            service_request.full_clean(exclude=["items"])
            service_request.save()
            service_request.items.set(items)
            stored = _store_files(service_request, files)
            RequestTransition.objects.create(
                request=service_request,
                from_status="",
                to_status=Status.SUBMITTED,
                by_applicant=True,
                created_at=now,
            )
            _notify(service_request, kind=RequestNotification.Kind.RECEIVED, key="received")
            desk_notify_new_request(service_request, now=now)
    except IntegrityError:
        _delete_files_on_rollback(stored)
        # The same form posted twice across New Year's midnight locks two different
        # years' sequences: the unique form token catches the second one here.
        if form_token is not None:
            existing = ServiceRequest.objects.filter(form_token=form_token).first()
            if existing is not None:
                return Submitted(existing, created=False)
        raise
    except BaseException:
        _delete_files_on_rollback(stored)
        raise
    return Submitted(service_request, created=True)


def chosen_items(package, answers: dict) -> list:
    """The package's items the answers chose, in the package's order."""
    chosen = {int(pk) for pk in answers.get("services", [])}
    return [item for item in package.items.all() if item.pk in chosen]


def missing_documents(items, documents) -> list:
    """The mandatory documents of `items` that none of `documents` answers."""
    kept = {document.required_document_id for document in documents}
    return [
        required
        for item in items
        for required in item.documents.all()
        if required.mandatory and required.pk not in kept
    ]


def request_submit_from_draft(
    *, package, draft_id: int | None, form_token: uuid.UUID, now: datetime | None = None
) -> Submitted:
    """Send a draft's answers and files as a request, then delete the draft.

    The draft is locked: a second click waits, then finds the draft gone and returns
    the request its form made. Raises a SubmissionRefused when the draft cannot be sent.
    """
    unreadable = None
    names: list[str] = []
    with transaction.atomic():
        draft = (
            RequestDraft.objects.select_for_update()
            .filter(pk=draft_id or 0, package=package)
            .first()
        )
        answers = (draft.data.get("answers") if draft is not None else None) or {}
        if not answers:
            existing = ServiceRequest.objects.filter(form_token=form_token, package=package).first()
            if existing is None:
                raise DraftGone
            return Submitted(existing, created=False)
        items = chosen_items(package, answers)
        chosen = {item.pk for item in items}
        documents = [
            document
            for document in draft.documents.select_related("required_document")
            if document.required_document.item_id in chosen
        ]
        if not items or missing_documents(items, documents):
            raise DraftIncomplete
        files = []
        for document in documents:
            try:
                with document.file.open("rb") as handle:
                    content = handle.read()
            except OSError:
                logger.exception("Draft file %s is missing", document.file.name)
                # Committed, not rolled back: the form then asks for this file again.
                document.delete()
                unreadable = DraftFileUnreadable(document.original_name)
                break
            files.append(
                CheckedFile(
                    content=content,
                    original_name=document.original_name,
                    content_type=document.content_type,
                    required_document_id=document.required_document_id,
                )
            )
        if unreadable is None:
            data = request_fields(answers)
            language = data.pop("language")  # request_submit takes it on its own
            try:
                result = request_submit(
                    package=package,
                    items=items,
                    data=data,
                    files=files,
                    language=language,
                    form_token=form_token,
                    consent_policy_news=bool(answers.get("consent_policy_news")),
                    now=now,
                )
            except ValidationError as exc:
                logger.exception("A checked draft was refused by request_submit")
                raise DraftInvalid from exc
            names = [document.file.name for document in draft.documents.all()]
            draft.delete()
    if unreadable is not None:
        raise unreadable
    private_files_delete(names)
    return result


# --- The workflow ----------------------------------------------------------------------------


def _transition(
    service_request: ServiceRequest,
    *,
    to_status: str,
    actor=None,
    by_applicant: bool = False,
    note_to_applicant: str = "",
    internal_note: str = "",
    message_from_applicant: str = "",
    now: datetime,
) -> RequestTransition:
    previous = service_request.status
    service_request.status = to_status
    if to_status in (Status.APPROVED, Status.REJECTED):
        service_request.decided_at = now
    if to_status in CLOSING:
        service_request.closed_at = now
    service_request.save(update_fields=["status", "decided_at", "closed_at", "updated_at"])
    transition = RequestTransition.objects.create(
        request=service_request,
        from_status=previous,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        by_applicant=by_applicant,
        note_to_applicant=note_to_applicant,
        internal_note=internal_note,
        message_from_applicant=message_from_applicant,
        created_at=now,
    )
    _notify(
        service_request,
        kind=RequestNotification.Kind.STATUS,
        key=f"status-{transition.pk}",
        transition=transition,
    )
    return transition


def request_transition(
    *,
    request_id: int,
    to_status: str,
    actor,
    note_to_applicant: str = "",
    internal_note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Staff move a request on; raises TransitionNotAllowed, nothing changes then."""
    now = now or timezone.now()
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().get(pk=request_id)
        if to_status not in STAFF_TRANSITIONS.get(service_request.status, ()):
            raise TransitionNotAllowed(
                _("A request that is “%(current)s” cannot become “%(target)s”.")
                % {
                    "current": Status(service_request.status).label,
                    "target": Status(to_status).label,
                },
                code="transition",
            )
        if to_status in NOTE_REQUIRED and not note_to_applicant.strip():
            raise TransitionNotAllowed(
                _("Write a note to the applicant: what you need from them, or why."),
                code="note_required",
            )
        transition = _transition(
            service_request,
            to_status=to_status,
            actor=actor,
            note_to_applicant=note_to_applicant.strip(),
            internal_note=internal_note.strip(),
            now=now,
        )
        audit_record(
            action=AuditEntry.Action.TRANSITION,
            actor=actor,
            service_request=service_request,
            from_status=transition.from_status,
            to_status=to_status,
        )
    return service_request


def request_reply(
    *, request_id: int, message: str, files: list[CheckedFile], now: datetime | None = None
) -> ServiceRequest:
    """The applicant answers a request for information; the request goes back to review."""
    now = now or timezone.now()
    stored: list[RequestDocument] = []
    try:
        with transaction.atomic():
            service_request = ServiceRequest.objects.select_for_update().get(pk=request_id)
            if service_request.status != Status.INFO_REQUESTED:
                raise TransitionNotAllowed(
                    _("This request is not waiting for an answer from you."), code="no_question"
                )
            if not message.strip() and not files:
                raise TransitionNotAllowed(
                    _("Write an answer or add a document."), code="empty_reply"
                )
            stored = _store_files(service_request, files)
            transition = _transition(
                service_request,
                to_status=Status.IN_REVIEW,
                by_applicant=True,
                message_from_applicant=message.strip(),
                now=now,
            )
            desk_notify_reply(service_request, transition_id=transition.pk, now=now)
    except BaseException:
        _delete_files_on_rollback(stored)
        raise
    return service_request


def request_withdraw(*, request_id: int, now: datetime | None = None) -> ServiceRequest:
    """The applicant withdraws a request before it is decided."""
    now = now or timezone.now()
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().get(pk=request_id)
        if service_request.status == Status.WITHDRAWN:
            return service_request
        if service_request.status not in WITHDRAWABLE:
            raise TransitionNotAllowed(
                _("A decided request can no longer be withdrawn."), code="decided"
            )
        _transition(service_request, to_status=Status.WITHDRAWN, by_applicant=True, now=now)
    return service_request


def request_assign(*, request_id: int, officer, actor) -> ServiceRequest:
    """Give a request to an officer, or to nobody (`officer=None`); recorded in the audit log."""
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().get(pk=request_id)
        if service_request.officer_id == (officer.pk if officer is not None else None):
            return service_request
        previous = service_request.officer.get_username() if service_request.officer_id else ""
        service_request.officer = officer
        service_request.save(update_fields=["officer", "updated_at"])
        audit_record(
            action=AuditEntry.Action.ASSIGNED,
            actor=actor,
            service_request=service_request,
            officer=officer.get_username() if officer is not None else "",
            previous_officer=previous,
        )
    return service_request


def document_open(*, document: RequestDocument, user):
    """Open a document for a staff member, and record that they saw it."""
    audit_record(
        action=AuditEntry.Action.DOCUMENT_VIEWED,
        actor=user,
        service_request=document.request,
        document=document.pk,
        name=document.original_name,
    )
    return document.file.open("rb")


def export_record(*, user, count: int, file_format: str, filters: str = "") -> None:
    audit_record(
        action=AuditEntry.Action.EXPORT,
        actor=user,
        count=count,
        format=file_format,
        filters=filters,
    )


# --- Retention -----------------------------------------------------------------------------


def requests_purge(*, now: datetime | None = None) -> int:
    """Delete closed requests, their documents and personal data after the retention period.

    Anonymous counts are kept in RequestStatistic; the purge is written to the audit log.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SERVICE_REQUEST_RETENTION_DAYS)
    due = ServiceRequest.objects.closed().filter(closed_at__lt=cutoff).order_by("pk")
    purged = 0
    while True:
        batch = list(due.values_list("pk", flat=True)[:200])
        if not batch:
            break
        with transaction.atomic():
            requests = list(
                ServiceRequest.objects.select_for_update()
                .filter(pk__in=batch)
                .prefetch_related("documents")
            )
            counts = Counter(
                (
                    r.package_id,
                    timezone.localtime(r.submitted_at).date().replace(day=1),
                    r.status,
                    r.enterprise_type,
                )
                for r in requests
            )
            for (package_id, month, status, enterprise_type), count in counts.items():
                statistic, _created = RequestStatistic.objects.select_for_update().get_or_create(
                    package_id=package_id,
                    month=month,
                    status=status,
                    enterprise_type=enterprise_type,
                )
                statistic.count += count
                statistic.save(update_fields=["count"])
            names = [d.file.name for r in requests for d in r.documents.all()]
            references = [r.reference for r in requests]
            ServiceRequest.objects.filter(pk__in=batch).delete()
            audit_record(
                action=AuditEntry.Action.PURGE,
                references=references,
                documents=len(names),
                retention_days=settings.SERVICE_REQUEST_RETENTION_DAYS,
            )
            # Only once the rows are gone for good: a rolled-back batch keeps its files.
            transaction.on_commit(partial(private_files_delete, names))
        purged += len(batch)
    return purged


def drafts_purge(*, now: datetime | None = None) -> int:
    """Delete stale unfinished forms and their uploads (`RequestDraft.objects.stale`).

    A draft being saved or submitted just then is locked and skipped: it is not stale
    any more, or the next run finds it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        drafts = list(
            RequestDraft.objects.stale(now=now)
            .select_for_update(skip_locked=True)
            .only("pk")
            .prefetch_related("documents")
        )
        names = [d.file.name for draft in drafts for d in draft.documents.all()]
        RequestDraft.objects.filter(pk__in=[draft.pk for draft in drafts]).delete()
        # Only once the rows are gone for good: a rolled-back purge keeps its files.
        transaction.on_commit(partial(private_files_delete, names))
    return len(drafts)


def upload_usage_purge(*, now: datetime | None = None) -> int:
    """Forget the daily upload counts of the days before today (Beijing time)."""
    today = timezone.localdate(now or timezone.now())
    deleted, _per_model = UploadUsage.objects.filter(day__lt=today).delete()
    return deleted


class UploadQuotaExceeded(Exception):
    """Files of a post that were not kept because a storage quota would be passed.

    Raised by `draft_save` once everything else of the post was saved: `draft` is the
    draft (None if nothing could be kept and there was none), `refused` maps each refused
    file's required document id to the quota: `QUOTA_DRAFT` or `QUOTA_ADDRESS`.
    """

    def __init__(self, draft, refused: dict):
        super().__init__(refused)
        self.draft = draft
        self.refused = refused


QUOTA_DRAFT = "draft_quota"
QUOTA_ADDRESS = "address_quota"


def _upload_usage_locked(client: str) -> UploadUsage:
    """Today's upload count of the address `client`, locked until the transaction ends."""
    day = timezone.localdate()
    # Keyed with the day too: the rows of two days cannot be joined to follow an address.
    client_hash = salted_hmac(
        "service_packages.upload_usage", f"{day.isoformat()}|{client}", algorithm="sha256"
    ).hexdigest()
    # Two first uploads at once: one inserts, the other waits for it, then finds it.
    UploadUsage.objects.bulk_create(
        [UploadUsage(day=day, client_hash=client_hash)], ignore_conflicts=True
    )
    return UploadUsage.objects.select_for_update().get(day=day, client_hash=client_hash)


def _quota_passed(*, held, replacing, size: int, usage: UploadUsage | None) -> str | None:
    """The quota a new file of `size` bytes would pass, replacing `replacing`; or None."""
    kept = sum(document.size for document in held if document not in replacing)
    if kept + size > settings.SERVICE_DRAFT_MAX_BYTES:
        return QUOTA_DRAFT
    limit = settings.SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY
    if usage is not None and usage.stored_bytes + size > limit:
        return QUOTA_ADDRESS
    return None


def draft_save(
    *,
    package,
    draft,
    answers: dict | None,
    files: list[CheckedFile],
    client: str | None = None,
):
    """Keep a form's answers (when given) and its checked files; a new file replaces the old.

    Files are kept within two storage quotas: what the draft holds together
    (SERVICE_DRAFT_MAX_BYTES), and what the form stored today for the client address
    `client` (SERVICE_UPLOADS_MAX_BYTES_PER_ADDRESS_PER_DAY; not counted when None, for
    callers other than the public form). A file past either is not kept, and the one it
    would replace stays; the rest is saved, then UploadQuotaExceeded says which.
    Files written by a failed save are removed; replaced files go once the save committed.
    """
    written, replaced, refused = [], [], {}
    try:
        with transaction.atomic():
            # Locked, so that two posts at once cannot both fit in what is left.
            if draft is not None:
                draft = RequestDraft.objects.select_for_update().filter(pk=draft.pk).first()
            if draft is None:  # none yet, or purged meanwhile: created once there is something
                draft = RequestDraft(package=package, data={})
            held = list(draft.documents.all()) if draft.pk else []
            usage = _upload_usage_locked(client) if client is not None and files else None
            for checked in files:
                size = len(checked.content)
                old = [d for d in held if d.required_document_id == checked.required_document_id]
                quota = _quota_passed(held=held, replacing=old, size=size, usage=usage)
                if quota is not None:
                    refused[checked.required_document_id] = quota
                    continue
                if draft.pk is None:
                    draft.save()
                document = DraftDocument(
                    draft=draft,
                    required_document_id=checked.required_document_id,
                    original_name=checked.original_name[:200],
                    content_type=checked.content_type,
                    size=size,
                    sha256=checked.sha256,
                )
                document.file.save("upload", ContentFile(checked.content), save=False)
                written.append(document.file)
                document.save()
                DraftDocument.objects.filter(pk__in=[old_one.pk for old_one in old]).delete()
                replaced += [old_one.file for old_one in old]
                held = [*(d for d in held if d not in old), document]
                if usage is not None:
                    usage.stored_bytes += size
            if usage is not None:
                usage.save(update_fields=["stored_bytes"])
            if answers is not None:
                draft.data = {"answers": answers}
            if draft.pk is not None or answers is not None:
                draft.save()  # also keeps a draft in use from being purged
    except BaseException:
        private_files_delete(file.name for file in written)
        raise
    private_files_delete(file.name for file in replaced)
    if refused:
        raise UploadQuotaExceeded(draft if draft.pk is not None else None, refused)
    return draft
