"""Staff accounts: the second factor, the staff session's lifetime and the security log.

django-axes counts failed logins (settings "Staff accounts"); this module adds what it
does not do. The login itself is two steps (`staff_views.py`): a password, then, for an
account with a second factor, a code. Until the code is given nobody is logged in: the
session only holds a pending login (`login_pending_*`). An account that needs a second
factor and has none sets one up at that point, before it is logged in.

Every logged-in session carries when it logged in, when it was last seen and how it
passed the second factor; `StaffSessionMiddleware` ends it when one of them no longer
holds. A visitor without a session cookie is never looked at.
"""

import logging
import time
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecurityEvent
from .ratelimit import client_address
from .services import (
    STAFF_GROUP_EVENT_REGISTRATIONS,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_SITE_ADMIN,
)

logger = logging.getLogger(__name__)

# Who must pass a second factor (with superusers) when STAFF_SECOND_FACTOR_REQUIRED is on:
# the groups that see people's personal data (applicants, registrants) or grant access to it.
SECOND_FACTOR_GROUPS = (
    STAFF_GROUP_SITE_ADMIN,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_EVENT_REGISTRATIONS,
)
RECOVERY_CODE_COUNT = 10
# The sender of the user_login_failed signal for a wrong code: axes counts it as a
# failed login, the security log tells it from a wrong password.
SECOND_FACTOR_SENDER = "apps.core.staff_security.second_factor"

# Session keys
LOGIN_AT = "staff_login_at"
SEEN_AT = "staff_seen_at"
# How the session passed the second factor: "totp", "recovery", or "none" (the account
# had none at login); missing when it logged in without one it has.
FACTOR = "staff_second_factor"
PENDING = "staff_login_pending"
# A pending login (password given, code not yet) lasts this long.
PENDING_SECONDS = 600
# "Last seen" is written at most this often, not on every request: a session save per
# request would cost every staff page a query. The idle limit is therefore this coarse.
SEEN_RESOLUTION_SECONDS = 60

SESSION_ENDED_MESSAGES = {
    "idle": _("You were logged out after %(minutes)d minutes without activity."),
    "lifetime": _("You were logged out %(hours)d hours after logging in. Please log in again."),
}


# --- The second factor ---------------------------------------------------------------


def second_factor_required(user) -> bool:
    """Whether this account may only log in with a second factor."""
    if not settings.STAFF_SECOND_FACTOR_REQUIRED:
        return False
    return user.is_superuser or user.groups.filter(name__in=SECOND_FACTOR_GROUPS).exists()


def second_factor_devices(user) -> list:
    """The confirmed ways this account passes the second factor (app, recovery codes)."""
    return list(devices_for_user(user, confirmed=True))


def is_site_administrator(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=STAFF_GROUP_SITE_ADMIN).exists()
    )


def second_factor_match(*, user, code: str):
    """The device that accepts this code (an app's current code, or an unused recovery
    code, which is then used up), or None. Each device slows down repeated wrong codes."""
    code = "".join(code.split()).lower()
    # Six digits are an app's code, anything else a recovery code: a mistyped app code
    # does not slow down the recovery codes, nor the other way round.
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, model) and device.verify_token(code):
                return device
    return None


