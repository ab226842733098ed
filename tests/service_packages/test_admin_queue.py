"""The service desk's queue in the admin: list, filters, the request's page, the workflow's
actions and their audit lines, documents, exports, the dashboard, the audit log, and query
counts at 50,000 requests."""

import csv
import html as html_lib
import io
import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from apps.service_packages.emails import notification_message
from apps.service_packages.models import (
    AuditEntry,
    RequestDocument,
    RequestNotification,
    RequestTransition,
    ServiceRequest,
)
from apps.service_packages.services import CheckedFile, request_transition

from .factories import PDF_BYTES, item, package, submit

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status
REQUESTS = "/admin/service_packages/servicerequest/"
AUDIT = "/admin/service_packages/auditentry/"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(autouse=True)
def _admin_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- Helpers -----------------------------------------------------------------------------------


def tbody(html: str) -> str:
    return re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def references(response) -> set[str]:
    return set(re.findall(r">(XC-\d{4}-\d{6})</a></th>", response.content.decode()))


def act(client, action, rows, *, follow=False, **extra):
    """Choose an action on the changelist for `rows`, as the "Go" button does."""
    data = {"action": action, "index": "0", "_selected_action": [row.pk for row in rows]}
    data.update(extra)
    return client.post(REQUESTS, data, follow=follow)


def hidden_inputs(response) -> dict:
    """The hidden fields of the confirmation page's form, as the browser would send them."""
    form = re.search(r"<form method=\"post\".*?</form>", response.content.decode(), re.S).group(0)
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        data.setdefault(name, []).append(html_lib.unescape(value))
    return data


def confirm(client, page, *, follow=True, **notes):
    """Send the confirmation page back with the notes typed in."""
    return client.post(REQUESTS, {**hidden_inputs(page), **notes}, follow=follow)


def status_of(obj) -> str:
    obj.refresh_from_db()
    return obj.status


def set_status(obj, status):
    ServiceRequest.objects.filter(pk=obj.pk).update(status=status)
    obj.refresh_from_db()
    return obj


@pytest.fixture
def requests_(going_abroad):
    """Three requests of Going Abroad, oldest first."""
    return [
        submit(going_abroad, enterprise_name=name, email=f"{slug}@example.org")
        for name, slug in (
            ("Muster GmbH", "muster"),
            ("Dupont SARL", "dupont"),
            ("Rossi SpA", "rossi"),
        )
    ]


# --- The list ----------------------------------------------------------------------------------


def test_the_list_columns(officer_client, going_abroad):
    late = submit(going_abroad, enterprise_name="Late Ltd")
    ServiceRequest.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - timedelta(days=1), officer=officer_client.officer
    )
    on_time = submit(going_abroad, enterprise_name="Early Ltd")
    html = officer_client.get(REQUESTS).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "reference",
        "enterprise_name",
        "package",
        "status",
        "officer",
        "submitted_at",
        "due_on",
        "overdue",
    ]
    rows = dict(re.findall(r">(XC-\d{4}-\d{6})</a></th>(.*?)</tr>", tbody(html), re.S))
    assert "Late Ltd" in rows[late.reference] and "Going Abroad" in rows[late.reference]
    assert 'field-officer nowrap">officer</td>' in rows[late.reference]
    assert '<strong class="request-overdue">Overdue</strong>' in rows[late.reference]
    assert "Overdue" not in rows[on_time.reference]
    assert "Submitted" in rows[on_time.reference]
    # Nobody adds requests here: enterprises submit them on the site.
    assert "Add service request" not in html
    assert 'href="/admin/service_packages/servicerequest/dashboard/"' in html


def test_script_in_the_applicants_fields_is_text_in_the_list_and_on_the_page(
    officer_client, going_abroad
):
    obj = submit(
        going_abroad,
        enterprise_name=SCRIPT,
        contact_name=SCRIPT,
        contact_position=SCRIPT,
        address=SCRIPT,
        message=SCRIPT,
        home_registration_number="<b>HRB</b>",
        files=[CheckedFile(PDF_BYTES, f"{SCRIPT}.pdf", "application/pdf")],
    )
    request_transition(
        request_id=obj.pk,
        to_status=Status.IN_REVIEW,
        actor=officer_client.officer,
        internal_note=SCRIPT,
    )
    html = officer_client.get(REQUESTS).content.decode()
    assert SCRIPT not in html and ESCAPED in html
    page = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert SCRIPT not in page and "<b>HRB</b>" not in page
    assert page.count(ESCAPED) >= 6
    assert "&lt;b&gt;HRB&lt;/b&gt;" in page


def test_search_by_reference_enterprise_contact_or_email(officer_client, requests_):
    muster, dupont, rossi = requests_
    ServiceRequest.objects.filter(pk=rossi.pk).update(contact_name="Giulia Bianchi")
    for query, found in (
        (dupont.reference, {dupont}),
        (dupont.reference[-6:], {dupont}),
        ("muster gmbh", {muster}),
        ("Bianchi", {rossi}),
        ("dupont@example", {dupont}),
    ):
        response = officer_client.get(REQUESTS, {"q": query})
        assert references(response) == {r.reference for r in found}, query


def test_the_status_filter_and_its_open_choice(officer_client, requests_):
    muster, dupont, rossi = requests_
    set_status(dupont, Status.IN_REVIEW)
    set_status(rossi, Status.COMPLETED)
    html = officer_client.get(REQUESTS).content.decode()
    assert "Open (not closed)" in html
    assert references(officer_client.get(REQUESTS, {"status": "in_review"})) == {dupont.reference}
    assert references(officer_client.get(REQUESTS, {"status": "open"})) == {
        muster.reference,
        dupont.reference,
    }
    assert references(officer_client.get(REQUESTS, {"status": "completed"})) == {rossi.reference}


