"""The staff login in two steps, setting up a second factor, the one-time password link,
and a member's notification preferences.

The pages live under /admin/ (apps/core/staff_urls.py) and look like the admin's. The
rules are in `staff_security.py`.
"""

import functools
from base64 import b32encode

import segno
from axes.helpers import get_cool_off
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecurityEvent
from .services import staff_language
from .staff_forms import NotificationPreferencesForm, SecondFactorCodeForm
from .staff_notifications import delivery_of, preference_of, preferences_save, topics_for
from .staff_security import (
    FACTOR,
    SECOND_FACTOR_SENDER,
    EnrolmentRefused,
    login_is_allowed,
    login_pending_clear,
    login_pending_next,
    login_pending_start,
    login_pending_user,
    recovery_codes_renew,
    second_factor_confirm,
    second_factor_devices,
    second_factor_enrolment,
    second_factor_match,
    second_factor_required,
    security_event_record,
)
from .templatetags.admin_tags import language_name


def _page(request, template, title, *, status=200, **context):
    """An admin-styled page that no cache keeps (they show codes, secrets or a refusal)."""
    response = render(
        request,
        f"admin/staff_security/{template}",
        {**admin.site.each_context(request), "title": title, "subtitle": None, **context},
        status=status,
    )
    add_never_cache_headers(response)
    return response


# --- Step one: the password --------------------------------------------------------------


class StaffLoginView(LoginView):
    """The password step: only an account without a second factor is logged in at once."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def form_valid(self, form):
        user = form.get_user()
        if second_factor_devices(user):
            step = "code"
        elif second_factor_required(user):
            step = "enrol"
        else:
            # Logged in at once; a pending login of earlier in this browser goes.
            login_pending_clear(self.request)
            return super().form_valid(form)
        login_pending_start(self.request, user, step=step, next_url=self.get_success_url())
        return redirect(f"staff:login_{step}")


def login(request):
    """The admin's login page: it answers at the address of `admin:login` (urls.py), so
    every redirect of the admin to its login reaches it. As AdminSite.login otherwise."""
    site = admin.site
    if request.method == "GET" and site.has_permission(request):
        return redirect("admin:index")
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index")
    request.current_app = site.name
    return StaffLoginView.as_view(extra_context=context)(request)


def _login_complete(request, user, device) -> str:
    """Log in an account whose password and second factor were right; its next page."""
    next_url = login_pending_next(request)
    login_pending_clear(request)
    recovery = isinstance(device, StaticDevice)
    # Read by the user_logged_in receiver, which starts the session's clocks and log line.
    request.staff_second_factor = "recovery" if recovery else "totp"
    auth_login(request, user, backend=user.backend)
    otp_login(request, device)
    if recovery:
        left = device.token_set.count()
        messages.warning(
            request,
            ngettext(
                "You logged in with a recovery code; %(count)d is left. If your phone is "
                "lost, set up the app again under Two-factor authentication.",
                "You logged in with a recovery code; %(count)d are left. If your phone is "
                "lost, set up the app again under Two-factor authentication.",
                left,
            )
            % {"count": left},
        )
    return next_url


def pending_login(step: str):
    """A view of the login after the password: it gets the account whose password was
    right for this step; without one (none, expired, changed since) back to the login."""

    def decorate(view):
        @functools.wraps(view)
        @sensitive_post_parameters("code")
        @csrf_protect
        @never_cache
        def wrapped(request):
            user = login_pending_user(request, step=step)
            if user is None:
                messages.error(
                    request,
                    _("Your login took too long or was interrupted. Please log in again."),
                )
                return redirect("admin:login")
            return view(request, user)

        return wrapped

    return decorate


# --- Step two: the code ------------------------------------------------------------------


@pending_login("code")
def login_code(request, user):
    """The code of an account with a second factor, after its password."""
    form = SecondFactorCodeForm(request.POST or None, recovery_codes_accepted=True)
    if request.method == "POST" and form.is_valid():
        username = user.get_username()
        if login_is_allowed(request, username):
            device = second_factor_match(user=user, code=form.cleaned_data["code"])
            if device is not None:
                return HttpResponseRedirect(_login_complete(request, user, device))
        # A wrong code counts as a failed login: axes locks the account and address.
        user_login_failed.send(
            sender=SECOND_FACTOR_SENDER, credentials={"username": username}, request=request
        )
        if getattr(request, "axes_locked_out", False):
            login_pending_clear(request)
            return lockout_response(request)
        form.add_error("code", _("This code is not right, or it was used already."))
    return _page(request, "login_code.html", _("Two-factor authentication"), form=form)


# --- Setting up a second factor ------------------------------------------------------------


def _enrol(request, *, user, pending: bool):
    device = second_factor_enrolment(user=user)
    form = SecondFactorCodeForm(request.POST or None, recovery_codes_accepted=False)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = second_factor_confirm(
                user=user,
                device=device,
                code=form.cleaned_data["code"],
                replace=not pending,
                request=request,
            )
        except EnrolmentRefused:
            form.add_error(
                "code",
                _(
                    "This code is not right. Check that the app shows this account, and "
                    "type the code it shows now."
                ),
            )
        else:
            if pending:
                next_url = _login_complete(request, user, device)
            else:
                otp_login(request, device)
                request.session[FACTOR] = "totp"
                next_url = reverse("staff:two_factor")
            return _recovery_codes_page(request, codes, next_url=next_url, pending=pending)
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return _page(
        request,
        "enrol.html",
        _("Set up two-factor authentication"),
        form=form,
        pending=pending,
        required=second_factor_required(user),
        # segno draws the code from our own address: no text of a user's reaches it.
        qr_svg=mark_safe(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff")),  # noqa: S308
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        account=user.get_username(),
    )


def _recovery_codes_page(request, codes, *, next_url, pending):
    return _page(
        request,
        "recovery_codes.html",
        _("Your recovery codes"),
        codes=codes,
        next_url=next_url,
        pending=pending,
    )


@pending_login("enrol")
def login_enrol(request, user):
    """A first second factor for an account that needs one, before it is logged in."""
    return _enrol(request, user=user, pending=True)


def two_factor(request):
    """The logged-in staff member's second factor: whether it is set up, codes left."""
    user = request.user
    return _page(
        request,
        "two_factor.html",
        _("Two-factor authentication"),
        has_app=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        codes_left=StaticToken.objects.filter(device__user=user).count(),
        required=second_factor_required(user),
        verified=user.is_verified(),
    )


