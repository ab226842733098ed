"""Tracking a request: reference and code, or the private link from the email.

Either proves that this browser may see a request; the session remembers it and the
status page is then reached at `track/<reference>/`. Neither the code nor the link's
token stays in an address, and the reference alone opens nothing.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from apps.core.ratelimit import client_network, rate_limit_hit, rate_limit_reached

from ..models import ServiceRequest
from ..services import (
    WITHDRAWABLE,
    TransitionNotAllowed,
    request_reply,
    request_withdraw,
)
from ..tracking import TRACKING_SALT, request_for_tracking
from ..tracking_forms import ReplyForm, TrackForm
from ..uploads import install_upload_limits, upload_refusal_error

Status = ServiceRequest.Status

# The session's list of requests this browser proved it may see (newest last).
SESSION_KEY = "service_packages.tracked"
SESSION_MAX_REQUESTS = 20
RATE_WINDOW_SECONDS = 3600


def _private(response):
    """Pages of one applicant: never cached, never in another site's Referer, not indexed.

    `same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null`
    with the page's own forms (reply, withdraw, language switcher), which CSRF refuses.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _remember(request, service_request: ServiceRequest) -> None:
    """This browser proved it may see the request: keep that in its session."""
    tracked = [pk for pk in request.session.get(SESSION_KEY, []) if pk != service_request.pk]
    tracked.append(service_request.pk)
    # A new session key whenever access grows: a key planted before cannot inherit it.
    request.session.cycle_key()
    request.session[SESSION_KEY] = tracked[-SESSION_MAX_REQUESTS:]


def _status_redirect(service_request: ServiceRequest):
    return _private(redirect("service_packages:status", reference=service_request.reference))


@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """The reference number and the code from the email, checked together."""
    status = 200
    limited = False
    if request.method == "POST":
        # CsrfViewMiddleware refused a post without the token before this view ran. An
        # attempt counts once it could be a guess (a well-formed reference and code): a
        # mistyped reference costs nothing, and an address over the limit is refused
        # without counting.
        limit = {
            "key": f"service-track:{client_network(request)}",
            "limit": settings.SERVICE_TRACKING_ATTEMPTS_PER_HOUR,
            "window_seconds": RATE_WINDOW_SECONDS,
        }
        form = TrackForm(request.POST)
        limited = rate_limit_reached(**limit)
        if not limited and form.is_valid():
            limited = rate_limit_hit(**limit)
        if limited:
            # Even a right code waits: were only wrong ones refused, a guesser over the
            # limit would still learn which guess was right.
            status = 429
            form = TrackForm(initial={"reference": request.POST.get("reference", "")[:40]})
        elif form.is_valid():
            found = request_for_tracking(**form.cleaned_data)
            if found is not None:
                _remember(request, found)
                return _status_redirect(found)
            form.add_error(
                None,
                _(
                    "We could not find a request with this reference and code. Check both "
                    "against our email and try again; the code is in every email we sent "
                    "about the request."
                ),
            )
            status = 400
        else:
            status = 400
    else:
        form = TrackForm()
    response = render(
        request,
        "service_packages/track.html",
        {"form": form, "limited": limited},
        status=status,
    )
    if limited:
        # The limit counts in fixed windows (see apps.core.ratelimit): the next one starts then.
        response["Retry-After"] = str(RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS)
    return _private(response)


def _link_error(request, *, message: str, status: int):
    response = render(
        request, "service_packages/tracking/link_error.html", {"message": message}, status=status
    )
    return _private(response)


@require_http_methods(["GET", "HEAD"])
def track_link(request, token):
    """The private link from the email: remembered, then left for an address without it."""
    try:
        payload = signing.loads(token, salt=TRACKING_SALT)
        pk, nonce = int(payload["r"]), str(payload["n"])
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        return _link_error(
            request,
            message=_(
                "This link is not valid. Please use the whole link from your email; if it "
                "was split over two lines, copy both parts."
            ),
            status=404,
        )
    service_request = (
        ServiceRequest.objects.filter(pk=pk).only("pk", "reference", "tracking_nonce").first()
    )
    if service_request is None or not constant_time_compare(service_request.tracking_nonce, nonce):
        return _link_error(
            request,
            message=_(
                "This link has expired: the request it was for is no longer available. "
                "Requests are deleted some time after they are closed."
            ),
            status=410,
        )
    _remember(request, service_request)
    return _status_redirect(service_request)


