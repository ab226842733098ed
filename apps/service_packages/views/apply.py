"""The enterprise request form, "check your answers" and the confirmation.

The GOV.UK pattern: the form keeps its answers and checked uploads in a `RequestDraft`
(its id in the session, one per package), "check your answers" shows them with links
back to the form, and only its "Submit request" button creates the `ServiceRequest`.
"""

import logging
import time
import uuid
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.ratelimit import client_network, rate_limit_hit, rate_limit_reached

from ..applicant import CREDIT_CODE_REQUIRED, SECTIONS, TRAVEL_FIELDS, display_value
from ..forms import ApplyForm
from ..models import RequestDraft, ServicePackage, ServiceRequest
from ..services import (
    DraftFileUnreadable,
    DraftGone,
    DraftInvalid,
    SubmissionRefused,
    UploadQuotaExceeded,
    chosen_items,
    draft_save,
    request_submit_from_draft,
)
from ..uploads import install_upload_limits, megabytes, quota_refusal, upload_refusal_error

logger = logging.getLogger(__name__)

# {package id: {"draft": draft id or None, "token": the form token}}: the form this
# session is filling in for each package. The token stays after the draft is submitted
# and deleted, so that the same form posted again finds its request.
SESSION_FORMS = "service_request_forms"
# Ids of the requests this session submitted: only it sees their confirmation page.
SESSION_SUBMITTED = "service_requests_submitted"
# {reference: what the confirmation shows}, kept at submission so that the page still
# shows a saved request when the database cannot be read just then.
SESSION_RECEIPTS = "service_request_receipts"
SUBMITTED_KEPT = 20
RATE_WINDOW_SECONDS = 3600
# Posting the form (with errors, or to change answers) is allowed more often than
# submitting a request.
APPLY_POSTS_PER_SUBMISSION = 5


def _private(response):
    """Pages with an applicant's answers: never cached, never indexed, no Referer outside."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _published_package(slug) -> ServicePackage:
    return get_object_or_404(
        ServicePackage.objects.published().prefetch_related("items__documents"), slug=slug
    )


# --- Rate limits ---------------------------------------------------------------------------


# Counted only for posts that passed CSRF (`_over_limit` inside the csrf_protect'ed
# part): a cross-site post without the token gets a 403 and costs the address nothing.
# `_limit_reached` looks without counting, to refuse before reading an upload.


def _rate_key(request, scope: str) -> str:
    return f"service_packages:{scope}:{client_network(request)}"


def _apply_posts_per_hour() -> int:
    return settings.SERVICE_SUBMISSIONS_PER_HOUR * APPLY_POSTS_PER_SUBMISSION


def _limit_reached(request, scope: str, limit: int) -> bool:
    return rate_limit_reached(
        _rate_key(request, scope), limit=limit, window_seconds=RATE_WINDOW_SECONDS
    )


def _over_limit(request, scope: str, limit: int) -> bool:
    return rate_limit_hit(
        _rate_key(request, scope), limit=limit, window_seconds=RATE_WINDOW_SECONDS
    )


def _rate_limited(request):
    retry_after = RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS
    response = render(
        request,
        "service_packages/rate_limited.html",
        {"minutes": max(1, (retry_after + 59) // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return _private(response)


# --- The session's form and its draft ----------------------------------------------------


def _form_entry(request, package) -> dict:
    return dict(request.session.get(SESSION_FORMS, {}).get(str(package.pk), {}))


def _remember_form(request, package, *, draft_id, token) -> None:
    forms = dict(request.session.get(SESSION_FORMS, {}))
    forms[str(package.pk)] = {"draft": draft_id, "token": token}
    request.session[SESSION_FORMS] = forms


def _remember_submitted(request, service_request, package) -> None:
    seen = [pk for pk in request.session.get(SESSION_SUBMITTED, []) if pk != service_request.pk]
    request.session[SESSION_SUBMITTED] = [*seen, service_request.pk][-SUBMITTED_KEPT:]
    receipts = {
        reference: receipt
        for reference, receipt in request.session.get(SESSION_RECEIPTS, {}).items()
        if reference != service_request.reference
    }
    receipts[service_request.reference] = {
        "reference": service_request.reference,
        "email": service_request.email,
        "due_on": service_request.due_on.isoformat(),
        "package_title": str(package.title),
        "processing_days": package.processing_days,
    }
    request.session[SESSION_RECEIPTS] = dict(list(receipts.items())[-SUBMITTED_KEPT:])


def _draft(entry, package) -> RequestDraft | None:
    if not entry.get("draft"):
        return None
    return RequestDraft.objects.filter(pk=entry["draft"], package=package).first()


def _draft_documents(draft) -> dict:
    if draft is None:
        return {}
    return {document.required_document_id: document for document in draft.documents.all()}


def _draft_save(
    request, package, draft, *, answers, files, token
) -> tuple[RequestDraft | None, dict]:
    """The draft with this post's answers and files, and the files a quota refused."""
    refused = {}
    try:
        draft = draft_save(
            package=package,
            draft=draft,
            answers=answers,
            files=files,
            client=client_network(request),
        )
    except UploadQuotaExceeded as exceeded:
        draft, refused = exceeded.draft, exceeded.refused
    if draft is not None:
        _remember_form(request, package, draft_id=draft.pk, token=token)
    return draft, refused


