"""Public pages of the programme: listing, event page, iCalendar, registration."""

import time as clock
import uuid
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.challenge import challenge_bits, challenge_issue, challenge_solved
from apps.core.content import publication_key
from apps.core.pagecache import kept_per_content_version
from apps.core.ratelimit import client_network, rate_limit_hit, rate_limit_reached
from apps.core.viewers import page_viewer

from .calendar import (
    calendar_bytes,
    registration_calendar_bytes,
)
from .forms import EventFilterForm, RegistrationForm
from .listing import listing_page
from .models import Event, Registration, RegistrationState
from .pages import EventDetails, page_row_fields
from .registrations import (
    RegistrationClosed,
    registration_as_of_now,
    registration_cancel,
    registration_confirm_address,
    registration_create,
)
from .tokens import TokenExpired, TokenInvalid, registration_from_token

# The feed lists the first 200 events of its filters (the next 200 upcoming by default):
# months ahead for a calendar app, and a file it reads quickly.
FEED_LIMIT = 200
# A feed is written once per address and content version, and kept this long: time alone
# changes it (an event ends, one scheduled for later is published).
FEED_CACHE_SECONDS = 60


def _filtered_events(request):
    form = EventFilterForm(request.GET)
    filters = form.filters()
    past = filters.get("when") == "past"
    events = Event.objects.past() if past else Event.objects.upcoming()
    if filters.get("category"):
        events = events.filter(category=filters["category"])
    if filters.get("month"):
        first = filters["month"]
        zone = timezone.get_default_timezone()
        start = datetime.combine(first, time.min, tzinfo=zone)
        end = datetime.combine(
            first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1),
            time.min,
            tzinfo=zone,
        )
        events = events.filter(starts_at__lt=end, ends_at__gte=start)
    if filters.get("partner"):
        events = events.filter(partner_cities__slug=filters["partner"])
    if filters.get("venue"):
        events = events.filter(venue__slug=filters["venue"])
    if filters.get("mode") == "online":
        events = events.held_online()
    elif filters.get("mode") == "offline":
        events = events.held_on_site()
    return form, filters, events


@require_safe
def event_list(request):
    form, filters, events = _filtered_events(request)
    page, cards = listing_page(events, filters, request.GET.get("page"))
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "is_past": filters.get("when") == "past",
            "is_filtered": bool(set(filters) - {"when"}),
            "feed_query": request.GET.urlencode(),
        },
    )


@require_safe
def event_detail(request, slug):
    # Read first: content read after it is never older than the key it is kept under.
    published = publication_key()
    viewer = page_viewer(request)
    event = get_object_or_404(Event.objects.visible_to(viewer).only(*page_row_fields()), slug=slug)
    state = event.registration_state()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "is_preview": not event.is_published,
            # Rendered only when the page's kept renderings are missing (`page_key`); staff
            # may preview what visitors cannot see: their own renderings.
            "details": EventDetails(event),
            "page_key": [published, event.pk, viewer.pk or 0],
            "registration_state_label": RegistrationState(state).label,
            # Only an open registration needs the count (one query).
            "places_left": event.places_left() if state == RegistrationState.OPEN else None,
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("venue"), slug=slug)
    return _ics_response(calendar_bytes([event], name=event.title), f"{event.slug}.ics")


@require_safe
@kept_per_content_version(FEED_CACHE_SECONDS)
def event_feed(request):
    _form, _filters, events = _filtered_events(request)
    return _ics_response(
        calendar_bytes(
            list(events.for_calendar()[:FEED_LIMIT]), name=_("Xicheng international events")
        ),
        "xicheng-events.ics",
    )


# --- Registration ------------------------------------------------------------------------