def test_the_package_filter(officer_client, requests_):
    other = package(title_en="Single window")
    item(other, title="Work permit")
    permit = submit(other)
    html = officer_client.get(REQUESTS).content.decode()
    assert "Single window" in html
    response = officer_client.get(REQUESTS, {"package__id__exact": other.pk})
    assert references(response) == {permit.reference}


def test_the_officer_filter_mine_nobodys_or_a_colleagues(
    officer_client, requests_, service_desk_officer
):
    muster, dupont, rossi = requests_
    ServiceRequest.objects.filter(pk=muster.pk).update(officer=officer_client.officer)
    ServiceRequest.objects.filter(pk=dupont.pk).update(officer=service_desk_officer)
    html = officer_client.get(REQUESTS).content.decode()
    assert "Assigned to me" in html and "Unassigned" in html
    assert f'?officer={service_desk_officer.pk}"' in html
    assert references(officer_client.get(REQUESTS, {"officer": "me"})) == {muster.reference}
    assert references(officer_client.get(REQUESTS, {"officer": "none"})) == {rossi.reference}
    response = officer_client.get(REQUESTS, {"officer": service_desk_officer.pk})
    assert references(response) == {dupont.reference}


def test_the_overdue_filter(officer_client, going_abroad):
    today = timezone.localdate()
    late = submit(going_abroad, enterprise_name="Late")
    late_in_review = submit(going_abroad, enterprise_name="Late in review")
    due_today = submit(going_abroad, enterprise_name="Due today")
    late_but_closed = submit(going_abroad, enterprise_name="Closed")
    waiting_for_applicant = submit(going_abroad, enterprise_name="Asked")
    submit(going_abroad, enterprise_name="On time")
    yesterday = today - timedelta(days=1)
    ServiceRequest.objects.filter(pk__in=[late.pk, late_but_closed.pk]).update(due_on=yesterday)
    ServiceRequest.objects.filter(pk=late_in_review.pk).update(
        due_on=yesterday, status=Status.IN_REVIEW
    )
    # The applicant has the next move: the desk is not late.
    ServiceRequest.objects.filter(pk=waiting_for_applicant.pk).update(
        due_on=yesterday, status=Status.INFO_REQUESTED
    )
    ServiceRequest.objects.filter(pk=due_today.pk).update(due_on=today)
    set_status(late_but_closed, Status.REJECTED)
    response = officer_client.get(REQUESTS, {"overdue": "yes"})
    assert references(response) == {late.reference, late_in_review.reference}
    assert references(response) == set(
        ServiceRequest.objects.overdue().values_list("reference", flat=True)
    )


# --- The request's page ------------------------------------------------------------------------


def test_the_page_shows_what_was_sent_read_only(officer_client, going_abroad):
    obj = submit(going_abroad, enterprise_name="Muster GmbH", message="Please hurry.")
    page = officer_client.get(f"{REQUESTS}{obj.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        obj.reference,
        "Muster GmbH",
        "HRB 12345",
        "claire@example.org",
        "Please hurry.",
        "APEC Business Travel Card",
        "Germany, France",
        "Nobody yet",
    ):
        assert text in html, text
    # Nothing the applicant sent is a form field, and no save button.
    for name in ("enterprise_name", "email", "message", "status", "officer"):
        assert f'name="{name}"' not in html
    assert 'name="_save"' not in html
    response = officer_client.post(f"{REQUESTS}{obj.pk}/change/", {"enterprise_name": "Other"})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.enterprise_name == "Muster GmbH"


def test_the_page_lists_documents_transitions_and_emails(officer_client, going_abroad):
    obj = submit(
        going_abroad,
        files=[
            CheckedFile(PDF_BYTES, "passport.pdf", "application/pdf", None),
        ],
    )
    request_transition(
        request_id=obj.pk,
        to_status=Status.IN_REVIEW,
        actor=officer_client.officer,
        note_to_applicant="We are looking at it.",
        internal_note="Call the embassy first.",
    )
    RequestNotification.objects.filter(request=obj, key="received").update(
        state=RequestNotification.State.FAILED, attempts=3, last_error="SMTP 451"
    )
    document = obj.documents.get()
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert "passport.pdf" in html and "application/pdf" in html
    assert f'href="{REQUESTS}{obj.pk}/documents/{document.pk}/">View</a>' in html
    assert "We are looking at it." in html
    assert "Call the embassy first." in html
    assert "the applicant" in html  # who submitted
    assert "Failed" in html and "SMTP 451" in html
    # The logs are not forms: nothing to add, change or delete under the request.
    assert 'name="documents-0-original_name"' not in html
    assert 'name="transitions-0-internal_note"' not in html


def test_internal_notes_stay_in_the_admin(officer_client, going_abroad):
    obj = submit(going_abroad, language="en")
    request_transition(
        request_id=obj.pk,
        to_status=Status.IN_REVIEW,
        actor=officer_client.officer,
        note_to_applicant="We are on it.",
        internal_note="Secret: the director knows them.",
    )
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert "Secret: the director knows them." in html
    notification = RequestNotification.objects.get(request=obj, kind="status")
    message = notification_message(notification)
    assert "We are on it." in message.body
    assert "Secret" not in message.body
    assert "Secret" not in message.alternatives[0][0]