def second_factor_enrolment(*, user) -> TOTPDevice:
    """The authenticator being set up for this account: unconfirmed until its first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def recovery_codes_replace(*, user) -> list[str]:
    """New recovery codes for this account, replacing any it had; shown once."""
    # The device stays (a session that logged in with one of its codes stays verified);
    # its codes are replaced.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _position in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_renew(*, user, request=None) -> list[str]:
    """New recovery codes asked for by the account itself (the old ones stop working)."""
    codes = recovery_codes_replace(user=user)
    security_event_record(
        action=SecurityEvent.Action.RECOVERY_CODES_REPLACED,
        request=request,
        username=user.get_username(),
        actor=user,
    )
    return codes


class EnrolmentRefused(Exception):
    """The code was wrong, or the account got a second factor meanwhile."""


@transaction.atomic
def second_factor_confirm(*, user, device: TOTPDevice, code: str, replace: bool, request=None):
    """Confirm an authenticator with its first code; returns it and new recovery codes.

    `replace` allows an account that already has an authenticator to swap it (a logged-in,
    verified session); a login that is only pending may set up a first one, never replace.
    """
    get_user_model().objects.select_for_update().get(pk=user.pk)
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    others = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
    if not replace and others.filter(confirmed=True).exists():
        raise EnrolmentRefused
    if not device.verify_token("".join(code.split())):
        raise EnrolmentRefused
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    others.delete()
    codes = recovery_codes_replace(user=user)
    security_event_record(
        action=SecurityEvent.Action.ENROLLED,
        request=request,
        username=user.get_username(),
        actor=user,
    )
    return device, codes


@transaction.atomic
def second_factor_reset(*, user, actor, request=None) -> bool:
    """Remove every second factor of an account (a lost phone); it sets up a new one at
    its next login. False when it had none."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        count, _by_model = model.objects.filter(user=user).delete()
        deleted += count
    if deleted:
        security_event_record(
            action=SecurityEvent.Action.SECOND_FACTOR_RESET,
            request=request,
            username=user.get_username(),
            actor=actor,
        )
    return bool(deleted)


# --- The pending login (password given, second factor not yet) -------------------------


def login_pending_start(request, user, *, step: str, next_url: str) -> None:
    """Remember a password that was right; `step` is "code" or "enrol"."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "hash": user.get_session_auth_hash(),
        "step": step,
        "since": int(time.time()),
        "next": next_url,
    }


def login_pending_user(request, *, step: str):
    """The account whose password was given for this step, or None (none, expired,
    another step, or the account changed since: deactivated, new password)."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("step") != step:
        return None
    if time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None
    user = (
        get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True).first()
    )
    if user is None or not constant_time_compare(user.get_session_auth_hash(), pending["hash"]):
        return None
    user.backend = pending["backend"]
    return user


def login_pending_next(request) -> str:
    return (request.session.get(PENDING) or {}).get("next") or reverse("admin:index")


def login_pending_clear(request) -> None:
    request.session.pop(PENDING, None)


# --- The staff session -----------------------------------------------------------------