def _refuse_files(form, refused: dict) -> None:
    """Say on each file's field that a storage quota kept it out of the draft."""
    if not refused:
        return
    for name, field in form.document_fields():
        if field.required_document_id in refused:
            form.add_error(name, quota_refusal(refused[field.required_document_id]))
    form._describe_errors()  # the fields' aria attributes, as after the form's own checks


def _initial(draft, entry) -> dict:
    answers = (draft.data.get("answers") if draft is not None else None) or {}
    if answers:
        return dict(answers)
    token = entry.get("token") if entry.get("draft") else None
    return {"language": translation.get_language(), "form_token": token or str(uuid.uuid4())}


def _with_defaults(data, initial):
    """The fields posted before the upload was stopped, the rest from the draft."""
    data = data.copy()
    for name, value in initial.items():
        if name in data:
            continue
        if isinstance(value, list):
            data.setlist(name, [str(one) for one in value])
        elif value is not None and value is not False:
            data[name] = "on" if value is True else str(value)
    return data


# --- The form ------------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, slug):
    """The request form. The upload limits go in before anything reads the body.

    An address over its limit is refused here, before its upload is read; the post is
    counted only inside, once the CSRF check passed.
    """
    if request.method == "POST":
        if _limit_reached(request, "apply", _apply_posts_per_hour()):
            return _rate_limited(request)
        install_upload_limits(request)
    return _apply(request, slug)