def test_the_buttons_on_the_page_follow_the_workflow(officer_client, going_abroad):
    obj = submit(going_abroad)
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert f'action="{REQUESTS}{obj.pk}/assign-to-me/"' in html
    assert f'href="{REQUESTS}{obj.pk}/status/in_review/">Start the review</a>' in html
    assert "/status/approved/" not in html
    set_status(obj, Status.IN_REVIEW)
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    for target in ("info_requested", "approved", "rejected"):
        assert f"{REQUESTS}{obj.pk}/status/{target}/" in html
    assert "/status/in_review/" not in html


def test_a_transition_from_the_page(officer_client, going_abroad):
    obj = set_status(submit(going_abroad), Status.IN_REVIEW)
    url = f"{REQUESTS}{obj.pk}/status/rejected/"
    page = officer_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="note_to_applicant"' in html and 'name="internal_note"' in html
    assert "Required for this change" in html
    response = officer_client.post(url, {"note_to_applicant": " ", "internal_note": "x"})
    assert response.status_code == 200
    assert "Write a note to the applicant: what you need from them, or why." in (
        response.content.decode()
    )
    assert status_of(obj) == Status.IN_REVIEW
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).exists()
    response = officer_client.post(
        url, {"note_to_applicant": "Outside our district.", "internal_note": "Checked twice."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{REQUESTS}{obj.pk}/change/"
    assert messages_of(officer_client.get(response["Location"])) == [
        f"{obj.reference} is now “Rejected”."
    ]
    assert status_of(obj) == Status.REJECTED
    transition = obj.transitions.get(to_status=Status.REJECTED)
    assert (transition.from_status, transition.actor) == (Status.IN_REVIEW, officer_client.officer)
    assert transition.note_to_applicant == "Outside our district."
    assert transition.internal_note == "Checked twice."
    # Again, from where it now stands: refused with the workflow's reason, nothing changed.
    response = officer_client.post(url, {"note_to_applicant": "Again."}, follow=True)
    assert messages_of(response) == ["A request that is “Rejected” cannot become “Rejected”."]
    assert obj.transitions.filter(to_status=Status.REJECTED).count() == 1


def test_the_note_form_says_which_language_the_applicant_reads(officer_client, going_abroad):
    obj = set_status(submit(going_abroad, language="ru"), Status.IN_REVIEW)
    html = officer_client.get(f"{REQUESTS}{obj.pk}/status/info_requested/").content.decode()
    assert "The applicant reads Russian (Русский): write in that language or in English." in html
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = officer_client.get(f"{REQUESTS}{obj.pk}/status/info_requested/").content.decode()
    assert "Русский" in html and "Russian (" not in html


def test_the_note_form_of_several_requests_lists_their_languages(officer_client, going_abroad):
    rows = [submit(going_abroad, language=code) for code in ("fr", "en", "fr")]
    html = act(officer_client, "start_review", rows).content.decode()
    assert (
        "The selected applicants read French (français), English: the same note goes to each"
        in html_lib.unescape(html)
    )


def test_the_page_transition_needs_a_staff_target(officer_client, going_abroad):
    obj = submit(going_abroad)
    assert officer_client.get(f"{REQUESTS}{obj.pk}/status/withdrawn/").status_code == 404
    assert officer_client.get(f"{REQUESTS}{obj.pk}/status/nonsense/").status_code == 404
    assert officer_client.get(f"{REQUESTS}999999/status/in_review/").status_code == 404


def test_assign_to_me_from_the_page(officer_client, going_abroad):
    obj = submit(going_abroad)
    url = f"{REQUESTS}{obj.pk}/assign-to-me/"
    assert officer_client.get(url).status_code == 405
    response = officer_client.post(url, follow=True)
    assert messages_of(response) == [f"{obj.reference} is assigned to you."]
    obj.refresh_from_db()
    assert obj.officer == officer_client.officer
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ASSIGNED)
    assert (entry.actor, entry.reference, entry.detail) == (
        officer_client.officer,
        obj.reference,
        {"officer": "officer", "previous_officer": ""},
    )
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert "assign-to-me" not in html


# --- Actions -----------------------------------------------------------------------------------


def test_no_delete_action_and_no_add_or_delete_pages(officer_client, admin_client, going_abroad):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    obj = submit(going_abroad)
    html = officer_client.get(REQUESTS).content.decode()
    assert 'value="delete_selected"' not in html
    for action in (
        "assign_to_me",
        "start_review",
        "request_information",
        "approve",
        "reject",
        "complete",
        "export_csv",
        "export_xlsx",
    ):
        assert f'value="{action}"' in html, action
    for client in (officer_client, admin_client):
        assert client.get(REQUESTS + "add/").status_code == 403
        assert client.get(f"{REQUESTS}{obj.pk}/delete/").status_code == 403
        assert client.post(f"{REQUESTS}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ServiceRequest.objects.filter(pk=obj.pk).exists()


def test_assign_to_me(officer_client, requests_, service_desk_officer):
    muster, dupont, rossi = requests_
    ServiceRequest.objects.filter(pk=muster.pk).update(officer=officer_client.officer)
    ServiceRequest.objects.filter(pk=rossi.pk).update(officer=service_desk_officer)
    response = act(officer_client, "assign_to_me", requests_, follow=True)
    assert messages_of(response) == [
        "2 requests assigned to you.",
        "1 request was already yours.",
    ]
    assert set(
        ServiceRequest.objects.filter(officer=officer_client.officer).values_list(
            "reference", flat=True
        )
    ) == {muster.reference, dupont.reference, rossi.reference}
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ASSIGNED)
    assert {e.reference for e in entries} == {dupont.reference, rossi.reference}
    assert {e.actor_name for e in entries} == {"officer"}
    assert references(officer_client.get(REQUESTS, {"officer": "me"})) == {
        muster.reference,
        dupont.reference,
        rossi.reference,
    }


def test_start_review_asks_for_notes_first_then_moves_each_request(officer_client, requests_):
    page = act(officer_client, "start_review", requests_[:2])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Change the status to “In review”" in html
    assert 'name="note_to_applicant"' in html and 'name="internal_note"' in html
    assert "Muster GmbH" in html and "Dupont SARL" in html and "Rossi SpA" not in html
    # Nothing changed yet.
    assert {status_of(obj) for obj in requests_} == {Status.SUBMITTED}
    assert not AuditEntry.objects.exists()

    response = confirm(officer_client, page, note_to_applicant="", internal_note="Routine check.")
    assert messages_of(response) == ["2 requests are now “In review”."]
    assert [status_of(obj) for obj in requests_] == [
        Status.IN_REVIEW,
        Status.IN_REVIEW,
        Status.SUBMITTED,
    ]
    for obj in requests_[:2]:
        transition = obj.transitions.get(to_status=Status.IN_REVIEW)
        assert transition.from_status == Status.SUBMITTED
        assert transition.actor == officer_client.officer
        assert transition.internal_note == "Routine check."
        entry = AuditEntry.objects.get(action=AuditEntry.Action.TRANSITION, request=obj)
        assert entry.actor == officer_client.officer and entry.actor_name == "officer"
        assert entry.detail == {"from_status": "submitted", "to_status": "in_review"}
        assert entry.reference == obj.reference


def test_asking_for_information_without_a_note_changes_nothing(officer_client, requests_):
    for obj in requests_:
        set_status(obj, Status.IN_REVIEW)
    page = act(officer_client, "request_information", requests_)
    assert "Required for this change" in page.content.decode()
    response = confirm(officer_client, page, note_to_applicant="  ", internal_note="Hm.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write a note to the applicant: what you need from them, or why." in html
    assert 'name="note_to_applicant"' in html  # the same page, to write the note
    assert {status_of(obj) for obj in requests_} == {Status.IN_REVIEW}
    assert not RequestTransition.objects.filter(to_status=Status.INFO_REQUESTED).exists()
    assert not AuditEntry.objects.exists()

    page = response
    response = confirm(
        officer_client,
        page,
        note_to_applicant="Please send the passport of the second traveller.",
        internal_note="Passport missing.",
    )
    assert messages_of(response) == ["3 requests are now “More information requested”."]
    assert {status_of(obj) for obj in requests_} == {Status.INFO_REQUESTED}
    transition = requests_[0].transitions.get(to_status=Status.INFO_REQUESTED)
    assert transition.note_to_applicant == "Please send the passport of the second traveller."
    assert transition.internal_note == "Passport missing."
    assert AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).count() == 3


def test_rejecting_needs_a_reason(officer_client, requests_):
    obj = set_status(requests_[0], Status.IN_REVIEW)
    page = act(officer_client, "reject", [obj])
    response = confirm(officer_client, page, note_to_applicant="")
    assert "Write a note to the applicant" in response.content.decode()
    assert status_of(obj) == Status.IN_REVIEW
    response = confirm(officer_client, page, note_to_applicant="Not a Xicheng enterprise.")
    assert messages_of(response) == ["1 request is now “Rejected”."]
    assert status_of(obj) == Status.REJECTED
    assert obj.closed_at is not None


def test_rows_that_cannot_move_are_reported_and_the_others_move(officer_client, requests_):
    muster, dupont, rossi = requests_
    set_status(dupont, Status.IN_REVIEW)
    set_status(rossi, Status.INFO_REQUESTED)
    page = act(officer_client, "approve", requests_)
    html = page.content.decode()
    assert "1 of the selected requests cannot make this change" in html
    assert html.count("Stays as it is") == 1
    response = confirm(officer_client, page, note_to_applicant="Approved, see you soon.")
    assert messages_of(response) == [
        f"{muster.reference}: A request that is “Submitted” cannot become “Approved”.",
        "2 requests are now “Approved”.",
    ]
    assert [status_of(obj) for obj in requests_] == [
        Status.SUBMITTED,
        Status.APPROVED,
        Status.APPROVED,
    ]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).count() == 2
    entry = AuditEntry.objects.get(request=rossi)
    assert entry.detail == {"from_status": "info_requested", "to_status": "approved"}


