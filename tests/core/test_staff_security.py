"""Staff accounts (issue 15, item 3): lockout, the second factor, session lifetimes, the
security log, and no public password reset. The second factor is required here, as in
production (the test settings leave it optional for the rest of the suite)."""

import base64
import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, connection, transaction
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.models import SecurityEvent
from apps.core.services import STAFF_GROUP_SITE_ADMIN
from apps.core.staff_security import (
    FailClosedDatabaseHandler,
    recovery_codes_replace,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"
LOGIN = "/admin/login/"
ADMIN = "/admin/"
QUEUE = "/admin/service_packages/servicerequest/"
Action = SecurityEvent.Action


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    # The admin follows the language cookie, else the default (Chinese): English here.
    settings.LANGUAGE_CODE = "en"
    settings.AXES_FAILURE_LIMIT = 10
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    settings.STAFF_SESSION_MAX_HOURS = 8


def password_step(client, username, password=PASSWORD, address="203.0.113.5", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": ADMIN},
        REMOTE_ADDR=address,
        **extra,
    )


def code_step(client, code, address="203.0.113.5"):
    return client.post("/admin/login/code/", {"code": code}, REMOTE_ADDR=address)


def current_code(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device, recovery_codes_replace(user=user)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def actions(**filters) -> list[str]:
    return list(
        SecurityEvent.objects.filter(**filters).order_by("pk").values_list("action", flat=True)
    )


@pytest.fixture
def site_admin(django_user_model):
    user = django_user_model.objects.create_user(
        username="chief", password=PASSWORD, email="chief@example.org", is_staff=True
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_SITE_ADMIN))
    return user


# --- Throttling and lockout ------------------------------------------------------------


def test_forty_wrong_passwords_then_the_right_one_does_not_log_in(client, service_desk_officer):
    enrol(service_desk_officer)
    statuses = [password_step(client, "desk", "wrong guess").status_code for _ in range(40)]
    assert statuses == [200] * 9 + [429] * 31

    refused = password_step(client, "desk")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert refused["Retry-After"] == "1800"
    assert "no-store" in refused["Cache-Control"]
    assert not logged_in(client)
    assert "staff_login_pending" not in client.session
    assert client.get(ADMIN).status_code == 302
    assert actions(username="desk") == [Action.LOGIN_FAILED] * 9 + [Action.LOCKED_OUT] * 32


def test_the_lockout_page_speaks_the_admins_language(client, service_desk_officer):
    client.cookies["django_language"] = "zh-hans"
    for _ in range(10):
        response = password_step(client, "desk", "wrong guess")
    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="zh-hans"' in html and "登录失败次数过多" in html and "30 分钟" in html


def test_an_account_is_locked_whichever_addresses_the_guesses_come_from(
    client, service_desk_officer
):
    enrol(service_desk_officer)
    for n in range(10):
        password_step(client, "desk", "wrong guess", address=f"198.51.100.{n}")
    assert password_step(client, "desk", address="192.0.2.77").status_code == 429


def test_an_address_is_locked_whichever_accounts_it_tries(client, service_desk_officer):
    enrol(service_desk_officer)
    for n in range(10):
        password_step(client, f"someone{n}", "wrong guess", address="198.51.100.9")
    assert password_step(client, "desk", address="198.51.100.9").status_code == 429
    # The account itself is not locked: from elsewhere the password step passes.
    assert password_step(client, "desk", address="192.0.2.77").url == "/admin/login/code/"


def test_the_lock_ends_after_the_cool_off_without_failures(client, service_desk_officer):
    device, _codes = enrol(service_desk_officer)
    for _ in range(12):
        password_step(client, "desk", "wrong guess")
    assert password_step(client, "desk").status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29), tick=True):
        # Still locked: the refused attempt just now counts as a failure too.
        assert password_step(client, "desk").status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=60), tick=True):
        assert password_step(client, "desk").url == "/admin/login/code/"
        assert code_step(client, current_code(device)).url == ADMIN
        assert client.get(ADMIN).status_code == 200