@csrf_protect
def _apply(request, slug):
    package = _published_package(slug)
    if request.method == "POST" and _over_limit(request, "apply", _apply_posts_per_hour()):
        return _rate_limited(request)
    entry = _form_entry(request, package)
    draft = _draft(entry, package)
    existing = _draft_documents(draft)
    status = 200
    if request.method == "POST":
        request.POST  # noqa: B018  (reads the body through the limits, if CSRF did not)
        refusal = upload_refusal_error(request)
        if refusal is not None:
            form = ApplyForm(
                _with_defaults(request.POST, _initial(draft, entry)),
                package=package,
                existing_documents=existing,
            )
            form.refuse_upload(refusal, field_name=request.upload_refused_field)
            status = 413
        else:
            form = ApplyForm(
                request.POST, request.FILES, package=package, existing_documents=existing
            )
            valid = form.is_valid()
            # Files that passed are kept even when another answer needs fixing (browsers
            # cannot put a chosen file back into the form), once the post chose its
            # services, whose documents they are: an empty post keeps nothing. Every post
            # touches the draft, so that the purge leaves a form in use alone.
            checked = form.checked_files() if form.cleaned_data.get("services") else []
            if valid or checked or draft is not None:
                token = str(form.cleaned_data.get("form_token") or entry.get("token") or "")
                draft, refused = _draft_save(
                    request,
                    package,
                    draft,
                    answers=form.answers() if valid else None,
                    files=checked,
                    token=token or str(uuid.uuid4()),
                )
                _refuse_files(form, refused)
                valid = valid and not refused
                form.existing_documents = _draft_documents(draft)
            if valid:
                return redirect("service_packages:check", slug=package.slug)
            status = 400
    else:
        form = ApplyForm(
            initial=_initial(draft, entry), package=package, existing_documents=existing
        )
    response = render(
        request,
        "service_packages/apply.html",
        {
            "package": package,
            "form": form,
            "retention_days": settings.SERVICE_REQUEST_RETENTION_DAYS,
            "max_files": settings.SERVICE_UPLOAD_MAX_FILES,
            "max_file_size": filesizeformat(settings.SERVICE_UPLOAD_MAX_FILE_BYTES),
            "max_request_size": filesizeformat(settings.SERVICE_UPLOAD_MAX_REQUEST_BYTES),
            "max_draft_megabytes": megabytes(settings.SERVICE_DRAFT_MAX_BYTES),
            # Files kept for a form whose answers were never all right go sooner.
            "unanswered_minutes": (
                settings.SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES
                if draft is not None and draft.uploads_only
                else None
            ),
        },
        status=status,
    )
    return _private(response)


# --- Check your answers ----------------------------------------------------------------------


def _shown(name, answers, items, form) -> bool:
    """Whether "check your answers" shows this answer (the form asked for it)."""
    if name not in form.fields:
        return False
    if name in TRAVEL_FIELDS:
        return any(item.needs_travel_details for item in items)
    if name == "home_registration_number":
        return answers.get("enterprise_type") not in CREDIT_CODE_REQUIRED or bool(answers.get(name))
    return True


def _summary_rows(package, answers, items, documents) -> list[dict]:
    """Every answer and every file, with the form field its "Change" link leads to."""
    form = ApplyForm(package=package)
    not_given = _("Not given")

    def row(name, value, *, label=None):
        values = value if isinstance(value, list) else None
        return {
            "label": label or form[name].label,
            "value": "" if values is not None else (value or not_given),
            "values": values,
            "anchor": form.anchor(name),
        }

    *sections, last = SECTIONS
    rows = [row("services", [item.title for item in items])]
    rows += [
        row(name, display_value(name, answers.get(name)))
        for _title, names in sections
        for name in names
        if _shown(name, answers, items, form)
    ]
    by_document = {document.required_document_id: document for document in documents}
    for item in items:
        for required in item.documents.all():
            kept = by_document.get(required.pk)
            value = (
                _("%(name)s (%(size)s)")
                % {"name": kept.original_name, "size": filesizeformat(kept.size)}
                if kept
                else ""
            )
            rows.append(row(f"document_{required.pk}", value))
    rows += [row(name, display_value(name, answers.get(name))) for name in last[1]]
    rows += [
        row(
            "consent_processing",
            _("Yes") if answers.get("consent_processing") else _("No"),
            label=_("Consent to the processing of this data"),
        ),
        row(
            "consent_policy_news",
            _("Yes") if answers.get("consent_policy_news") else _("No"),
            label=_("Policy news by email"),
        ),
    ]
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
def check_answers(request, slug):
    package = _published_package(slug)
    entry = _form_entry(request, package)
    if request.method == "POST":
        # CsrfViewMiddleware refused a post without the token before this view ran.
        if _over_limit(request, "submit", settings.SERVICE_SUBMISSIONS_PER_HOUR):
            return _rate_limited(request)
        return _submit(request, package, entry)
    draft = _draft(entry, package)
    answers = (draft.data.get("answers") if draft is not None else None) or {}
    if not answers:
        return redirect("service_packages:apply", slug=package.slug)
    items = chosen_items(package, answers)
    documents = list(draft.documents.all())
    response = render(
        request,
        "service_packages/check_answers.html",
        {
            "package": package,
            "rows": _summary_rows(package, answers, items, documents),
            "form_token": entry.get("token", ""),
            "email": answers.get("email", ""),
        },
    )
    return _private(response)