def test_when_no_row_can_move_there_is_no_page_only_the_reasons(officer_client, requests_):
    response = act(officer_client, "complete", requests_[:2], follow=True)
    assert messages_of(response) == [
        f"{obj.reference}: A request that is “Submitted” cannot become “Completed”."
        for obj in requests_[:2]
    ]
    assert not RequestTransition.objects.filter(to_status=Status.COMPLETED).exists()


def test_complete_an_approved_request(officer_client, requests_):
    obj = set_status(requests_[0], Status.APPROVED)
    page = act(officer_client, "complete", [obj])
    response = confirm(officer_client, page, note_to_applicant="Your card is ready.")
    assert messages_of(response) == ["1 request is now “Completed”."]
    assert status_of(obj) == Status.COMPLETED


def test_the_action_keeps_the_lists_filters(officer_client, requests_):
    url = REQUESTS + "?status=submitted"
    page = officer_client.post(
        url,
        {
            "action": "start_review",
            "index": "0",
            "_selected_action": [requests_[0].pk],
        },
    )
    response = officer_client.post(url, {**hidden_inputs(page), "note_to_applicant": ""})
    assert response.status_code == 302
    assert response["Location"] == url
    assert status_of(requests_[0]) == Status.IN_REVIEW


def test_at_most_a_hundred_requests_per_action(officer_client, going_abroad, monkeypatch):
    from apps.service_packages.admin import common as desk_admin

    monkeypatch.setattr(desk_admin, "MAX_REQUESTS_PER_ACTION", 2)
    rows = [submit(going_abroad) for _n in range(3)]
    response = act(officer_client, "start_review", rows, follow=True)
    assert messages_of(response) == ["Select at most 2 requests at once."]
    response = act(officer_client, "assign_to_me", rows, follow=True)
    assert messages_of(response) == ["Select at most 2 requests at once."]
    assert not AuditEntry.objects.exists()


