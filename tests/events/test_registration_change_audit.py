"""A correction saved on a registration's page and a deletion on request are each one line
of the personal-data log, like the cancel and waitlist actions: who, when, which record and
event, which fields, never the old or the new values (issue 15, item 4)."""

import json

import pytest
from django.conf import settings
from django.test import Client

from apps.core.models import PersonalDataAccess
from apps.events.models import Registration

from .factories import EventFactory
from .test_registration_admin import REGISTRATIONS, _change_data, act, register

pytestmark = pytest.mark.django_db
Action = PersonalDataAccess.Action


@pytest.fixture
def officer(registrations_officer):
    client = Client()
    client.force_login(registrations_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event():
    return EventFactory(slug="minsk-exchange", takes_registrations=True)


def lines():
    return list(PersonalDataAccess.objects.order_by("pk"))


def test_a_saved_correction_is_one_line_with_the_fields_not_the_values(officer, event):
    registration = register(event, "alena@example.org", name="Alena Ivanova")
    response = officer.post(
        f"{REGISTRATIONS}{registration.pk}/change/",
        _change_data(
            registration, email="alena.ivanova@example.org", organisation="Minsk Youth Centre"
        ),
    )
    assert response.status_code == 302
    [line] = lines()
    assert line.action == Action.CHANGED
    assert line.actor_name == "registrations"
    assert line.subject == "events.registration"
    assert line.object_id == str(registration.pk)
    assert line.row_count == 1
    assert line.detail == {
        "operation": "edit",
        "fields": ["email", "organisation"],
        "event": {"id": event.pk, "slug": "minsk-exchange"},
    }
    text = json.dumps(line.detail).lower()
    for value in ("alena", "ivanova", "minsk youth"):
        assert value not in text


def test_saving_without_a_change_writes_no_change_line(officer, event):
    registration = register(event, "alena@example.org")
    response = officer.post(f"{REGISTRATIONS}{registration.pk}/change/", _change_data(registration))
    assert response.status_code == 302
    assert not lines()


def test_a_refused_correction_is_the_page_shown_again_not_a_change(officer, event):
    register(event, "ivan@example.org")
    registration = register(event, "alena@example.org")
    response = officer.post(
        f"{REGISTRATIONS}{registration.pk}/change/",
        _change_data(registration, email="ivan@example.org"),
    )
    assert response.status_code == 200
    assert [(line.action, line.detail.get("page")) for line in lines()] == [
        (Action.RECORD_VIEWED, "change")
    ]


def test_a_deletion_on_request_is_one_line_naming_the_event(officer, event):
    registration = register(event, "alena@example.org", name="Alena Ivanova")
    act(officer, REGISTRATIONS, "cancel_registrations", [registration])
    before = PersonalDataAccess.objects.count()
    response = officer.post(f"{REGISTRATIONS}{registration.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Registration.objects.exists()
    [line] = lines()[before:]
    assert line.action == Action.CHANGED
    assert line.object_id == str(registration.pk)
    assert line.row_count == 1
    assert line.detail == {
        "operation": "delete",
        "event": {"id": event.pk, "slug": "minsk-exchange"},
    }


def test_sending_emails_again_is_one_line(officer, event):
    from apps.events.models import Delivery

    registration = register(event, "alena@example.org", name="Alena Ivanova")
    registration.deliveries.update(state=Delivery.State.FAILED)
    failed = list(registration.deliveries.all())
    response = officer.post(
        "/admin/events/delivery/",
        {"action": "send_again", "_selected_action": [row.pk for row in failed]},
    )
    assert response.status_code == 302
    [line] = lines()
    assert line.action == Action.CHANGED
    assert line.subject == "events.delivery"
    assert line.row_count == len(failed)
    assert line.detail == {
        "operation": "send_again",
        "events": [{"id": event.pk, "slug": "minsk-exchange"}],
    }
    assert not registration.deliveries.filter(state=Delivery.State.FAILED).exists()


def test_no_personal_data_admin_deletes_in_bulk(admin_user):
    """Deletions are logged one record at a time (delete_model): an admin of personal data
    offering "delete_selected" would delete rows without a line."""
    from django.contrib import admin
    from django.test import RequestFactory

    from apps.core.admin import PersonalDataAdminMixin

    request = RequestFactory().get("/admin/")
    request.user = admin_user  # a superuser: every action there is
    mixed = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, PersonalDataAdminMixin)
    ]
    assert len(mixed) >= 2
    for model_admin in mixed:
        assert "delete_selected" not in model_admin.get_actions(request), model_admin
