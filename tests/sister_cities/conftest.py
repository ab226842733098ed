"""Fixtures of the sister-cities tests: staff members of each group."""

import pytest
from django.contrib.auth.models import Group

from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK


def _staff(django_user_model, username, group, email=""):
    user = django_user_model.objects.create_user(
        username=username, password="a long test password", email=email, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def content_editor(db, django_user_model):
    return _staff(django_user_model, "editor", STAFF_GROUP_CONTENT_EDITOR, "editor@example.org")


@pytest.fixture
def service_desk_officer(db, django_user_model):
    return _staff(django_user_model, "desk", STAFF_GROUP_SERVICE_DESK, "desk@example.org")


@pytest.fixture
def editor_client(client, content_editor):
    client.force_login(content_editor)
    return client