def test_wrong_codes_count_as_failed_logins(client, service_desk_officer):
    enrol(service_desk_officer)
    for _ in range(9):
        password_step(client, "desk", "wrong guess")
    assert password_step(client, "desk").url == "/admin/login/code/"
    refused = code_step(client, "000000")
    assert refused.status_code == 429
    assert not logged_in(client)
    assert actions(username="desk")[-1] == Action.LOCKED_OUT


def test_the_address_is_the_visitors_as_the_rate_limits_read_it(
    client, service_desk_officer, settings
):
    enrol(service_desk_officer)
    # Without trusted proxies X-Forwarded-For is the visitor's to choose: it is ignored.
    for n in range(10):
        password_step(client, f"someone{n}", "x", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert password_step(client, "desk", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}

    # Behind a trusted proxy each visitor is counted apart, by the address it forwards.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(10):
        password_step(client, f"other{n}", "x", "127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (
        password_step(client, "desk", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    ).status_code == 429
    assert (
        password_step(client, "desk", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    ).url == "/admin/login/code/"


def test_logins_are_refused_while_failures_cannot_be_counted(
    client, service_desk_officer, monkeypatch
):
    def store_down(self, request, credentials=None):
        raise OperationalError("the database refuses the attempts table")

    monkeypatch.setattr(FailClosedDatabaseHandler, "get_failures", store_down)
    refused = password_step(client, "desk")
    assert refused.status_code == 429
    assert "not possible right now" in refused.content.decode()
    assert not logged_in(client) and "staff_login_pending" not in client.session
    event = SecurityEvent.objects.get(username="desk")
    assert (event.action, event.detail) == (Action.LOCKED_OUT, {"counting_failed": True})


def test_site_administrators_unlock_accounts_from_the_list_of_users(
    client, service_desk_officer, site_admin
):
    enrol(service_desk_officer)
    for n in range(10):
        password_step(client, "desk", "wrong guess", address=f"198.51.100.{n}")
    assert password_step(client, "desk").status_code == 429

    admin = verified_client(site_admin, enrol(site_admin)[0])
    response = admin.post(
        "/admin/auth/user/",
        {"action": "clear_failed_logins", "_selected_action": [service_desk_officer.pk]},
        follow=True,
    )
    assert "1 account unlocked." in response.content.decode()
    assert password_step(client, "desk", address="192.0.2.77").url == "/admin/login/code/"
    event = SecurityEvent.objects.get(action=Action.UNLOCKED)
    assert (event.username, event.actor_name) == ("desk", "chief")


# --- The second factor ----------------------------------------------------------------


def verified_client(user, device):
    """A client logged in through both steps."""
    from django.test import Client

    client = Client()
    assert password_step(client, user.username).url == "/admin/login/code/"
    assert code_step(client, current_code(device)).status_code == 302
    return client


def test_a_desk_officer_without_a_second_factor_sets_one_up_before_anything_else(
    client, service_desk_officer
):
    response = password_step(client, "desk")
    assert response.url == "/admin/login/enrol/"
    # The password alone logs nobody in: every admin page sends back to the login.
    assert not logged_in(client)
    for page in (ADMIN, QUEUE, "/admin/two-factor/"):
        assert client.get(page).url.startswith(LOGIN)

    page = client.get("/admin/login/enrol/")
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert re.search(r"<svg [^>]*class=\"segno\"", html)  # the QR code, drawn here
    assert "otpauth" not in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=service_desk_officer, confirmed=False)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    assert totp(base64.b32decode(secret)) == totp(device.bin_key)

    wrong = client.post("/admin/login/enrol/", {"code": "123456"})
    assert wrong.status_code == 200 and "This code is not right" in wrong.content.decode()
    assert not logged_in(client)

    done = client.post("/admin/login/enrol/", {"code": current_code(device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=service_desk_officer).values_list(
            "token", flat=True
        )
    )
    assert logged_in(client)
    assert client.get(QUEUE).status_code == 200
    assert actions(username="desk") == [Action.ENROLLED, Action.LOGIN]
    assert SecurityEvent.objects.get(action=Action.LOGIN).detail == {"second_factor": "totp"}


def test_a_desk_officer_with_a_second_factor_needs_its_code(client, service_desk_officer):
    device, _codes = enrol(service_desk_officer)
    assert password_step(client, "desk").url == "/admin/login/code/"
    assert not logged_in(client) and client.get(QUEUE).url.startswith(LOGIN)
    # A pending login never reaches the set-up page: it would replace the factor.
    assert client.get("/admin/login/enrol/").url == LOGIN

    wrong = code_step(client, "000000")
    assert "This code is not right" in wrong.content.decode() and not logged_in(client)
    # A wrong code slows the device down for a second.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2), tick=True):
        assert code_step(client, current_code(device)).url == ADMIN
        assert client.get(QUEUE).status_code == 200
    assert actions(username="desk") == [Action.CODE_FAILED, Action.LOGIN]


def test_a_recovery_code_logs_in_once(client, service_desk_officer):
    _device, codes = enrol(service_desk_officer)
    password_step(client, "desk")
    response = code_step(client, codes[0].upper()[:4] + " " + codes[0][4:])
    assert response.url == ADMIN
    page = client.get(ADMIN)
    assert page.status_code == 200
    assert "You logged in with a recovery code; 9 are left." in page.content.decode()
    event = SecurityEvent.objects.get(username="desk")
    assert (event.action, event.detail) == (
        Action.RECOVERY_CODE_USED,
        {"second_factor": "recovery"},
    )

    client.post("/admin/logout/")
    password_step(client, "desk")
    assert "This code is not right" in code_step(client, codes[0]).content.decode()
    assert not logged_in(client)


def test_a_pending_login_expires(client, service_desk_officer):
    device, _codes = enrol(service_desk_officer)
    password_step(client, "desk")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11), tick=True):
        assert code_step(client, current_code(device)).url == LOGIN
        assert not logged_in(client)


def test_another_login_drops_a_pending_one(client, service_desk_officer, content_editor):
    device, _codes = enrol(service_desk_officer)
    password_step(client, "desk")
    assert password_step(client, "editor").url == ADMIN
    assert "staff_login_pending" not in client.session
    assert code_step(client, current_code(device)).url == LOGIN
    assert client.get(QUEUE).status_code == 403  # still the content editor


def test_a_session_without_the_required_factor_is_ended(client, service_desk_officer, admin_user):
    # A login that skips the login page (here force_login) passes only without a factor
    # required: the next request logs it out.
    client.force_login(service_desk_officer)
    assert client.get(QUEUE).url.startswith(LOGIN)
    assert not logged_in(client)
    client.force_login(admin_user)  # a superuser
    assert client.get(ADMIN).url.startswith(LOGIN)
    reasons = SecurityEvent.objects.filter(action=Action.SESSION_ENDED).values_list(
        "detail", flat=True
    )
    assert list(reasons) == [{"reason": "second_factor"}] * 2


def test_content_editors_may_do_without_and_may_set_one_up(client, content_editor):
    assert password_step(client, "editor").url == ADMIN
    assert client.get(ADMIN).status_code == 200
    overview = client.get("/admin/two-factor/").content.decode()
    assert "Your account has no second factor." in overview

    page = client.get("/admin/two-factor/enrol/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=content_editor, confirmed=False)
    done = client.post("/admin/two-factor/enrol/", {"code": current_code(device)})
    assert len(re.findall(r"<li><code>", done.content.decode())) == 10
    assert client.get(ADMIN).status_code == 200  # this session is verified now

    client.post("/admin/logout/")
    assert password_step(client, "editor").url == "/admin/login/code/"


def test_a_second_factor_is_changed_only_from_a_session_that_passed_it(client, content_editor):
    client.force_login(content_editor)  # without a factor, the session needs none
    enrol(content_editor)  # set up meanwhile from another session
    response = client.get("/admin/two-factor/enrol/", follow=True)
    assert "Log out and log in again with a code" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=False).exists()
    client.post("/admin/two-factor/recovery-codes/")
    assert StaticToken.objects.filter(device__user=content_editor).count() == 10


def test_new_recovery_codes_replace_the_old_ones(service_desk_officer):
    device, codes = enrol(service_desk_officer)
    client = verified_client(service_desk_officer, device)
    page = client.post("/admin/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(codes)
    assert client.get(ADMIN).status_code == 200
    assert Action.RECOVERY_CODES_REPLACED in actions(username="desk")


def test_a_site_administrator_resets_a_lost_second_factor(service_desk_officer, site_admin):
    desk_device, _codes = enrol(service_desk_officer)
    desk = verified_client(service_desk_officer, desk_device)
    admin_device, _codes = enrol(site_admin)
    admin = verified_client(site_admin, admin_device)

    listing = admin.get("/admin/auth/user/").content.decode()
    assert 'value="reset_second_factor"' in listing
    response = admin.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [service_desk_officer.pk]},
        follow=True,
    )
    assert "1 account sets up its second factor again" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=service_desk_officer).exists()
    assert not StaticDevice.objects.filter(user=service_desk_officer).exists()
    event = SecurityEvent.objects.get(action=Action.SECOND_FACTOR_RESET)
    assert (event.username, event.actor_name) == ("desk", "chief")
    # The officer's session ends; at the next login they set up a new factor.
    assert desk.get(QUEUE).url.startswith(LOGIN)
    assert password_step(desk, "desk").url == "/admin/login/enrol/"


