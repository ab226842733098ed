"""Tracking a request: the reference and code, the email's link, the status page and its forms."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from apps.service_packages.models import (
    RequestDocument,
    RequestNotification,
    RequestTransition,
    ServiceRequest,
)
from apps.service_packages.notifications import notifications_send
from apps.service_packages.services import request_transition
from apps.service_packages.tracking import (
    TRACKING_SALT,
    tracking_code,
    tracking_link_token,
    tracking_url,
)

from .conftest import SITE_URL
from .factories import PDF_BYTES, submit

pytestmark = pytest.mark.django_db

Status = ServiceRequest.Status
NOT_FOUND = "We could not find a request with this reference and code."
TOO_MANY = "There have been too many attempts to open a request from your network."
QUESTION = "Please send the passport copy of the second traveller."


def _track_url():
    return reverse("service_packages:track")


def _status_url(service_request):
    return reverse("service_packages:status", kwargs={"reference": service_request.reference})


def _open(client, service_request, *, code=None, reference=None, **extra):
    return client.post(
        _track_url(),
        {
            "reference": service_request.reference if reference is None else reference,
            "code": tracking_code(service_request) if code is None else code,
        },
        **extra,
    )


def _error_summary(response):
    match = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S)
    return match.group(0) if match else None


def _assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


def _ask(service_request, officer, *, note=QUESTION, internal_note=""):
    """An officer takes the request and asks the applicant for more."""
    request_transition(request_id=service_request.pk, to_status=Status.IN_REVIEW, actor=officer)
    request_transition(
        request_id=service_request.pk,
        to_status=Status.INFO_REQUESTED,
        actor=officer,
        note_to_applicant=note,
        internal_note=internal_note,
    )
    service_request.refresh_from_db()


def _send_all_emails():
    notifications_send(
        list(RequestNotification.objects.order_by("pk").values_list("pk", flat=True))
    )


# --- Reference and code ------------------------------------------------------------------


def test_the_form_asks_for_the_reference_and_the_code(client):
    response = client.get(_track_url())
    assert response.status_code == 200
    _assert_private(response)
    content = response.content.decode()
    assert 'name="reference"' in content
    assert 'name="code"' in content
    assert "the reference number alone does not open a request" in content


def test_the_reference_and_the_code_open_the_status_page(client, going_abroad):
    service_request = submit(going_abroad)
    response = _open(client, service_request)
    assert response.status_code in (302, 303)
    # Nothing but the reference in the address: no code, no personal data.
    assert response["Location"] == _status_url(service_request)
    _assert_private(response)
    page = client.get(response["Location"])
    assert page.status_code == 200
    _assert_private(page)
    content = page.content.decode()
    assert service_request.reference in content
    assert "Going Abroad" in content
    assert "APEC Business Travel Card" in content
    assert "Submitted" in content
    assert "passport.pdf" in content


def test_the_reference_alone_never_opens_anything(client, going_abroad):
    service_request = submit(going_abroad)
    response = client.post(_track_url(), {"reference": service_request.reference})
    assert response.status_code == 400
    assert "Enter the code from our email." in _error_summary(response)
    response = _open(client, service_request, code="")
    assert response.status_code == 400
    # Nor does the status page's address, typed in.
    response = client.get(_status_url(service_request))
    assert response.status_code == 302
    assert response["Location"] == _track_url()
    assert service_request.enterprise_name not in client.get(response["Location"]).content.decode()


def test_a_wrong_code_is_refused_with_one_message(client, going_abroad):
    service_request = submit(going_abroad)
    response = _open(client, service_request, code="AAAA-BBBB-CCCC-DDDD")
    assert response.status_code == 400
    assert NOT_FOUND in _error_summary(response)
    assert client.get(_status_url(service_request)).status_code == 302


def test_a_code_in_lower_case_with_spaces_works(client, going_abroad):
    service_request = submit(going_abroad)
    typed = "  " + tracking_code(service_request).lower().replace("-", " ") + " "
    reference = " " + service_request.reference.lower() + " "
    response = _open(client, service_request, code=typed, reference=reference)
    assert response.status_code == 302
    assert response["Location"] == _status_url(service_request)


def test_someone_elses_reference_with_my_code_fails(client, going_abroad):
    mine = submit(going_abroad, enterprise_name="Mine GmbH")
    theirs = submit(going_abroad, enterprise_name="Theirs SARL", email="other@example.org")
    response = _open(client, theirs, code=tracking_code(mine))
    assert response.status_code == 400
    assert NOT_FOUND in _error_summary(response)
    assert "Theirs SARL" not in response.content.decode()
    assert client.get(_status_url(theirs)).status_code == 302


def test_a_guessed_reference_fails_exactly_like_a_wrong_code(client, going_abroad):
    service_request = submit(going_abroad)
    year = timezone.localtime(service_request.submitted_at).year
    guessed = _open(
        client, service_request, reference=f"XC-{year}-999999", code=tracking_code(service_request)
    )
    wrong_code = _open(client, service_request, code="AAAA-BBBB-CCCC-DDDD")
    assert guessed.status_code == wrong_code.status_code == 400
    assert _error_summary(guessed) == _error_summary(wrong_code)
    assert NOT_FOUND in _error_summary(guessed)


def test_a_reference_that_cannot_be_one_says_how_it_looks(client):
    response = client.post(_track_url(), {"reference": "12345", "code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 400
    assert "for example XC-2026-000123" in _error_summary(response)


# Fixed clock-hour windows: an hour's edge inside the test would open a new window
# (16:00 UTC under `make test-clocks`), so it runs mid-hour.
@pytest.mark.clock("2026-12-02T04:20Z")
def test_attempts_are_limited_per_address(client, going_abroad, settings):
    settings.SERVICE_TRACKING_ATTEMPTS_PER_HOUR = 3
    service_request = submit(going_abroad)
    address = "203.0.113.7"
    for _attempt in range(3):
        assert _open(client, service_request, code="WRONG", REMOTE_ADDR=address).status_code == 400
    # Over the limit even the right code waits, with a message that says why.
    response = _open(client, service_request, REMOTE_ADDR=address)
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert int(response["Retry-After"]) > 0
    _assert_private(response)
    assert client.get(_status_url(service_request)).status_code == 302
    # Another address is not held back.
    other = Client()
    response = _open(other, service_request, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302
    assert other.get(_status_url(service_request)).status_code == 200


# --- The email's private link --------------------------------------------------------------


def test_the_link_in_the_email_opens_the_request(client, going_abroad):
    service_request = submit(going_abroad, language="fr")
    _send_all_emails()
    assert len(mail.outbox) == 1
    links = re.findall(r"https?://\S+/track/link/\S+?/", mail.outbox[0].body)
    assert links
    assert links[0] == tracking_url_in("fr", service_request)
    response = client.get(links[0].removeprefix(SITE_URL))
    assert response.status_code == 302
    _assert_private(response)
    # The token does not stay in the address bar (nor in any Referer).
    location = response["Location"]
    assert location == f"/fr/services/track/{service_request.reference}/"
    assert tracking_link_token(service_request) not in location
    page = client.get(location)
    assert page.status_code == 200
    _assert_private(page)
    assert service_request.reference in page.content.decode()


def tracking_url_in(language, service_request):
    from django.utils import translation

    with translation.override(language):
        return tracking_url(service_request)


def _link_path(token):
    return reverse("service_packages:track_link", kwargs={"token": token})


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + ("xyz" if not token.endswith("xyz") else "abc"),
        lambda token: token.split(":")[0] + ":",
        lambda token: signing.dumps({"r": 1, "n": "x"}, salt="another.salt"),
        lambda token: "not-a-token",
        lambda token: signing.dumps(["not", "a", "dict"], salt=TRACKING_SALT),
        lambda token: signing.dumps({"r": "one", "n": 1}, salt=TRACKING_SALT),
    ],
    ids=["changed", "cut", "other-salt", "garbage", "not-a-dict", "not-a-key"],
)
def test_a_forged_or_mangled_link_is_not_found(client, going_abroad, mangle):
    service_request = submit(going_abroad)
    response = client.get(_link_path(mangle(tracking_link_token(service_request))))
    assert response.status_code == 404
    _assert_private(response)
    assert "This link is not valid." in response.content.decode()
    assert client.get(_status_url(service_request)).status_code == 302


def test_a_link_whose_request_is_gone_has_expired(client, going_abroad):
    service_request = submit(going_abroad)
    token = tracking_link_token(service_request)
    ServiceRequest.objects.filter(pk=service_request.pk).delete()
    response = client.get(_link_path(token))
    assert response.status_code == 410
    _assert_private(response)
    assert "This link has expired" in response.content.decode()


def test_a_link_made_before_the_nonce_changed_has_expired(client, going_abroad):
    service_request = submit(going_abroad)
    token = tracking_link_token(service_request)
    ServiceRequest.objects.filter(pk=service_request.pk).update(tracking_nonce="0" * 32)
    response = client.get(_link_path(token))
    assert response.status_code == 410
    assert client.get(_status_url(service_request)).status_code == 302


def test_another_browser_cannot_see_the_status_page(client, going_abroad):
    service_request = submit(going_abroad, enterprise_name="Private Enterprise AG")
    assert _open(client, service_request).status_code == 302
    assert client.get(_status_url(service_request)).status_code == 200
    stranger = Client()
    response = stranger.get(_status_url(service_request))
    assert response.status_code == 302
    assert response["Location"] == _track_url()
    # Nor post to it.
    response = stranger.post(_status_url(service_request), {"action": "withdraw"})
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == Status.SUBMITTED


def test_access_to_one_request_does_not_open_another(client, going_abroad):
    mine = submit(going_abroad)
    theirs = submit(going_abroad, email="other@example.org")
    _open(client, mine)
    assert client.get(_status_url(mine)).status_code == 200
    assert client.get(_status_url(theirs)).status_code == 302


# --- The status page ---------------------------------------------------------------------


def test_the_timeline_shows_notes_to_the_applicant_never_internal_ones(
    client, going_abroad, service_desk_officer
):
    marker = "INTERNAL-7f3a9c"
    officer = service_desk_officer
    officer.username, officer.first_name, officer.last_name = "li.wei.officer", "Wei", "Li-Officer"
    officer.save()
    service_request = submit(going_abroad)
    request_transition(
        request_id=service_request.pk,
        to_status=Status.IN_REVIEW,
        actor=service_desk_officer,
        internal_note=f"{marker} first look: documents seem fine",
    )
    request_transition(
        request_id=service_request.pk,
        to_status=Status.INFO_REQUESTED,
        actor=service_desk_officer,
        note_to_applicant=QUESTION,
        internal_note=f"{marker} passport scan unreadable",
    )
    _open(client, service_request)
    content = client.get(_status_url(service_request)).content.decode()
    assert QUESTION in content
    assert "More information requested" in content
    assert "by the service desk" in content
    assert marker not in content
    # The officer stays "the service desk".
    for identity in (officer.username, officer.last_name, officer.email):
        assert identity not in content

    _send_all_emails()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert marker not in message.subject
        assert marker not in message.body
        for html, _type in message.alternatives:
            assert marker not in html
    assert QUESTION in mail.outbox[-1].body


def test_a_reply_with_a_document_goes_back_to_review(client, going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    page = client.get(_status_url(service_request)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    documents_before = RequestDocument.objects.filter(request=service_request).count()

    response = client.post(
        _status_url(service_request),
        {
            "action": "reply",
            "message": "Here is the second passport.",
            "documents": [SimpleUploadedFile("second-passport.pdf", PDF_BYTES, "application/pdf")],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _status_url(service_request)
    service_request.refresh_from_db()
    assert service_request.status == Status.IN_REVIEW
    assert RequestDocument.objects.filter(request=service_request).count() == documents_before + 1
    reply = RequestTransition.objects.filter(request=service_request).last()
    assert reply.by_applicant and reply.message_from_applicant == "Here is the second passport."
    # The applicant is owed an email about it.
    assert RequestNotification.objects.filter(
        transition=reply, state=RequestNotification.State.PENDING
    ).exists()

    page = client.get(_status_url(service_request)).content.decode()
    assert "your answer has reached the service desk" in page
    assert "Here is the second passport." in page
    assert "second-passport.pdf" in page
    assert 'name="action" value="reply"' not in page


def test_an_empty_reply_is_refused_with_an_error_summary(
    client, going_abroad, service_desk_officer
):
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    response = client.post(_status_url(service_request), {"action": "reply", "message": "  "})
    assert response.status_code == 400
    summary = _error_summary(response)
    assert "Write an answer or add a document." in summary
    assert 'href="#id_message"' in summary
    service_request.refresh_from_db()
    assert service_request.status == Status.INFO_REQUESTED


def test_a_reply_with_a_bad_file_stores_nothing(client, going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    documents_before = RequestDocument.objects.count()
    response = client.post(
        _status_url(service_request),
        {
            "action": "reply",
            "message": "The file you asked for.",
            "documents": [
                SimpleUploadedFile("passport.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
            ],
        },
    )
    assert response.status_code == 400
    assert _error_summary(response)
    assert RequestDocument.objects.count() == documents_before
    service_request.refresh_from_db()
    assert service_request.status == Status.INFO_REQUESTED
    # What was typed is kept for the next try.
    assert "The file you asked for." in response.content.decode()


def test_a_reply_is_refused_when_nobody_asked(client, going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    request_transition(
        request_id=service_request.pk, to_status=Status.IN_REVIEW, actor=service_desk_officer
    )
    _open(client, service_request)
    page = client.get(_status_url(service_request)).content.decode()
    assert 'name="action" value="reply"' not in page
    transitions_before = RequestTransition.objects.count()
    response = client.post(
        _status_url(service_request),
        {
            "action": "reply",
            "message": "Unasked",
            "documents": [SimpleUploadedFile("extra.pdf", PDF_BYTES, "application/pdf")],
        },
        follow=True,
    )
    assert "This request is not waiting for an answer from you." in response.content.decode()
    assert RequestTransition.objects.count() == transitions_before
    assert RequestDocument.objects.filter(request=service_request).count() == 1


def test_script_in_a_reply_is_escaped(client, going_abroad, service_desk_officer):
    script = '<script>alert("reply")</script>'
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    client.post(_status_url(service_request), {"action": "reply", "message": script})
    content = client.get(_status_url(service_request)).content.decode()
    assert script not in content
    assert escape(script) in content


def test_withdrawing_asks_first_then_withdraws(client, going_abroad):
    service_request = submit(going_abroad)
    _open(client, service_request)
    page = client.get(_status_url(service_request)).content.decode()
    assert f'href="{_status_url(service_request)}?withdraw"' in page

    confirm = client.get(_status_url(service_request) + "?withdraw")
    assert confirm.status_code == 200
    _assert_private(confirm)
    assert "Are you sure you want to withdraw request" in confirm.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == Status.SUBMITTED

    response = client.post(_status_url(service_request), {"action": "withdraw"})
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == Status.WITHDRAWN
    page = client.get(response["Location"]).content.decode()
    assert "Your request is withdrawn." in page
    assert "you withdrew the request" in page
    assert "?withdraw" not in page


def test_a_decided_request_cannot_be_withdrawn(client, going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    for status in (Status.IN_REVIEW, Status.APPROVED):
        request_transition(
            request_id=service_request.pk, to_status=status, actor=service_desk_officer
        )
    _open(client, service_request)
    page = client.get(_status_url(service_request)).content.decode()
    assert "Approved" in page
    assert "?withdraw" not in page
    response = client.post(_status_url(service_request), {"action": "withdraw"}, follow=True)
    assert "A decided request can no longer be withdrawn." in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == Status.APPROVED


@pytest.mark.clock("2026-12-02T04:20Z")
def test_attempts_without_the_csrf_token_or_that_cannot_be_a_guess_cost_nothing(
    going_abroad, settings
):
    settings.SERVICE_TRACKING_ATTEMPTS_PER_HOUR = 3
    service_request = submit(going_abroad)
    # Another site makes visitors' browsers post guesses: no token, no count.
    forged = Client(enforce_csrf_checks=True)
    for _attempt in range(50):
        assert _open(forged, service_request, code="WRONG").status_code == 403
    applicant = Client(enforce_csrf_checks=True)
    applicant.get(_track_url())
    csrf = applicant.cookies["csrftoken"].value
    # A reference that cannot be one is not a guess either.
    for _attempt in range(5):
        response = _open(applicant, service_request, reference="12345", HTTP_X_CSRFTOKEN=csrf)
        assert response.status_code == 400
    for _attempt in range(2):
        response = _open(applicant, service_request, code="WRONG", HTTP_X_CSRFTOKEN=csrf)
        assert response.status_code == 400
    assert _open(applicant, service_request, HTTP_X_CSRFTOKEN=csrf).status_code == 302
    # The limit still holds for attempts that count: the fourth is refused, right or not.
    response = _open(Client(), service_request)
    assert response.status_code == 429


def test_forms_on_the_status_page_need_the_csrf_token(going_abroad):
    service_request = submit(going_abroad)
    client = Client(enforce_csrf_checks=True)
    client.get(_track_url())
    token = client.cookies["csrftoken"].value
    response = _open(client, service_request, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    response = client.post(_status_url(service_request), {"action": "withdraw"})
    assert response.status_code == 403
    service_request.refresh_from_db()
    assert service_request.status == Status.SUBMITTED


def test_the_status_page_answers_in_the_visitors_language(client, going_abroad):
    service_request = submit(going_abroad)
    _open(client, service_request)
    response = client.get(f"/fr/services/track/{service_request.reference}/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def _add_transitions(service_request, count):
    start = timezone.now()
    RequestTransition.objects.bulk_create(
        RequestTransition(
            request=service_request,
            from_status=Status.IN_REVIEW if n % 2 else Status.INFO_REQUESTED,
            to_status=Status.INFO_REQUESTED if n % 2 else Status.IN_REVIEW,
            by_applicant=not n % 2,
            note_to_applicant=f"Question {n}" if n % 2 else "",
            message_from_applicant="" if n % 2 else f"Answer {n}",
            internal_note=f"internal {n}",
            created_at=start + timedelta(minutes=n),
        )
        for n in range(count)
    )


def test_queries_on_the_status_page_do_not_grow_with_the_timeline(client, going_abroad):
    few = submit(going_abroad)
    many = submit(going_abroad, email="many@example.org")
    _add_transitions(few, 2)
    _add_transitions(many, 20)
    _open(client, few)
    _open(client, many)
    counts = []
    for service_request in (few, many):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_status_url(service_request)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_tracking_works_while_redis_is_down(client, going_abroad, settings):
    service_request = submit(going_abroad)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = _open(client, service_request)
    assert response.status_code == 302
    assert client.get(_status_url(service_request)).status_code == 200


def test_a_file_over_the_limit_is_stopped_while_it_streams_in(
    client, going_abroad, service_desk_officer, settings
):
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    settings.SERVICE_UPLOAD_MAX_FILE_BYTES = len(PDF_BYTES)
    documents_before = RequestDocument.objects.count()
    response = client.post(
        _status_url(service_request),
        {
            "action": "reply",
            "message": "Both passports.",
            "documents": [
                SimpleUploadedFile("one.pdf", PDF_BYTES, "application/pdf"),
                SimpleUploadedFile("two.pdf", PDF_BYTES + b" ", "application/pdf"),
            ],
        },
    )
    assert response.status_code == 400
    assert "The selected file is larger than" in _error_summary(response)
    assert RequestDocument.objects.count() == documents_before
    service_request.refresh_from_db()
    assert service_request.status == Status.INFO_REQUESTED
    assert "Both passports." in response.content.decode()


def test_each_refused_file_is_named(client, going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    _ask(service_request, service_desk_officer)
    _open(client, service_request)
    response = client.post(
        _status_url(service_request),
        {
            "action": "reply",
            "documents": [
                SimpleUploadedFile("good.pdf", PDF_BYTES, "application/pdf"),
                SimpleUploadedFile("drawing.svg", b"<svg onload=alert(1)></svg>", "image/svg+xml"),
                SimpleUploadedFile("empty.pdf", b"", "application/pdf"),
            ],
        },
    )
    assert response.status_code == 400
    summary = _error_summary(response)
    assert "drawing.svg: The selected file must be a PDF, JPEG or PNG." in summary
    assert "empty.pdf: The selected file is empty." in summary
    assert "good.pdf" not in summary
    assert RequestDocument.objects.filter(request=service_request).count() == 1