def _back_to_form(request, package, message):
    messages.error(request, message)
    return redirect("service_packages:apply", slug=package.slug)


def _refusal_message(refusal: SubmissionRefused) -> str:
    if isinstance(refusal, DraftGone):
        return _(
            "Your answers were not kept: unfinished forms are deleted after "
            "%(hours)s hours. Please fill in the form again."
        ) % {"hours": settings.SERVICE_DRAFT_MAX_AGE_HOURS}
    if isinstance(refusal, DraftFileUnreadable):
        return _("We could not read “%(name)s”. Please upload it again.") % {
            "name": refusal.original_name
        }
    if isinstance(refusal, DraftInvalid):
        return _("Some answers are not valid any more. Please check them.")
    return _("Some answers or documents are missing. Please complete the form.")


def _submit(request, package, entry):
    """Send the draft as a request; the same form sent again leads to the same request."""
    token = entry.get("token")
    if not token or request.POST.get("form_token") != token:
        messages.error(
            request,
            _("Your answers changed since this page was shown. Check them again, then send them."),
        )
        return redirect("service_packages:check", slug=package.slug)
    try:
        result = request_submit_from_draft(
            package=package, draft_id=entry.get("draft"), form_token=uuid.UUID(token)
        )
    except SubmissionRefused as refusal:
        return _back_to_form(request, package, _refusal_message(refusal))
    reference = result.service_request.reference
    _remember_submitted(request, result.service_request, package)
    _remember_form(request, package, draft_id=None, token=token)
    try:
        # Saved here, not by the middleware after the view, so that a database blip
        # now still shows the applicant their saved request instead of an error page.
        request.session.save()
    except (DatabaseError, UpdateError):  # the db backend reports a failed UPDATE as the latter
        logger.warning("Session not saved after %s was submitted", reference, exc_info=True)
        request.session.modified = False  # the middleware's save would fail the same way
        receipt = request.session[SESSION_RECEIPTS][reference]
        return _private(render(request, "service_packages/submitted.html", _from_receipt(receipt)))
    request.session.modified = False
    return redirect("service_packages:submitted", reference=reference)


# --- Confirmation --------------------------------------------------------------------------


def _from_receipt(receipt: dict) -> dict:
    """The confirmation's context from the copy kept in the session at submission."""
    return {
        "service_request": {
            "reference": receipt["reference"],
            "email": receipt["email"],
            "due_on": date.fromisoformat(receipt["due_on"]),
        },
        "package": {
            "title": receipt["package_title"],
            "processing_days": receipt["processing_days"],
        },
    }


@require_safe
def submitted(request, reference):
    """The confirmation, for the session that submitted the request only."""
    allowed = request.session.get(SESSION_SUBMITTED, [])
    try:
        service_request = (
            ServiceRequest.objects.select_related("package")
            .filter(reference=reference, pk__in=allowed)
            .first()
        )
    except DatabaseError:
        # The request is saved: a database blip must not show its applicant an error.
        receipt = request.session.get(SESSION_RECEIPTS, {}).get(reference)
        if receipt is None:
            raise
        logger.warning("Confirmation of %s shown from the session copy", reference, exc_info=True)
        context = _from_receipt(receipt)
    else:
        if service_request is None:
            raise Http404
        context = {"service_request": service_request, "package": service_request.package}
    response = render(request, "service_packages/submitted.html", context)
    return _private(response)
