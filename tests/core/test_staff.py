"""Staff groups from the data migration, their permissions, and `createstaff`."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_SITE_ADMIN,
)
from tests.languages import FIELD_SUFFIXES

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_three_staff_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        STAFF_GROUP_CONTENT_EDITOR,
        STAFF_GROUP_SERVICE_DESK,
        STAFF_GROUP_SITE_ADMIN,
    }


def test_content_editors_edit_public_content_but_not_accounts():
    perms = codenames(STAFF_GROUP_CONTENT_EDITOR)
    assert ("portal", "change_homepage") in perms
    assert ("portal", "view_homepage") in perms
    assert not any(app == "auth" for app, _ in perms)


def test_service_desk_cannot_touch_public_content():
    perms = codenames(STAFF_GROUP_SERVICE_DESK)
    assert not any(app in {"portal", "auth"} for app, _ in perms)


def test_site_administrators_have_every_permission():
    assert codenames(STAFF_GROUP_SITE_ADMIN) == set(
        Permission.objects.values_list("content_type__app_label", "codename")
    )


def test_createstaff_creates_a_staff_user_in_groups(django_user_model, client):
    call_command(
        "createstaff",
        "mei",
        "--email",
        "mei@example.org",
        "--password",
        "s3cret-Pass!",
        "--group",
        STAFF_GROUP_CONTENT_EDITOR,
    )
    user = django_user_model.objects.get(username="mei")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [STAFF_GROUP_CONTENT_EDITOR]
    assert user.has_perm("portal.change_homepage")
    assert not user.has_perm("auth.add_user")
    assert client.login(username="mei", password="s3cret-Pass!")
    assert client.get("/admin/portal/homepage/").status_code == 200


def test_createstaff_resets_an_existing_user(django_user_model):
    call_command("createstaff", "li", "--password", "first-Pass1")
    call_command("createstaff", "li", "--password", "second-Pass2", "--superuser")
    user = django_user_model.objects.get(username="li")
    assert user.check_password("second-Pass2") and user.is_superuser


def test_createstaff_refuses_bad_input():
    with pytest.raises(CommandError):
        call_command("createstaff", "x", "--password", "p", "--group", "Nobody")
    with pytest.raises(CommandError):
        call_command("createstaff", "bad name!", "--password", "pw-long-enough")
    with pytest.raises(CommandError, match="too short|too common"):
        call_command("createstaff", "weak", "--password", "123")


def test_demo_login_is_reused(capsys, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("demo_login")
    first = capsys.readouterr().out
    call_command("demo_login")
    assert capsys.readouterr().out == first
    assert "username: demo" in first


def test_load_demo_content_is_idempotent(django_user_model):
    from apps.portal.models import HomePage

    call_command("load_demo_content")
    call_command("load_demo_content")
    assert HomePage.objects.count() == 1
    page = HomePage.objects.get()
    for lang in FIELD_SUFFIXES:
        assert getattr(page, f"title_{lang}")
        assert getattr(page, f"intro_{lang}")
