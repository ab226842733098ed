"""ReadOnlyAdmin: a record shown to those who may view it, edited by nobody."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from apps.core.admin import ReadOnlyAdmin
from apps.service_packages.models import AuditEntry, CalendarDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(django_user_model):
    def make(*permissions, superuser=False):
        user = django_user_model.objects.create_user(
            username=f"staff-{len(permissions)}-{superuser}",
            password="a long test password",
            is_staff=True,
            is_superuser=superuser,
        )
        user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
        request = RequestFactory().get("/admin/")
        request.user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
        return request

    return make


def test_nobody_adds_changes_or_deletes_not_even_a_superuser(as_user):
    model_admin = ReadOnlyAdmin(CalendarDay, admin.site)
    request = as_user(superuser=True)
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_viewing_follows_the_models_view_permission(as_user):
    model_admin = ReadOnlyAdmin(CalendarDay, admin.site)
    assert not model_admin.has_view_permission(as_user())
    assert model_admin.has_view_permission(as_user("view_calendarday"))


def test_every_field_is_read_only(as_user):
    request = as_user(superuser=True)
    every = ReadOnlyAdmin(CalendarDay, admin.site)
    assert every.get_readonly_fields(request) == ["day", "kind", "name"]

    class Listed(ReadOnlyAdmin):
        fields = ("created_at", "action", "reference")

    assert Listed(AuditEntry, admin.site).get_readonly_fields(request) == [
        "created_at",
        "action",
        "reference",
    ]

    class Grouped(ReadOnlyAdmin):
        fieldsets = ((None, {"fields": ("day", "kind")}), ("More", {"fields": ("name",)}))

    assert Grouped(CalendarDay, admin.site).get_readonly_fields(request) == ["day", "kind", "name"]