def second_factor_satisfied(request) -> bool:
    """Whether this logged-in session passed the second factor its account needs."""
    is_verified = getattr(request.user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return request.session.get(FACTOR) == "none" and not second_factor_required(request.user)


def staff_session_end_reason(request, now: float) -> str | None:
    """Why this logged-in session must end now, or None."""
    session = request.session
    login_at = session.get(LOGIN_AT)
    if login_at is None:  # logged in before these rules, or by a path that skips them
        return "no_login_time"
    if now - login_at >= settings.STAFF_SESSION_MAX_HOURS * 3600:
        return "lifetime"
    if now - session.get(SEEN_AT, login_at) >= settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    if not second_factor_satisfied(request):
        return "second_factor"
    return None


class StaffSessionMiddleware:
    """Ends a logged-in session that idled too long, outlived its lifetime, or lacks the
    second factor its account needs (which may have been reset meanwhile)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no login: the session is not even read, so
        # public pages stay cacheable for visitors (apps/core/viewers.py).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            staff_session_check(request)
        return self.get_response(request)


def staff_session_check(request) -> None:
    now = time.time()
    reason = staff_session_end_reason(request, now)
    if reason is None:
        if now - request.session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
            request.session[SEEN_AT] = int(now)
        return
    user = request.user
    security_event_record(
        action=SecurityEvent.Action.SESSION_ENDED,
        request=request,
        username=user.get_username(),
        detail={"reason": reason},
    )
    logout(request)
    if reason in SESSION_ENDED_MESSAGES:
        messages.warning(
            request,
            SESSION_ENDED_MESSAGES[reason]
            % {
                "minutes": settings.STAFF_SESSION_IDLE_MINUTES,
                "hours": settings.STAFF_SESSION_MAX_HOURS,
            },
        )


# --- The security log ------------------------------------------------------------------


def security_event_record(
    *, action: str, request=None, username: str = "", actor=None, detail: dict | None = None
) -> SecurityEvent:
    """Add a line to the security log; `actor` is who acted (None: nobody logged in)."""
    return SecurityEvent.objects.create(
        action=action,
        username=username[:150],
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "",
        address=client_address(request)[:64] if request is not None else "",
        detail=detail or {},
    )


def on_logged_in(sender, request, user, **kwargs):
    """Start the staff session's clocks and say how it passed the second factor."""
    if request is None or not hasattr(request, "session"):
        return
    # The login views say which factor was used; any other login (force_login in tests)
    # passes only if the account has none.
    factor = getattr(request, "staff_second_factor", None)
    if factor is None and not second_factor_devices(user):
        factor = "none"
    now = int(time.time())
    request.session[LOGIN_AT] = request.session[SEEN_AT] = now
    if factor:
        request.session[FACTOR] = factor
    else:
        request.session.pop(FACTOR, None)
    # The cookie and the stored session end with the lifetime too.
    request.session.set_expiry(timezone.now() + timedelta(hours=settings.STAFF_SESSION_MAX_HOURS))
    security_event_record(
        action=(
            SecurityEvent.Action.RECOVERY_CODE_USED
            if factor == "recovery"
            else SecurityEvent.Action.LOGIN
        ),
        request=request,
        username=user.get_username(),
        actor=user,
        detail={"second_factor": factor or "missing"},
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    """A wrong password or code, or a login refused while locked out (axes decided first)."""
    if getattr(request, "axes_locked_out", False):
        action = SecurityEvent.Action.LOCKED_OUT
    elif sender == SECOND_FACTOR_SENDER:
        action = SecurityEvent.Action.CODE_FAILED
    else:
        action = SecurityEvent.Action.LOGIN_FAILED
    detail = {"counting_failed": True} if getattr(request, "staff_login_unavailable", False) else {}
    security_event_record(
        action=action,
        request=request,
        username=str(credentials.get("username") or ""),
        detail=detail,
    )


def staff_security_connect() -> None:
    """Connected in CoreConfig.ready(), after axes (earlier in INSTALLED_APPS) connected its
    own receivers: the log reads whether axes locked the login out."""
    user_logged_in.connect(on_logged_in, dispatch_uid="core.staff_security.logged_in")
    user_login_failed.connect(on_login_failed, dispatch_uid="core.staff_security.login_failed")


# --- Failed logins: django-axes, failing closed ------------------------------------------


class FailClosedDatabaseHandler(AxesDatabaseHandler):
    """axes' database handler, refusing every login while it cannot read or count failures."""

    def is_locked(self, request, credentials=None) -> bool:
        try:
            return super().is_locked(request, credentials)
        except DatabaseError:
            logger.exception("Login refused: failed logins could not be read")
            self._refuse(request)
            return True

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        except DatabaseError:
            logger.exception("Failed login not counted: refusing logins from this request")
            self._refuse(request)

    @staticmethod
    def _refuse(request):
        if request is not None:
            request.axes_locked_out = True
            request.staff_login_unavailable = True


def login_is_allowed(request, username: str) -> bool:
    """Whether axes lets this account log in from this address now."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_allowed(request, {"username": username})


def login_failures_clear(*, username: str, actor=None, request=None) -> int:
    """Forget the failed logins counted against an account: its lockout ends (not that
    of an address it was tried from, `manage.py axes_reset_ip`)."""
    from axes.handlers.proxy import AxesProxyHandler

    cleared = AxesProxyHandler.reset_attempts(username=username)
    if cleared:
        security_event_record(
            action=SecurityEvent.Action.UNLOCKED, request=request, username=username, actor=actor
        )
    return cleared


# --- Passwords ------------------------------------------------------------------------


def password_reset_link(*, user) -> str:
    """A one-time link to set a new password: it stops working once used, when the
    password changes otherwise, or after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "staff:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    security_event_record(action=SecurityEvent.Action.PASSWORD_LINK, username=user.get_username())
    return f"{settings.SITE_URL}{path}"