def test_the_actions_speak_the_admins_language(officer_client, requests_):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    obj = set_status(requests_[0], Status.IN_REVIEW)
    page = act(officer_client, "reject", [obj])
    response = confirm(officer_client, page, note_to_applicant="")
    with translation.override("zh-hans"):
        expected = translation.gettext(
            "Write a note to the applicant: what you need from them, or why."
        )
    assert expected in response.content.decode()


# --- Documents ---------------------------------------------------------------------------------


def _document(going_abroad, name, content_type="application/pdf", content=PDF_BYTES):
    obj = submit(going_abroad, files=[CheckedFile(content, name, content_type)])
    return obj, obj.documents.get()


def _document_url(document):
    return f"{REQUESTS}{document.request_id}/documents/{document.pk}/"


def test_a_document_is_an_attachment_and_its_view_is_logged(officer_client, going_abroad):
    obj, document = _document(going_abroad, "passport.pdf")
    response = officer_client.get(_document_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{obj.reference}-passport.pdf"; '
        f"filename*=UTF-8''{obj.reference}-passport.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "sandbox" in response["Content-Security-Policy"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DOCUMENT_VIEWED)
    assert entry.actor == officer_client.officer and entry.reference == obj.reference
    assert entry.detail == {"document": document.pk, "name": "passport.pdf"}


def test_a_hostile_file_name_cannot_leave_the_download_folder(officer_client, going_abroad):
    obj, document = _document(going_abroad, '../../etc/passwd"<script>.pdf')
    disposition = officer_client.get(_document_url(document))["Content-Disposition"]
    ascii_name = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert ascii_name == f"{obj.reference}-passwd-script.pdf"
    assert re.fullmatch(r"[A-Za-z0-9._-]+", ascii_name)
    full = unquote(re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1))
    assert full == f"{obj.reference}-passwd-script.pdf"
    assert "/" not in full and ".." not in full and '"' not in full and "<" not in full


def test_a_chinese_file_name_is_kept_for_browsers_that_read_it(officer_client, going_abroad):
    obj, document = _document(going_abroad, "护照 复印件.pdf")
    disposition = officer_client.get(_document_url(document))["Content-Disposition"]
    assert f'filename="{obj.reference}.pdf"' in disposition
    full = unquote(re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1))
    assert full == f"{obj.reference}-护照 复印件.pdf"
    disposition.encode("ascii")  # the header itself is plain ASCII


@pytest.mark.parametrize(
    ("stored", "sent", "extension"),
    [
        ("image/png", "image/png", "png"),
        ("image/jpeg", "image/jpeg", "jpg"),
        ("text/html", "application/octet-stream", "bin"),
        ("image/svg+xml", "application/octet-stream", "bin"),
    ],
)
def test_only_three_types_are_sent_as_themselves(
    officer_client, going_abroad, stored, sent, extension
):
    _obj, document = _document(going_abroad, "scan.html")
    RequestDocument.objects.filter(pk=document.pk).update(content_type=stored)
    response = officer_client.get(_document_url(document))
    assert response["Content-Type"] == sent
    assert response["Content-Disposition"].endswith(f"-scan.{extension}")


def test_a_document_under_another_request_or_missing_is_not_found(officer_client, going_abroad):
    _obj, document = _document(going_abroad, "passport.pdf")
    other = submit(going_abroad)
    assert officer_client.get(f"{REQUESTS}{other.pk}/documents/{document.pk}/").status_code == 404
    document.file.storage.delete(document.file.name)
    assert officer_client.get(_document_url(document)).status_code == 404
    # Nothing was seen, so nothing is on the record.
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DOCUMENT_VIEWED).exists()


def test_documents_are_for_the_service_desk_only(client, editor_client, going_abroad):
    _obj, document = _document(going_abroad, "passport.pdf")
    assert editor_client.get(_document_url(document)).status_code == 403
    client.logout()
    response = client.get(_document_url(document))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not AuditEntry.objects.exists()


# --- Exports -----------------------------------------------------------------------------------