# --- The status page ---------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a request as the applicant may see it: never an internal note or a name."""

    created_at: datetime
    to_status: str
    status_label: str
    by_applicant: bool
    is_submission: bool
    note_to_applicant: str
    message_from_applicant: str


def _timeline(service_request: ServiceRequest) -> list[TimelineEntry]:
    # Only the columns the applicant may read are loaded at all.
    rows = service_request.transitions.order_by("created_at", "pk").values_list(
        "created_at",
        "from_status",
        "to_status",
        "by_applicant",
        "note_to_applicant",
        "message_from_applicant",
    )
    return [
        TimelineEntry(
            created_at=created_at,
            to_status=to_status,
            status_label=Status(to_status).label,
            by_applicant=by_applicant,
            is_submission=not from_status and to_status == Status.SUBMITTED,
            note_to_applicant=note,
            message_from_applicant=message,
        )
        for created_at, from_status, to_status, by_applicant, note, message in rows
    ]


def _tracked_request(request, reference: str) -> ServiceRequest | None:
    tracked = request.session.get(SESSION_KEY) or []
    if not tracked:
        return None
    return (
        ServiceRequest.objects.select_related("package")
        .filter(reference=reference, pk__in=tracked)
        .first()
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def request_status(request, reference):
    """The status page of a request this browser proved it may see.

    The upload limits must be in place before anything reads the body, the CSRF check
    included; so the check runs inside (`csrf_protect`), after them.
    """
    service_request = _tracked_request(request, reference)
    if service_request is None:
        # Never the data, and nothing read from a posted body.
        messages.info(
            request,
            _("To see a request, enter its reference number and the code from our email."),
        )
        return _private(redirect("service_packages:track"))
    if request.method == "POST":
        install_upload_limits(request)
    return _private(_status_page(request, service_request))


@csrf_protect
def _status_page(request, service_request: ServiceRequest):
    action = request.POST.get("action") if request.method == "POST" else None
    can_reply = service_request.status == Status.INFO_REQUESTED
    can_withdraw = service_request.status in WITHDRAWABLE
    reply_form = ReplyForm() if can_reply else None
    status = 200

    if action == "reply":
        if not can_reply:
            messages.error(request, _("This request is not waiting for an answer from you."))
            return redirect(request.path)
        reply_form = ReplyForm(
            request.POST, request.FILES, upload_refusal=upload_refusal_error(request)
        )
        if reply_form.is_valid():
            try:
                request_reply(
                    request_id=service_request.pk,
                    message=reply_form.cleaned_data["message"],
                    files=reply_form.cleaned_data["documents"],
                )
            except TransitionNotAllowed as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Thank you: your answer has reached the service desk. We will email you."),
                )
            return redirect(request.path)
        status = 400
    elif action == "withdraw":
        try:
            request_withdraw(request_id=service_request.pk)
        except TransitionNotAllowed as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your request is withdrawn. The service desk will not process it further."),
            )
        return redirect(request.path)
    elif action is not None:
        return HttpResponseBadRequest(_("Unknown action."))
    elif "withdraw" in request.GET and can_withdraw:
        return render(
            request, "service_packages/tracking/withdraw.html", {"service_request": service_request}
        )

    timeline = _timeline(service_request)
    question = next(
        (entry for entry in reversed(timeline) if entry.to_status == Status.INFO_REQUESTED),
        None,
    )
    return render(
        request,
        "service_packages/status.html",
        {
            "service_request": service_request,
            "package": service_request.package,
            "items": list(service_request.items.all()),
            "timeline": timeline,
            "question": question if can_reply else None,
            "documents": list(
                service_request.documents.order_by("uploaded_at", "pk").values_list(
                    "original_name", "uploaded_at"
                )
            ),
            "reply_form": reply_form,
            "can_withdraw": can_withdraw,
        },
        status=status,
    )
