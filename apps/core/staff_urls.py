"""The staff login and second-factor pages, under /admin/ before the admin's own URLs.

`login/` takes the address of the admin's login (`admin:login`), so the admin sends
everyone here. No page here, or anywhere, lets someone ask for a password reset: a
link comes only from an administrator (`manage.py staff_password_reset`).
"""

from django.contrib import admin
from django.urls import path

from . import staff_views as views

app_name = "staff"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("login/enrol/", views.login_enrol, name="login_enrol"),
    # admin_view: staff only (else to the login), CSRF-protected, never cached.
    path("two-factor/", admin.site.admin_view(views.two_factor), name="two_factor"),
    path(
        "two-factor/enrol/",
        admin.site.admin_view(views.two_factor_enrol),
        name="two_factor_enrol",
    ),
    path(
        "two-factor/recovery-codes/",
        admin.site.admin_view(views.recovery_codes_new),
        name="recovery_codes_new",
    ),
    path(
        "notifications/",
        admin.site.admin_view(views.notifications),
        name="notifications",
    ),
    path(
        "password/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password_set",
    ),
]