def test_only_site_administrators_may_reset_or_unlock(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(
        username="clerk", password=PASSWORD, is_staff=True
    )
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="auth"))
    client.force_login(clerk)
    listing = client.get("/admin/auth/user/").content.decode()
    assert "reset_second_factor" not in listing and "clear_failed_logins" not in listing


# --- Session lifetimes -----------------------------------------------------------------


def test_an_idle_staff_session_ends(client, content_editor):
    start = timezone.now()
    client.force_login(content_editor)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get(ADMIN).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=58), tick=False):
        assert client.get(ADMIN).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=89), tick=False):
        response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert "logged out after 30 minutes without activity" in response.content.decode()
    assert not logged_in(client)
    event = SecurityEvent.objects.get(action=Action.SESSION_ENDED)
    assert (event.username, event.detail) == ("editor", {"reason": "idle"})


def test_a_staff_session_ends_at_its_lifetime_however_active(client, content_editor):
    start = timezone.now()
    client.force_login(content_editor)
    expiry = client.session.get_expiry_date()
    assert abs(expiry - (start + dt.timedelta(hours=8))) < dt.timedelta(seconds=5)
    for minutes in range(20, 8 * 60, 20):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(ADMIN).status_code == 200, minutes
    # The stored session and its cookie end then too.
    with time_machine.travel(start + dt.timedelta(hours=8, seconds=1), tick=False):
        assert client.get(ADMIN).url.startswith(LOGIN)