@pytest.fixture
def exported(going_abroad, service_desk_officer):
    """Requests whose text would run as formulas in a spreadsheet."""
    first = submit(
        going_abroad,
        enterprise_name='=HYPERLINK("http://evil.example","x")',
        contact_name="+Claire",
        phone="+33 1 23 45 67 89",
        home_registration_number="-2+3",
        email="claire@example.org",
    )
    second = submit(
        going_abroad,
        enterprise_name="北京某某科技有限公司",
        enterprise_type=ServiceRequest.EnterpriseType.DOMESTIC,
        credit_code="91110102MA01ABCD1X",
        home_registration_number="",
        contact_name="@SUM(A1)",
        email="wang@example.org",
    )
    ServiceRequest.objects.filter(pk=second.pk).update(
        officer=service_desk_officer,
        due_on=timezone.localdate() - timedelta(days=2),
        status=Status.IN_REVIEW,
    )
    return [first, second]


EXPORT_HEADER = [
    "Reference",
    "Service package",
    "Status",
    # The applicant's answers, one column each (ServiceRequest.APPLICANT_SECTIONS).
    "Enterprise name",
    "Type of enterprise",
    "Unified social credit code",
    "Registration number in the home country",
    "Address",
    "Contact person",
    "Job title",
    "Email",
    "Phone",
    "Language",
    "Destination countries",
    "Travel from",
    "Travel until",
    "Number of travellers",
    "Message from the applicant",
    "Submitted",
    "Due",
    "Officer",
    "Overdue",
]