def _private(response):
    """Pages behind a registrant's private link, and redirects to one (its address is in
    Location): never cached, never in another site's Referer.

    `same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null`
    with the page's own forms (cancel, language switcher), which CSRF checking refuses.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


# Registration posts are counted per hour (fixed windows of the clock's hours).
RATE_WINDOW_SECONDS = 3600
# The form tokens this session registered with (the latest few): a double post of one
# of them is the same visitor's; anyone else's token is only a token.
SESSION_FORM_TOKENS = "events:register:form-tokens"
SESSION_FORM_TOKENS_KEPT = 20


def _form_token_is_mine(request, token) -> bool:
    return str(token) in request.session.get(SESSION_FORM_TOKENS, [])


def _remember_form_token(request, token) -> None:
    """Note `token` (None: nothing new) in the session, which is written either way."""
    tokens = request.session.get(SESSION_FORM_TOKENS, [])
    if token is not None:
        tokens = [*tokens, str(token)][-SESSION_FORM_TOKENS_KEPT:]
    request.session[SESSION_FORM_TOKENS] = tokens


def _rate_limit_error(form, *, email: bool) -> int:
    """Refuse a post over a limit on the form itself (nothing typed is lost); its status."""
    minutes = max(1, (RATE_WINDOW_SECONDS - int(clock.time()) % RATE_WINDOW_SECONDS + 59) // 60)
    if email:
        message = ngettext(
            "Too many registrations were sent for this email address in the last hour. "
            "Please try again in %(minutes)d minute.",
            "Too many registrations were sent for this email address in the last hour. "
            "Please try again in %(minutes)d minutes.",
            minutes,
        )
    else:
        message = ngettext(
            "Too many registration forms were sent from your connection in the last hour. "
            "Please try again in %(minutes)d minute.",
            "Too many registration forms were sent from your connection in the last hour. "
            "Please try again in %(minutes)d minutes.",
            minutes,
        )
    form.add_error(None, forms.ValidationError(message % {"minutes": minutes}, code="rate"))
    return 429


def _challenge_context(challenged: bool, *, scope: str) -> dict:
    """A new proof-of-work challenge for the form, when the connection passed the soft limit."""
    if not challenged:
        return {}
    challenge = challenge_issue(scope=scope, bits=settings.EVENT_REGISTRATION_CHALLENGE_BITS)
    return {"challenge": challenge, "challenge_bits": challenge_bits(challenge)}


@require_http_methods(["GET", "HEAD", "POST"])
def event_register(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("venue"), slug=slug)
    state = event.registration_state()
    closed_message = None
    status = 200
    address_key = f"events:register:{client_network(request)}"
    # Beyond a soft limit, each post from the connection must carry a solved challenge.
    challenged = rate_limit_reached(
        address_key,
        limit=settings.EVENT_REGISTRATION_CHALLENGE_AFTER,
        window_seconds=RATE_WINDOW_SECONDS,
    )
    challenge_scope = f"events:register:{event.pk}"
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        # Counted only here, once the CSRF check let the post in: cross-site posts cost a
        # visitor's connection nothing. Every post counts, valid or not.
        address_over = rate_limit_hit(
            address_key,
            limit=settings.EVENT_REGISTRATION_POSTS_PER_HOUR,
            window_seconds=RATE_WINDOW_SECONDS,
        )
        valid = form.is_valid()
        if address_over:
            status = _rate_limit_error(form, email=False)
        elif (
            valid
            and challenged
            and not challenge_solved(
                request.POST.get("challenge", ""),
                request.POST.get("solution", ""),
                scope=challenge_scope,
                max_age=RATE_WINDOW_SECONDS,
            )
        ):
            form.add_error(
                None,
                forms.ValidationError(
                    _(
                        "Many registrations were sent from your connection, so this form "
                        "now asks your browser for a short calculation first. Please send "
                        "it again and wait a few seconds; everything you typed is kept."
                    ),
                    code="challenge",
                ),
            )
            status = 400
        elif valid and rate_limit_hit(
            f"events:register-email:{form.cleaned_data['email'].lower()}",
            limit=settings.EVENT_REGISTRATIONS_PER_EMAIL_PER_HOUR,
            window_seconds=RATE_WINDOW_SECONDS,
        ):
            status = _rate_limit_error(form, email=True)
        elif valid:
            data = form.cleaned_data
            try:
                result = registration_create(
                    event_id=event.pk,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    country=data["country"],
                    language=data["language"],
                    time_zone=data["time_zone"],
                    form_token=data["form_token"],
                    form_token_is_mine=_form_token_is_mine(request, data["form_token"]),
                )
            except RegistrationClosed as exc:
                closed_message = exc.message
                status = 409
            else:
                # The session is written after every registration post that went
                # through: a session cookie set for new addresses only would tell them
                # from registered ones.
                _remember_form_token(request, data["form_token"] if result.created else None)
                # The same page whether the address was new, registered already (its
                # owner is emailed) or this form was sent twice: it tells nobody who is
                # registered, and the private link goes only to the address.
                return _private(
                    render(
                        request,
                        "events/register_sent.html",
                        {
                            "event": event,
                            "email": data["email"],
                            "holds_places": event.holds_places(),
                            "hold_hours": max(1, settings.EVENT_REGISTRATION_HOLD_MINUTES // 60),
                        },
                    )
                )
        if form.errors and status == 200:
            status = 400
    else:
        form = RegistrationForm(
            initial={
                "language": translation.get_language(),
                "time_zone": event.time_zone,
                "form_token": uuid.uuid4(),
            }
        )
    if state != RegistrationState.OPEN and closed_message is None:
        closed_message = RegistrationState(state).label
    response = render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "closed_message": closed_message,
            "places_left": event.places_left(),
            "retention_days": settings.EVENT_REGISTRATION_RETENTION_DAYS,
            "shown": form.shown_value(),
            **_challenge_context(challenged, scope=challenge_scope),
        },
        status=status,
    )
    # What was typed comes back in the page: never kept by a browser or proxy.
    _private(response)
    if status == 429:
        response["Retry-After"] = str(RATE_WINDOW_SECONDS - int(clock.time()) % RATE_WINDOW_SECONDS)
    return response


def _registration_or_error_page(request, token):
    """(registration, None) for a good link, else (None, the page that explains)."""
    try:
        return registration_from_token(token), None
    except TokenInvalid:
        message, status = (
            _(
                "This link is not valid. Please use the whole link from your email; "
                "if it was split over two lines, copy both parts."
            ),
            404,
        )
    except TokenExpired:
        message, status = (
            _(
                "This link has expired: the registration it was for no longer exists. "
                "Registration data is deleted some time after an event."
            ),
            410,
        )
    response = render(request, "events/registration_link_error.html", {"message": message})
    response.status_code = status
    return None, _private(response)


@require_http_methods(["GET", "HEAD", "POST"])
def registration_manage(request, token):
    registration, error = _registration_or_error_page(request, token)
    if error is not None:
        return error
    if request.method != "POST":
        registration = registration_as_of_now(registration)
    event = registration.event
    can_cancel = registration.is_active and event.starts_at > timezone.now()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            return _confirm_address(request, registration)
        if action != "cancel":
            return _private(HttpResponseBadRequest(_("Unknown action.")))
        if registration.is_active and not can_cancel:
            messages.error(
                request, _("The event has started: the registration can no longer be changed.")
            )
        elif registration.is_active:
            was_waitlisted = registration.status == Registration.Status.WAITLISTED
            registration_cancel(registration_id=registration.pk)
            messages.success(
                request,
                _("You have left the waitlist.")
                if was_waitlisted
                else _("Your registration is cancelled. Thank you for freeing your place."),
            )
        return _private(redirect(request.path))
    waitlist_position = None
    if registration.status == Registration.Status.WAITLISTED:
        waitlist_position = (
            event.registrations.waitlisted()
            .filter(
                Q(waitlisted_at__lt=registration.waitlisted_at)
                | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
            )
            .count()
            + 1
        )
    response = render(
        request,
        "events/registration.html",
        {
            "event": event,
            "registration": registration,
            "venue": event.public_venue,
            "can_cancel": can_cancel,
            "waitlist_position": waitlist_position,
            "show_join": registration.sees_join_link,
            "token": token,
            "hold_expired": registration.status == Registration.Status.CANCELLED
            and registration.held_until is not None
            and registration.address_confirmed_at is None,
        },
    )
    return _private(response)


def _confirm_address(request, registration):
    """The registrant confirms their address on the page the emailed link opened.

    A button, not the link itself: mail scanners open links, and must not confirm.
    """
    if registration.needs_address_confirmation:
        was_held = registration.status == Registration.Status.HELD
        registration = registration_confirm_address(registration_id=registration.pk)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Thank you: your place is confirmed."))
        elif was_held:
            messages.error(
                request,
                _("This place was held until a set time, which has passed. Please register again."),
            )
        else:
            messages.success(
                request, _("Thank you: your address is confirmed. You are on the waitlist.")
            )
    return _private(redirect(request.path))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel_one_click(request, token):
    """RFC 8058 one-click cancel from a mail app's "unsubscribe" button.

    The signed token is the credential, so no CSRF token is needed; a GET (a link
    scanner, a preview) only shows the page with its cancel button.
    """
    registration, error = _registration_or_error_page(request, token)
    if error is not None:
        return error
    if request.method != "POST":
        return _private(redirect("events:registration", token=token))
    if registration.is_active and registration.event.starts_at > timezone.now():
        registration_cancel(registration_id=registration.pk)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return _private(
            HttpResponse(_("Your registration is cancelled."), content_type="text/plain")
        )
    messages.success(
        request, _("Your registration is cancelled. Thank you for freeing your place.")
    )
    return _private(redirect("events:registration", token=token))


@require_safe
def registration_ics(request, token):
    registration, error = _registration_or_error_page(request, token)
    if error is not None:
        return error
    content = registration_calendar_bytes(
        registration.event,
        registration=registration,
        cancel=registration.status == Registration.Status.CANCELLED,
    )
    return _private(_ics_response(content, f"{registration.event.slug}.ics"))
