"""The "Event registrations" group sees registrants' personal data as the service desk sees
applicants': with STAFF_SECOND_FACTOR_REQUIRED its members log in with a second factor too
(issue 15, items 3 and 4)."""

import pytest

from tests.core.test_staff_security import (
    LOGIN,
    code_step,
    current_code,
    enrol,
    logged_in,
    password_step,
)

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/events/registration/"


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    settings.LANGUAGE_CODE = "en"


def test_the_password_alone_opens_no_registrant_list(client, registrations_officer):
    response = password_step(client, "registrations")
    assert response.url == "/admin/login/enrol/"
    assert not logged_in(client)
    assert client.get(REGISTRATIONS).url.startswith(LOGIN)


def test_with_the_code_the_group_reaches_the_registrants(client, registrations_officer):
    device, _codes = enrol(registrations_officer)
    assert password_step(client, "registrations").url == "/admin/login/code/"
    assert not logged_in(client)
    assert code_step(client, current_code(device)).status_code == 302
    assert client.get(REGISTRATIONS).status_code == 200


def test_a_session_without_a_factor_ends_when_the_group_is_given(
    client, content_editor, django_user_model
):
    """An editor who logged in without a factor loses that session once given the group."""
    from django.contrib.auth.models import Group

    from apps.core.services import STAFF_GROUP_EVENT_REGISTRATIONS

    assert password_step(client, "editor").url == "/admin/"
    assert client.get("/admin/").status_code == 200
    content_editor.groups.add(Group.objects.get(name=STAFF_GROUP_EVENT_REGISTRATIONS))
    assert client.get(REGISTRATIONS).url.startswith(LOGIN)