def test_the_limits_come_from_the_settings(client, content_editor, settings):
    start = timezone.now()
    client.force_login(content_editor)
    settings.STAFF_SESSION_MAX_HOURS = 1
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert client.get(ADMIN).url.startswith(LOGIN)
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(content_editor)
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        assert client.get(ADMIN).url.startswith(LOGIN)
    reasons = SecurityEvent.objects.filter(action=Action.SESSION_ENDED).order_by("pk")
    assert [event.detail["reason"] for event in reasons] == ["lifetime", "idle"]


def test_visitors_sessions_are_never_read(client, home_page):
    # No session cookie: the middleware neither reads a session nor logs anything.
    response = client.get("/en/")
    assert response.status_code == 200
    assert "cookie" not in response.headers.get("Vary", "").lower()
    assert not SecurityEvent.objects.exists()


# --- The security log ------------------------------------------------------------------


def test_the_security_log_is_append_only(service_desk_officer):
    event = SecurityEvent.objects.create(action=Action.LOGIN, username="desk")
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    for statement in (
        "UPDATE core_securityevent SET username = 'someone else'",
        "DELETE FROM core_securityevent",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(statement)
    # Deleting the account only unlinks its lines.
    SecurityEvent.objects.create(action=Action.LOGIN, username="desk", actor=service_desk_officer)
    service_desk_officer.delete()
    assert SecurityEvent.objects.filter(actor=None).count() == 2


def test_the_security_log_is_for_site_administrators_only(client, content_editor, site_admin):
    SecurityEvent.objects.create(action=Action.LOGIN_FAILED, username="nobody", address="192.0.2.1")
    client.force_login(content_editor)
    assert client.get("/admin/core/securityevent/").status_code == 403
    device, _codes = enrol(site_admin)
    admin = verified_client(site_admin, device)
    page = admin.get("/admin/core/securityevent/")
    assert page.status_code == 200 and "192.0.2.1" in page.content.decode()
    assert (
        admin.get(
            f"/admin/core/securityevent/{SecurityEvent.objects.first().pk}/delete/"
        ).status_code
        == 403
    )


# --- Passwords ---------------------------------------------------------------------------


def url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_there_is_no_public_password_reset(client):
    from django.contrib.auth import views as auth_views

    requesting = (auth_views.PasswordResetView, auth_views.PasswordResetDoneView)
    for route, pattern in url_patterns():
        view = getattr(pattern.callback, "view_class", None)
        assert not (view and issubclass(view, requesting)), route
    for name in ("password_reset", "admin_password_reset", "password_reset_done"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    login_page = client.get(LOGIN).content.decode()
    assert "password_reset" not in login_page and "Forgotten" not in login_page
    for path in ("/admin/password_reset/", "/accounts/password_reset/", "/en/password_reset/"):
        response = client.get(path)
        # Anonymous visitors of unknown admin pages are sent to the login, like for any.
        assert response.status_code == 404 or response.url.startswith(LOGIN), path


def test_a_password_link_from_the_command_sets_a_new_password_once(
    client, service_desk_officer, capsys
):
    for n in range(10):
        password_step(client, "desk", "wrong guess", address=f"198.51.100.{n}")
    call_command("staff_password_reset", "desk")
    output = capsys.readouterr().out
    link = re.search(r"http://\S+/admin/password/\S+/", output).group(0)
    path = urlsplit(link).path
    assert "were cleared" in output  # the lockout ends with the link
    assert not mail.outbox

    form = client.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == LOGIN
    assert "Your new password is set" in done.content.decode()
    service_desk_officer.refresh_from_db()
    assert service_desk_officer.check_password("a brand new passphrase")
    assert "does not work any more" in client.get(path, follow=True).content.decode()
    assert actions(action__startswith="password") == [Action.PASSWORD_LINK, Action.PASSWORD_SET]


def test_the_command_refuses_unknown_and_non_staff_accounts(django_user_model):
    django_user_model.objects.create_user(username="visitor", password=PASSWORD)
    for username in ("nobody", "visitor"):
        with pytest.raises(CommandError, match="No active staff login"):
            call_command("staff_password_reset", username)


# --- The footer ------------------------------------------------------------------------


def test_the_public_footer_does_not_link_the_admin(client, home_page):
    html = client.get("/en/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "/admin/" not in footer and "Staff login" not in footer
