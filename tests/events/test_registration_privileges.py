"""Least privilege for registrants' personal data (issue 15, item 4): content editors see
counts only; the "Event registrations" group lists, exports and cancels, and each list,
page, export and action it sees is one line of the personal-data log, which holds no
personal data itself."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from apps.core.models import PersonalDataAccess
from apps.core.services import (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_EVENT_REGISTRATIONS,
    STAFF_GROUP_SITE_ADMIN,
    STAFF_GROUPS,
)
from apps.events.models import Registration, RegistrationSummary
from apps.events.registrations import registration_create

from .factories import EventFactory

pytestmark = pytest.mark.django_db
EVENTS = "/admin/events/event/"
REGISTRATIONS = "/admin/events/registration/"
DELIVERIES = "/admin/events/delivery/"
LOG = "/admin/core/personaldataaccess/"
Action = PersonalDataAccess.Action

NAME = "Alena Ivanova"
EMAIL = "alena.ivanova@example.org"
ORGANISATION = "Minsk Youth Centre"
PERSONAL = (NAME, "Alena", "Ivanova", EMAIL, "alena.ivanova", ORGANISATION)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def editor(content_editor):
    return _client(content_editor)


@pytest.fixture
def officer(registrations_officer):
    return _client(registrations_officer)


@pytest.fixture
def event():
    return EventFactory(
        title_en="Minsk online exchange",
        slug="minsk-exchange",
        takes_registrations=True,
        capacity=1,
    )


@pytest.fixture
def registrations(event):
    """Alena with the one place, and a second registrant on the waitlist."""
    first = registration_create(
        event_id=event.pk,
        name=NAME,
        email=EMAIL,
        organisation=ORGANISATION,
        country="BY",
        language="ru",
        time_zone="Europe/Minsk",
    ).registration
    second = registration_create(
        event_id=event.pk,
        name="Pierre Martin",
        email="pierre.martin@example.org",
        country="FR",
        language="fr",
        time_zone="Europe/Paris",
    ).registration
    return first, second


def action(client, name, rows, query=""):
    return client.post(
        REGISTRATIONS + query, {"action": name, "_selected_action": [row.pk for row in rows]}
    )


def log_text(line) -> str:
    """Everything a log line holds, as staff and a database dump would see it."""
    return json.dumps(
        {
            "actor": line.actor_name,
            "action": line.action,
            "subject": line.subject,
            "object_id": line.object_id,
            "row_count": line.row_count,
            "detail": line.detail,
        },
        ensure_ascii=False,
    )


def assert_no_personal_data():
    for line in PersonalDataAccess.objects.all():
        text = log_text(line).lower()
        for value in PERSONAL:
            assert value.lower() not in text, (value, text)


# --- Content editors: counts only ------------------------------------------------------


def test_a_content_editor_has_no_registrant_list_page_export_or_cancel(
    editor, event, registrations
):
    first, second = registrations
    index = editor.get("/admin/").content.decode()
    assert REGISTRATIONS not in index and DELIVERIES not in index and LOG not in index
    assert editor.get(REGISTRATIONS).status_code == 403
    assert editor.get(REGISTRATIONS, {"event__id__exact": event.pk}).status_code == 403
    for page in ("change", "history", "delete"):
        assert editor.get(f"{REGISTRATIONS}{first.pk}/{page}/").status_code == 403
    for name in ("export_csv", "export_xlsx", "cancel_registrations", "confirm_from_waitlist"):
        response = action(editor, name, registrations)
        assert response.status_code == 403, name
        assert "Content-Disposition" not in response
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert editor.get(DELIVERIES).status_code == 403
    delivery = first.deliveries.first()
    assert editor.get(f"{DELIVERIES}{delivery.pk}/change/").status_code == 403
    assert editor.get(LOG).status_code == 403
    # Nothing was shown, so nothing was logged.
    assert not PersonalDataAccess.objects.exists()


def test_a_content_editor_sees_the_counts_without_names(editor, event, registrations):
    html = editor.get(EVENTS).content.decode()
    assert "1/1 confirmed, 1 on the waitlist" in html
    assert REGISTRATIONS not in html
    assert f'href="{EVENTS}{event.pk}/registrations/"' in html
    assert f'href="{EVENTS}{event.pk}/registrations/"' in (
        editor.get(f"{EVENTS}{event.pk}/change/").content.decode()
    )

    page = editor.get(f"{EVENTS}{event.pk}/registrations/")
    assert page.status_code == 200
    html = page.content.decode()
    rows = {
        label: int(count)
        for label, count in re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', html)
    }
    assert rows["Confirmed"] == 1
    assert rows["On the waitlist"] == 1
    assert rows["Cancelled"] == 0
    assert rows["Places"] == 1
    assert rows["Places left"] == 0
    for value in PERSONAL:
        assert value not in html
    assert REGISTRATIONS not in html
    assert "only to the “Event registrations” group" in html
    assert not PersonalDataAccess.objects.exists()


def test_the_counts_page_keeps_the_summary_after_the_deletion(editor, event):
    RegistrationSummary.objects.create(
        event=event, confirmed=12, waitlisted=3, cancelled=2, purged_at=event.ends_at
    )
    html = editor.get(f"{EVENTS}{event.pk}/registrations/").content.decode()
    assert "<td>12</td>" in html and "personal data was deleted" in html


def test_the_counts_page_needs_a_staff_member_who_sees_events(client, event, django_user_model):
    assert client.get(f"{EVENTS}{event.pk}/registrations/").status_code == 302
    nobody = django_user_model.objects.create_user("nobody", password="x" * 20, is_staff=True)
    assert _client(nobody).get(f"{EVENTS}{event.pk}/registrations/").status_code == 403


# --- The Event registrations group: each look is one log line --------------------------


def test_the_list_is_one_log_line_with_the_event_filters_and_count(
    officer, registrations_officer, event, registrations
):
    response = officer.get(REGISTRATIONS, {"event__id__exact": event.pk, "language__exact": "ru"})
    assert response.status_code == 200 and NAME in response.content.decode()
    [line] = PersonalDataAccess.objects.all()
    assert line.action == Action.LIST_VIEWED
    assert line.subject == "events.registration"
    assert line.actor == registrations_officer and line.actor_name == "registrations"
    assert line.row_count == 1
    assert line.detail["filters"] == {"event__id__exact": str(event.pk), "language__exact": "ru"}
    assert "searched" not in line.detail


def test_a_search_is_logged_as_a_search_never_its_words(officer, event, registrations):
    for term in (EMAIL, NAME, ORGANISATION):
        response = officer.get(REGISTRATIONS, {"q": term})
        assert NAME in response.content.decode()
    lines = list(PersonalDataAccess.objects.all())
    assert len(lines) == 3
    assert all(line.detail == {"filters": {}, "searched": True} for line in lines)
    assert_no_personal_data()


def test_a_registration_page_is_one_log_line(officer, event, registrations):
    first, _second = registrations
    response = officer.get(f"{REGISTRATIONS}{first.pk}/change/")
    assert response.status_code == 200 and EMAIL in response.content.decode()
    [line] = PersonalDataAccess.objects.all()
    assert line.action == Action.RECORD_VIEWED
    assert line.object_id == str(first.pk)
    assert line.detail == {
        "event": {"id": event.pk, "slug": "minsk-exchange"},
        "page": "change",
    }
    assert officer.get(f"{REGISTRATIONS}{first.pk}/history/").status_code == 200
    assert PersonalDataAccess.objects.count() == 2
    assert_no_personal_data()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_is_one_log_line(officer, event, registrations, file_format):
    response = action(
        officer, f"export_{file_format}", registrations, query=f"?event__id__exact={event.pk}"
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    [line] = PersonalDataAccess.objects.all()
    assert line.action == Action.EXPORTED
    assert line.row_count == 2
    assert line.detail == {
        "format": file_format,
        "filters": {"event__id__exact": str(event.pk)},
        "events": [{"id": event.pk, "slug": "minsk-exchange"}],
    }
    assert_no_personal_data()


def test_cancelling_is_one_log_line_and_the_list_after_it_another(officer, event, registrations):
    first, second = registrations
    response = action(officer, "cancel_registrations", [first])
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    [line] = PersonalDataAccess.objects.all()
    assert line.action == Action.CHANGED
    assert line.row_count == 1
    assert line.detail == {
        "operation": "cancel",
        "skipped": 0,
        "events": [{"id": event.pk, "slug": "minsk-exchange"}],
    }
    officer.get(response["Location"])
    assert PersonalDataAccess.objects.count() == 2
    assert_no_personal_data()


def test_the_email_log_is_the_groups_and_logged(officer, registrations):
    first, _second = registrations
    assert officer.get(DELIVERIES).status_code == 200
    delivery = first.deliveries.first()
    assert officer.get(f"{DELIVERIES}{delivery.pk}/change/").status_code == 200
    assert list(PersonalDataAccess.objects.values_list("subject", "action")) == [
        ("events.delivery", Action.RECORD_VIEWED),
        ("events.delivery", Action.LIST_VIEWED),
    ]
    assert_no_personal_data()


def test_the_group_is_led_from_the_counts_to_the_list(officer, event, registrations):
    html = officer.get(f"{EVENTS}{event.pk}/registrations/").content.decode()
    assert f'href="{REGISTRATIONS}?event__id__exact={event.pk}"' in html
    # The counts page shows no personal data and is not logged; the list is.
    assert not PersonalDataAccess.objects.exists()
    # The group reads events but does not edit them.
    assert officer.get(EVENTS).status_code == 200
    assert officer.get(f"{EVENTS}add/").status_code == 403


def test_only_what_was_shown_is_logged(officer, registrations):
    # An unknown registration goes to the admin home: nothing shown.
    assert officer.get(f"{REGISTRATIONS}999999/change/").status_code == 302
    assert not PersonalDataAccess.objects.exists()
    # An export with nothing selected shows the list again: a list, no export.
    response = officer.post(REGISTRATIONS, {"action": "export_csv"})
    assert response.status_code == 200
    assert list(PersonalDataAccess.objects.values_list("action", flat=True)) == [Action.LIST_VIEWED]


def test_control_characters_in_filters_are_logged_safely(officer, registrations):
    response = officer.get(REGISTRATIONS, {"country": "B\x00Y", "o": "x" * 3000})
    assert response.status_code in {200, 302, 400}
    for line in PersonalDataAccess.objects.all():
        assert all("\x00" not in value for value in line.detail["filters"].values())
        assert all(len(value) <= 100 for value in line.detail["filters"].values())


# --- The log -----------------------------------------------------------------------------


def test_the_group_reads_the_log_and_nobody_changes_it(officer, editor, registrations):
    officer.get(REGISTRATIONS)
    line = PersonalDataAccess.objects.get()
    html = officer.get(LOG).content.decode()
    assert "List viewed" in html and "events.registration" in html
    assert officer.get(f"{LOG}{line.pk}/change/").status_code == 200
    assert 'name="_save"' not in officer.get(f"{LOG}{line.pk}/change/").content.decode()
    assert officer.get(f"{LOG}add/").status_code == 403
    assert officer.post(f"{LOG}{line.pk}/delete/", {"post": "yes"}).status_code == 403
    assert editor.get(LOG).status_code == 403
    assert PersonalDataAccess.objects.count() == 1


def test_the_log_is_append_only(registrations_officer):
    line = PersonalDataAccess.objects.create(
        action=Action.EXPORTED, subject="events.registration", row_count=3
    )
    with pytest.raises(ValueError, match="append-only"):
        line.save()
    with pytest.raises(ValueError, match="append-only"):
        line.delete()
    for statement in (
        "UPDATE core_personaldataaccess SET row_count = 0",
        "DELETE FROM core_personaldataaccess",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(statement)
    # Deleting the account only unlinks its lines.
    PersonalDataAccess.objects.create(
        action=Action.LIST_VIEWED,
        subject="events.registration",
        actor=registrations_officer,
        actor_name="registrations",
    )
    registrations_officer.delete()
    assert PersonalDataAccess.objects.filter(actor=None).count() == 2


# --- Groups and their permissions ---------------------------------------------------------


def codenames(group_name) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


REGISTRANTS = {
    f"events.{action}_{model}"
    for action in ("add", "view", "change", "delete")
    for model in ("registration", "delivery", "registrantmessage", "messagedelivery")
}


def assert_groups_as_designed():
    editors = codenames(STAFF_GROUP_CONTENT_EDITOR)
    assert not editors & REGISTRANTS
    assert not any(perm.startswith("core.") for perm in editors)
    assert {"events.change_event", "events.view_registrationsummary"} <= editors
    registrations = codenames(STAFF_GROUP_EVENT_REGISTRATIONS)
    assert registrations == {
        "events.view_registration",
        "events.change_registration",
        "events.delete_registration",
        "events.view_delivery",
        "events.change_delivery",
        "events.delete_delivery",
        # Messages to registrants (tests/events/test_registrant_messages.py).
        "events.view_registrantmessage",
        "events.change_registrantmessage",
        "events.delete_registrantmessage",
        "events.view_messagedelivery",
        "events.change_messagedelivery",
        "events.delete_messagedelivery",
        "events.view_event",
        "events.view_registrationsummary",
        "core.view_personaldataaccess",
    }
    assert REGISTRANTS <= codenames(STAFF_GROUP_SITE_ADMIN)
    assert "core.view_personaldataaccess" in codenames(STAFF_GROUP_SITE_ADMIN)


def test_the_groups_of_a_freshly_migrated_database():
    """The test database was built by `migrate` from nothing."""
    assert set(STAFF_GROUPS) <= set(Group.objects.values_list("name", flat=True))
    assert_groups_as_designed()


def test_migrate_restores_the_groups_and_takes_back_permissions_given_by_hand():
    editors = Group.objects.get(name=STAFF_GROUP_CONTENT_EDITOR)
    editors.permissions.add(*Permission.objects.filter(codename="view_registration"))
    Group.objects.filter(name=STAFF_GROUP_EVENT_REGISTRATIONS).delete()
    call_command("migrate", verbosity=0)
    assert_groups_as_designed()


def test_createstaff_puts_a_login_in_the_new_group(django_user_model):
    call_command(
        "createstaff",
        "zhao",
        "--password",
        "a long test password",
        "--group",
        STAFF_GROUP_EVENT_REGISTRATIONS,
    )
    user = django_user_model.objects.get(username="zhao")
    assert user.has_perm("events.view_registration")
    assert not user.has_perm("events.change_event")


def test_the_demo_login_sees_everything(settings, tmp_path, django_user_model):
    settings.BASE_DIR = tmp_path
    call_command("demo_login", "--password-file", str(tmp_path / "demo.txt"), verbosity=0)
    demo = django_user_model.objects.get(username="demo")
    assert set(demo.groups.values_list("name", flat=True)) == set(STAFF_GROUPS)
    for perm in (
        "events.view_registration",
        "events.change_registration",
        "events.change_event",
        "core.view_personaldataaccess",
    ):
        assert demo.has_perm(perm), perm


# --- Deleting an event (what the staff guide says) ----------------------------------------


def test_an_editor_cannot_delete_an_event_that_has_registrations(editor, event, registrations):
    html = editor.get(f"{EVENTS}{event.pk}/delete/").content.decode()
    # Django's refusal: the registrations and their emails would go too, and editors may
    # not delete those (docs/staff-guide.md "Deleting an event").
    assert "<h1>Cannot delete event</h1>" in html
    assert "<li>registration</li>" in html and 'name="post"' not in html
    assert editor.post(f"{EVENTS}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    editor.post(
        EVENTS, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert Registration.objects.filter(event=event).count() == 2
    # What the guide says to do instead: cancel it (registrants are told) or unpublish it.
    response = editor.post(EVENTS, {"action": "cancel_events", "_selected_action": [event.pk]})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.event_status == event.Status.CANCELLED


def test_an_editor_can_delete_an_event_without_registrations(editor, event):
    assert editor.post(f"{EVENTS}{event.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not type(event).objects.filter(pk=event.pk).exists()