def _by_reference(rows) -> dict[str, dict]:
    header = list(rows[0])
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def test_export_as_csv_is_neutralised_and_logged(officer_client, exported):
    first, second = exported
    response = act(officer_client, "export_csv", exported)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="service-requests-\d{4}-\d\d-\d\d\.csv"',
        response["Content-Disposition"],
    )
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == EXPORT_HEADER
    by_reference = _by_reference(rows)
    row = by_reference[first.reference]
    assert row["Service package"] == "Going Abroad"
    assert row["Status"] == "Submitted"
    assert row["Enterprise name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["Type of enterprise"] == "Enterprise registered outside China"
    assert row["Unified social credit code"] == ""
    assert row["Registration number in the home country"] == "'-2+3"
    assert row["Contact person"] == "'+Claire"
    assert row["Email"] == "claire@example.org"
    assert row["Phone"] == "'+33 1 23 45 67 89"
    assert row["Language"] == dict(settings.LANGUAGES)[first.language]
    assert row["Submitted"] == timezone.localtime(first.submitted_at).isoformat(timespec="seconds")
    assert row["Due"] == first.due_on.isoformat()
    assert (row["Officer"], row["Overdue"]) == ("", "")
    row = by_reference[second.reference]
    assert row["Status"] == "In review"
    assert row["Enterprise name"] == "北京某某科技有限公司"
    assert row["Type of enterprise"] == "Enterprise registered in China"
    assert row["Unified social credit code"] == "91110102MA01ABCD1X"
    assert row["Contact person"] == "'@SUM(A1)"
    assert (row["Officer"], row["Overdue"]) == ("desk", "yes")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor == officer_client.officer
    assert entry.detail == {"count": 2, "format": "csv", "filters": ""}


def test_export_as_xlsx_holds_real_text_never_formulas_and_is_logged(officer_client, exported):
    first, second = exported
    response = act(officer_client, "export_xlsx", exported)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Service requests"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADER
    by_reference = _by_reference(rows)
    # Text cells hold what the applicant typed: no apostrophe, and never a formula.
    assert by_reference[first.reference]["Enterprise name"] == (
        '=HYPERLINK("http://evil.example","x")'
    )
    assert by_reference[first.reference]["Phone"] == "+33 1 23 45 67 89"
    assert by_reference[first.reference]["Registration number in the home country"] == "-2+3"
    assert by_reference[second.reference]["Contact person"] == "@SUM(A1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    phone = sheet.cell(row=2, column=EXPORT_HEADER.index("Phone") + 1)
    assert (phone.data_type, phone.number_format) == ("s", "@")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.detail == {"count": 2, "format": "xlsx", "filters": ""}


def test_the_export_log_keeps_the_lists_filters(officer_client, exported):
    url = REQUESTS + "?status=in_review&q=wang"
    response = officer_client.post(
        url,
        {
            "action": "export_csv",
            "index": "0",
            "select_across": "1",
            "_selected_action": [exported[0].pk],
        },
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [exported[1].reference]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.detail == {"count": 1, "format": "csv", "filters": "status=in_review&q=wang"}


def test_the_export_speaks_the_admins_language(officer_client, exported):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = act(officer_client, "export_csv", exported[:1])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("zh-hans"):
        assert rows[0][0] == translation.gettext("Reference")
        assert rows[1][2] == str(Status.SUBMITTED.label)


# --- Dashboard ---------------------------------------------------------------------------------


def _counts(response) -> dict[str, int]:
    return {
        name: int(value)
        for name, value in re.findall(r'data-count="(\w+)">(\d+)<', response.content.decode())
    }


def test_the_dashboard_counts(officer_client, going_abroad, service_desk_officer):
    rows = [submit(going_abroad) for _n in range(7)]
    yesterday = timezone.localdate() - timedelta(days=1)
    me = officer_client.officer
    updates = [
        {"officer": me},
        {"officer": me, "status": Status.IN_REVIEW, "due_on": yesterday},
        {"officer": me, "status": Status.COMPLETED, "due_on": yesterday},  # closed: not counted
        {"officer": service_desk_officer, "status": Status.INFO_REQUESTED},
        # Decided: late no more, whatever the date says.
        {"status": Status.APPROVED, "due_on": yesterday},
        {"status": Status.WITHDRAWN},
        {"due_on": yesterday},
    ]
    for obj, values in zip(rows, updates, strict=True):
        ServiceRequest.objects.filter(pk=obj.pk).update(**values)
    response = officer_client.get(REQUESTS + "dashboard/")
    assert response.status_code == 200
    assert _counts(response) == {
        "open": 5,
        "overdue": 2,
        "mine": 2,
        "unassigned": 2,
        "submitted": 2,
        "in_review": 1,
        "info_requested": 1,
        "approved": 1,
        "rejected": 0,
        "completed": 1,
        "withdrawn": 1,
        "total": 7,
    }
    html = response.content.decode()
    assert f'href="{REQUESTS}?overdue=yes"' in html
    assert f'href="{REQUESTS}?status=open&amp;officer=me"' in html
    # Each link opens the list the number counts.
    assert len(references(officer_client.get(REQUESTS, {"overdue": "yes"}))) == 2
    mine = officer_client.get(REQUESTS, {"status": "open", "officer": "me"})
    assert len(references(mine)) == 2
    nobodys = officer_client.get(REQUESTS, {"status": "open", "officer": "none"})
    assert len(references(nobodys)) == 2


def test_the_dashboard_is_for_the_service_desk(editor_client):
    assert editor_client.get(REQUESTS + "dashboard/").status_code == 403


# --- The audit log and the other records -------------------------------------------------------


def test_the_audit_log_lists_filters_and_searches(officer_client, requests_):
    muster, dupont, _rossi = requests_
    request_transition(
        request_id=muster.pk, to_status=Status.IN_REVIEW, actor=officer_client.officer
    )
    act(officer_client, "assign_to_me", [dupont])
    html = officer_client.get(AUDIT).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == ["created_at", "actor_name", "action", "reference", "detail_text"]
    assert "Status changed" in html and "Officer assigned" in html
    assert "Status changed from “Submitted” to “In review”." in html
    assert "Assigned to officer." in html
    assert "in_review" not in tbody(html) and "&quot;" not in tbody(html)
    response = officer_client.get(AUDIT, {"action__exact": "assigned"})
    rows = tbody(response.content.decode())
    assert dupont.reference in rows and muster.reference not in rows
    rows = tbody(officer_client.get(AUDIT, {"q": muster.reference}).content.decode())
    assert muster.reference in rows and dupont.reference not in rows
    assert "created_at__gte" in html  # the date filter


def test_the_audit_log_speaks_the_readers_language(officer_client, requests_):
    muster = requests_[0]
    request_transition(
        request_id=muster.pk, to_status=Status.IN_REVIEW, actor=officer_client.officer
    )
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    rows = tbody(officer_client.get(AUDIT).content.decode())
    with translation.override("zh-hans"):
        submitted, in_review = str(Status.SUBMITTED.label), str(Status.IN_REVIEW.label)
    assert submitted != "Submitted" and submitted in rows and in_review in rows
    assert "in_review" not in rows and "from_status" not in rows
    entry = AuditEntry.objects.get()
    assert entry.detail == {"from_status": "submitted", "to_status": "in_review"}  # kept as is


@pytest.mark.parametrize(
    ("action", "detail", "sentence"),
    [
        (
            "transition",
            {"from_status": "in_review", "to_status": "approved"},
            "Status changed from “In review” to “Approved”.",
        ),
        ("assigned", {"officer": "li", "previous_officer": ""}, "Assigned to li."),
        ("assigned", {"officer": "li", "previous_officer": "wang"}, "Reassigned from wang to li."),
        (
            "document_viewed",
            {"document": 3, "name": "passport.pdf"},
            "Viewed the document “passport.pdf”.",
        ),
        (
            "export",
            {"count": 2, "format": "xlsx", "filters": "status=submitted"},
            "Exported 2 requests as XLSX. Filters: status=submitted",
        ),
        ("export", {"count": 1, "format": "csv", "filters": ""}, "Exported 1 request as CSV."),
        (
            "purge",
            {"references": ["XC-2026-000001"], "documents": 2, "retention_days": 365},
            "Personal data of 1 request deleted after 365 days: XC-2026-000001. "
            "2 documents deleted.",
        ),
        ("transition", {"odd": "shape"}, '{"odd": "shape"}'),
        ("export", {}, ""),
    ],
)
def test_audit_sentences(action, detail, sentence):
    assert AuditEntry(action=action, detail=detail).sentence() == sentence


def test_status_changes_under_a_request_show_labels(officer_client, going_abroad):
    obj = submit(going_abroad)
    request_transition(request_id=obj.pk, to_status=Status.IN_REVIEW, actor=officer_client.officer)
    html = officer_client.get(f"{REQUESTS}{obj.pk}/change/").content.decode()
    assert "Submitted → In review" in html
    assert "submitted → in_review" not in html and "– → submitted" not in html


def test_the_audit_log_is_read_only_even_for_a_superuser(officer_client, admin_client, requests_):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    request_transition(
        request_id=requests_[0].pk, to_status=Status.IN_REVIEW, actor=officer_client.officer
    )
    entry = AuditEntry.objects.get()
    for client in (officer_client, admin_client):
        html = client.get(AUDIT).content.decode()
        assert "Add audit log entry" not in html and 'value="delete_selected"' not in html
        assert client.get(AUDIT + "add/").status_code == 403
        page = client.get(f"{AUDIT}{entry.pk}/change/").content.decode()
        assert 'name="_save"' not in page
        assert client.post(f"{AUDIT}{entry.pk}/change/", {"action": "export"}).status_code == 403
        assert client.post(f"{AUDIT}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == AuditEntry.Action.TRANSITION


def test_statistics_and_emails_are_read_only(officer_client, requests_):
    from apps.service_packages.models import RequestStatistic

    statistic = RequestStatistic.objects.create(
        package=requests_[0].package,
        month=timezone.localdate().replace(day=1),
        status=Status.COMPLETED,
        enterprise_type=ServiceRequest.EnterpriseType.FOREIGN,
        count=12,
    )
    base = "/admin/service_packages/requeststatistic/"
    html = officer_client.get(base).content.decode()
    assert '<td class="field-count">12</td>' in html
    assert officer_client.get(base + "add/").status_code == 403
    assert officer_client.post(f"{base}{statistic.pk}/delete/", {"post": "yes"}).status_code == 403
    base = "/admin/service_packages/requestnotification/"
    html = officer_client.get(base).content.decode()
    assert requests_[0].reference in html and "Request received" in html
    notification = RequestNotification.objects.filter(request=requests_[0]).get()
    assert (
        officer_client.post(f"{base}{notification.pk}/change/", {"state": "sent"}).status_code
        == 403
    )


# --- Query counts ------------------------------------------------------------------------------


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context)


def _bulk_requests(package_, count, *, start, officer):
    """`count` requests straight into the table, of every status, some late, some assigned."""
    now = timezone.now()
    today = timezone.localdate()
    statuses = list(Status.values)
    ServiceRequest.objects.bulk_create(
        [
            ServiceRequest(
                reference=f"XC-2020-{n:06d}",
                package=package_,
                status=statuses[n % len(statuses)],
                enterprise_name=f"Enterprise {n}",
                enterprise_type=ServiceRequest.EnterpriseType.FOREIGN,
                home_registration_number=f"HRB {n}",
                address="1 Example Street",
                contact_name=f"Contact {n}",
                email=f"contact{n}@example.org",
                phone="+33 1 23 45 67 89",
                language="fr",
                consent_processing_at=now,
                submitted_at=now - timedelta(minutes=n),
                due_on=today + timedelta(days=(n % 30) - 15),
                officer=officer if n % 3 == 0 else None,
            )
            for n in range(start, start + count)
        ],
        batch_size=5000,
    )


QUEUE_VIEWS = [
    {},
    {"status": "open"},
    {"overdue": "yes"},
    {"officer": "me"},
    {"officer": "none", "status": "submitted"},
    {"q": "Enterprise 4"},
    {"o": "-7"},
]


def test_the_queue_costs_the_same_for_5_or_50000_requests(officer_client, going_abroad):
    officer = officer_client.officer
    _bulk_requests(going_abroad, 5, start=0, officer=officer)
    urls = [(REQUESTS, params) for params in QUEUE_VIEWS]
    urls.append((REQUESTS + "dashboard/", {}))
    urls.append((AUDIT, {}))
    few = [_queries(officer_client, url, params) for url, params in urls]
    _bulk_requests(going_abroad, 50_000, start=5, officer=officer)
    assert ServiceRequest.objects.count() == 50_005
    # Writing 50,000 rows can take over a minute on a busy machine: the staff session then
    # records its "last seen" (once a minute, for the idle timeout) in the first request.
    officer_client.get(REQUESTS)
    many = [_queries(officer_client, url, params) for url, params in urls]
    assert few == many
    # The list shows one page, however long the queue.
    html = officer_client.get(REQUESTS).content.decode()
    assert len(references_in(html)) == 100
    assert "50005 service requests" in html or "50,005 service requests" in html


def references_in(html: str) -> list[str]:
    return re.findall(r">(XC-\d{4}-\d{6})</a></th>", html)


def test_assign_to_a_colleague_and_back_to_the_queue(
    officer_client, requests_, service_desk_officer, content_editor
):
    muster, dupont, rossi = requests_
    ServiceRequest.objects.filter(pk=muster.pk).update(officer=officer_client.officer)
    # The confirmation page offers the desk's officers only, and "nobody".
    page = act(officer_client, "assign_to_officer", [muster, dupont])
    content = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{service_desk_officer.pk}">' in content
    assert f'<option value="{content_editor.pk}">' not in content
    assert muster.reference in content and rossi.reference not in content
    # An officer who is not on the desk is refused, and nothing changes.
    refused = officer_client.post(
        REQUESTS, {**hidden_inputs(page), "officer": str(content_editor.pk)}
    )
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ASSIGNED).exists()
    response = officer_client.post(
        REQUESTS, {**hidden_inputs(page), "officer": str(service_desk_officer.pk)}, follow=True
    )
    assert messages_of(response) == ["2 requests assigned to desk."]
    assert set(
        ServiceRequest.objects.filter(officer=service_desk_officer).values_list("pk", flat=True)
    ) == {muster.pk, dupont.pk}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ASSIGNED, reference=muster.reference)
    assert entry.detail == {"officer": "desk", "previous_officer": "officer"}
    assert entry.actor_name == "officer"
    # Back to the queue.
    page = act(officer_client, "assign_to_officer", [muster])
    response = officer_client.post(REQUESTS, {**hidden_inputs(page), "officer": ""}, follow=True)
    assert messages_of(response) == ["1 request given back to the queue."]
    muster.refresh_from_db()
    assert muster.officer is None
    last = AuditEntry.objects.filter(reference=muster.reference).order_by("-pk").first()
    assert last.detail == {"officer": "", "previous_officer": "desk"}
