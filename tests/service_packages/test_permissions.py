"""Who sees what in the admin: content editors keep the catalogue, the service desk the
queue; nobody adds or deletes requests, nobody edits the audit log."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client

from apps.core.services import STAFF_GROUP_CONTENT_EDITOR, STAFF_GROUP_SERVICE_DESK
from apps.service_packages.models import AuditEntry, RequestStatistic, ServicePackage

from .factories import submit

pytestmark = pytest.mark.django_db
ADMIN = "/admin/"
BASE = "/admin/service_packages/"
CATALOGUE = ("servicepackage", "serviceitem")
QUEUE = ("servicerequest", "auditentry", "requeststatistic", "requestnotification")


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def officer(service_desk_officer):
    client = _english(Client())
    client.force_login(service_desk_officer)
    return client


@pytest.fixture
def editor(content_editor):
    client = _english(Client())
    client.force_login(content_editor)
    return client


@pytest.fixture
def world(going_abroad):
    """A request with a document, its audit line, a statistic: one of everything."""
    service_request = submit(going_abroad)
    document = service_request.documents.get()
    entry = AuditEntry.objects.create(action=AuditEntry.Action.EXPORT, detail={"count": 1})
    statistic = RequestStatistic.objects.create(
        package=going_abroad,
        month="2026-01-01",
        status="completed",
        enterprise_type="foreign",
        count=3,
    )
    return {
        "package": going_abroad,
        "item": going_abroad.items.first(),
        "request": service_request,
        "document": document,
        "entry": entry,
        "statistic": statistic,
        "notification": service_request.notifications.get(),
    }


def _queue_urls(world) -> list[str]:
    service_request = world["request"]
    return [
        f"{BASE}servicerequest/",
        f"{BASE}servicerequest/{service_request.pk}/change/",
        f"{BASE}servicerequest/{service_request.pk}/history/",
        f"{BASE}servicerequest/dashboard/",
        f"{BASE}servicerequest/{service_request.pk}/documents/{world['document'].pk}/",
        f"{BASE}servicerequest/{service_request.pk}/status/in_review/",
        f"{BASE}auditentry/",
        f"{BASE}auditentry/{world['entry'].pk}/change/",
        f"{BASE}requeststatistic/",
        f"{BASE}requeststatistic/{world['statistic'].pk}/change/",
        f"{BASE}requestnotification/",
        f"{BASE}requestnotification/{world['notification'].pk}/change/",
    ]


def _catalogue_urls(world) -> list[str]:
    return [
        f"{BASE}servicepackage/",
        f"{BASE}servicepackage/add/",
        f"{BASE}servicepackage/{world['package'].pk}/change/",
        f"{BASE}serviceitem/",
        f"{BASE}serviceitem/add/",
        f"{BASE}serviceitem/{world['item'].pk}/change/",
    ]


def _codenames(group_name) -> set[str]:
    return set(
        Permission.objects.filter(
            group__name=group_name, content_type__app_label="service_packages"
        ).values_list("codename", flat=True)
    )


def test_the_groups_get_the_permissions_the_settings_name():
    editor = _codenames(STAFF_GROUP_CONTENT_EDITOR)
    desk = _codenames(STAFF_GROUP_SERVICE_DESK)
    for model in ("servicepackage", "serviceitem", "requireddocument", "servicestep"):
        assert {f"{a}_{model}" for a in ("add", "change", "delete", "view")} <= editor
        assert not {code for code in desk if code.endswith(f"_{model}")}
    for model in (
        "servicerequest",
        "requestdocument",
        "requesttransition",
        "requestnotification",
        "auditentry",
        "requeststatistic",
    ):
        assert {code for code in desk if code.endswith(f"_{model}")} == {
            f"view_{model}",
            f"change_{model}",
        }
        assert not {code for code in editor if code.endswith(f"_{model}")}


def test_a_content_editor_sees_the_catalogue_and_not_the_queue(editor, world):
    index = editor.get(ADMIN).content.decode()
    for model in CATALOGUE:
        assert f'href="{BASE}{model}/"' in index, model
    for model in QUEUE:
        assert f"{BASE}{model}/" not in index, model
    app_index = editor.get(BASE).content.decode()
    assert "Service requests" not in app_index and "Audit log" not in app_index
    for url in _catalogue_urls(world):
        assert editor.get(url).status_code == 200, url
    for url in _queue_urls(world):
        assert editor.get(url).status_code in (403, 404), url
    # Nor by the buttons' own addresses.
    service_request = world["request"]
    assert (
        editor.post(f"{BASE}servicerequest/{service_request.pk}/assign-to-me/").status_code == 403
    )
    response = editor.post(
        f"{BASE}servicerequest/{service_request.pk}/status/in_review/", {"note_to_applicant": "x"}
    )
    assert response.status_code == 403
    response = editor.post(
        f"{BASE}servicerequest/",
        {"action": "export_csv", "index": "0", "_selected_action": [service_request.pk]},
    )
    assert response.status_code == 403
    service_request.refresh_from_db()
    assert (service_request.status, service_request.officer) == ("submitted", None)
    assert AuditEntry.objects.count() == 1  # only the fixture's


def test_an_officer_works_the_queue_and_cannot_touch_the_catalogue(officer, world):
    index = officer.get(ADMIN).content.decode()
    for model in QUEUE:
        assert f'href="{BASE}{model}/"' in index, model
    for model in CATALOGUE:
        assert f"{BASE}{model}/" not in index, model
    for url in _queue_urls(world):
        assert officer.get(url).status_code == 200, url
    for url in _catalogue_urls(world):
        assert officer.get(url).status_code == 403, url
    response = officer.post(
        f"{BASE}servicepackage/{world['package'].pk}/change/", {"title_zh_hans": "改"}
    )
    assert response.status_code == 403
    response = officer.post(
        f"{BASE}servicepackage/",
        {"action": "archive", "index": "0", "_selected_action": [world["package"].pk]},
    )
    assert response.status_code == 403
    assert ServicePackage.objects.get().status == "published"


def test_reading_the_queue_without_working_it(world, django_user_model):
    """A staff member who may only view requests exports them, but moves nothing."""
    reader = django_user_model.objects.create_user(username="reader", is_staff=True)
    reader.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="service_packages",
            codename__in=["view_servicerequest", "view_requestdocument"],
        )
    )
    client = _english(Client())
    client.force_login(reader)
    service_request = world["request"]
    html = client.get(f"{BASE}servicerequest/").content.decode()
    assert 'value="export_csv"' in html
    for action in ("assign_to_me", "start_review", "approve", "reject"):
        assert f'value="{action}"' not in html
    page = client.get(f"{BASE}servicerequest/{service_request.pk}/change/").content.decode()
    assert "assign-to-me" not in page and "/status/" not in page
    assert (
        client.post(f"{BASE}servicerequest/{service_request.pk}/assign-to-me/").status_code == 403
    )
    assert (
        client.get(f"{BASE}servicerequest/{service_request.pk}/status/in_review/").status_code
        == 403
    )
    service_request.refresh_from_db()
    assert (service_request.status, service_request.officer) == ("submitted", None)


def test_documents_need_the_document_permission(world, django_user_model):
    viewer = django_user_model.objects.create_user(username="viewer", is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="service_packages", codename="view_servicerequest"
        )
    )
    client = Client()
    client.force_login(viewer)
    url = f"{BASE}servicerequest/{world['request'].pk}/documents/{world['document'].pk}/"
    assert client.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DOCUMENT_VIEWED).exists()


def test_nobody_adds_or_deletes_requests_or_edits_the_record(admin_client, world):
    _english(admin_client)
    service_request = world["request"]
    assert admin_client.get(f"{BASE}servicerequest/add/").status_code == 403
    assert (
        admin_client.post(f"{BASE}servicerequest/{service_request.pk}/delete/").status_code == 403
    )
    for model, pk in (
        ("auditentry", world["entry"].pk),
        ("requeststatistic", world["statistic"].pk),
        ("requestnotification", world["notification"].pk),
    ):
        assert admin_client.get(f"{BASE}{model}/add/").status_code == 403
        assert admin_client.post(f"{BASE}{model}/{pk}/delete/", {"post": "yes"}).status_code == 403
        page = admin_client.get(f"{BASE}{model}/{pk}/change/").content.decode()
        assert 'name="_save"' not in page


def test_staff_of_no_group_see_nothing_of_it(world, django_user_model):
    nobody = django_user_model.objects.create_user(username="nobody", is_staff=True)
    client = Client()
    client.force_login(nobody)
    for url in _queue_urls(world) + _catalogue_urls(world):
        assert client.get(url).status_code in (403, 404), url


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    for url in _queue_urls(world) + _catalogue_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_leaving_the_desk_takes_the_queue_away(officer, service_desk_officer, world):
    assert officer.get(f"{BASE}servicerequest/").status_code == 200
    service_desk_officer.groups.remove(Group.objects.get(name=STAFF_GROUP_SERVICE_DESK))
    assert officer.get(f"{BASE}servicerequest/").status_code == 403