@sensitive_post_parameters("code")
def two_factor_enrol(request):
    """Set up (or, after a code in this session, replace) one's authenticator app."""
    user = request.user
    if second_factor_devices(user) and not user.is_verified():
        messages.error(request, _("Log out and log in again with a code to change this."))
        return redirect("staff:two_factor")
    return _enrol(request, user=user, pending=False)


@require_POST
def recovery_codes_new(request):
    user = request.user
    if not user.is_verified():
        messages.error(request, _("Log out and log in again with a code to change this."))
        return redirect("staff:two_factor")
    codes = recovery_codes_renew(user=user, request=request)
    return _recovery_codes_page(request, codes, next_url=reverse("staff:two_factor"), pending=False)


# --- Refusals and the password link --------------------------------------------------------


def lockout_response(request, original_response=None, credentials=None):
    """The page of a login django-axes refused (AXES_LOCKOUT_CALLABLE), 429."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    response = _page(
        request,
        "lockout.html",
        _("Login refused"),
        status=429,
        minutes=minutes,
        unavailable=getattr(request, "staff_login_unavailable", False),
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class PasswordSetView(PasswordResetConfirmView):
    """The page of a one-time link from `manage.py staff_password_reset`; no form anywhere
    asks for such a link."""

    template_name = "admin/staff_security/password_set.html"
    success_url = reverse_lazy("admin:login")

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(
            action=SecurityEvent.Action.PASSWORD_SET,
            request=self.request,
            username=self.user.get_username(),
        )
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return response


def notifications(request):
    """The logged-in member's notification preferences (apps/core/staff_notifications.py)."""
    user = request.user
    topics = topics_for(user)
    preference = preference_of(user)
    if request.method == "POST":
        form = NotificationPreferencesForm(request.POST, topics=topics)
        if form.is_valid():
            preferences_save(
                user=user,
                deliveries=form.deliveries(),
                digest_minutes=form.cleaned_data["digest_minutes"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("staff:notifications")
    else:
        form = NotificationPreferencesForm(
            topics=topics,
            initial={
                **{f"topic_{topic.key}": delivery_of(user, topic) for topic in topics},
                "digest_minutes": preference.digest_minutes,
                "language": preference.language,
            },
        )
    return _page(
        request,
        "notifications.html",
        _("Notifications"),
        form=form,
        admin_language=language_name(staff_language(user)),
    )
