"""The enterprise request: the form, "check your answers", submitting, the confirmation."""

import html
import logging
import re
import threading
import time
import uuid
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from apps.core.models import PublishingStatus
from apps.core.ratelimit import rate_limit_hit
from apps.service_packages.emails import notification_message
from apps.service_packages.models import (
    DraftDocument,
    RequestDocument,
    RequestDraft,
    RequestNotification,
    ServiceRequest,
)
from apps.service_packages.uploads import MESSAGES, upload_hint
from tests.core.test_images import SVG, image_bytes, jpeg_with_gps, png_declaring
from tests.core.test_pdf_validation import (
    HTML_WITH_PDF_HEADER,
    encrypted,
    javascript_on_open,
    launch_on_open,
    with_attachment,
    xfa_form,
)
from xicheng_portal.celery import app as celery_app

from .factories import PDF_BYTES, going_abroad_package, item, package
from .test_uploads import DAMAGED_PDF, ENCRYPTED_PDF, EXE, HTML, pdf_of_size

SCRIPT = '<script>alert("x")</script>'
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def urls(going, lang="en"):
    with translation.override(lang):
        return (
            reverse("service_packages:apply", kwargs={"slug": going.slug}),
            reverse("service_packages:check", kwargs={"slug": going.slug}),
        )


def items_of(going):
    apec, invitation, consular = going.items.order_by("position")
    return apec, invitation, consular


def documents_of(service):
    return list(service.documents.order_by("position"))


def token_of(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def form_data(going, token, *, services=None, files=None, **overrides):
    """Answers a foreign enterprise gives for the APEC card, with both its documents."""
    apec = going.items.order_by("position").first()
    start = timezone.localdate() + timedelta(days=30)
    data = {
        "services": [getattr(s, "pk", s) for s in (services or [apec])],
        "enterprise_name": "Muster GmbH",
        "enterprise_type": "foreign",
        "credit_code": "",
        "home_registration_number": "HRB 12345",
        "address": "1 Example Street, Berlin",
        "contact_name": "Claire Martin",
        "contact_position": "Manager",
        "email": "claire@example.org",
        "phone": "+33 1 23 45 67 89",
        "destination_countries": ["FR", "DE"],
        "travel_from": start.isoformat(),
        "travel_to": (start + timedelta(days=9)).isoformat(),
        "travellers": "2",
        "message": "",
        "language": "fr",
        "consent_processing": "on",
        "form_token": token,
    }
    if files is None:
        passport, licence = documents_of(apec)
        files = {
            passport: ("passport.pdf", PDF_BYTES),
            licence: ("licence.pdf", PDF_BYTES),
        }
    for document, (name, content) in files.items():
        data[f"document_{document.pk}"] = SimpleUploadedFile(name, content)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def private_files() -> list[str]:
    root = Path(django_settings.PRIVATE_MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def start(client, going, lang="en"):
    apply_url, _check_url = urls(going, lang)
    response = client.get(apply_url)
    assert response.status_code == 200
    return token_of(response)


def fill_in(client, going, lang="en", **overrides):
    """The form filled in and sent: the answers wait on "check your answers"."""
    apply_url, check_url = urls(going, lang)
    token = start(client, going, lang)
    response = client.post(apply_url, form_data(going, token, **overrides))
    assert response.status_code == 302, errors_of(response)
    assert response["Location"] == check_url
    return token


def submit(client, going, token, lang="en"):
    _apply_url, check_url = urls(going, lang)
    return client.post(check_url, {"form_token": token})


def errors_of(response) -> list[str]:
    content = response.content.decode()
    summary = re.search(r"<div class=\"error-summary\".*?</div>", content, re.S)
    return re.findall(r"<li>(.*?)</li>", summary.group(0), re.S) if summary else [content[:500]]


# --- The form ------------------------------------------------------------------------------


def test_the_form_shows_every_field_with_hints_and_consent_boxes(client, going_abroad):
    apply_url, _ = urls(going_abroad, "fr")
    response = client.get(apply_url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    content = response.content.decode()
    assert '<meta name="robots" content="noindex">' in content
    assert 'enctype="multipart/form-data"' in content
    # The page language is the default for our emails.
    assert re.search(r'<select name="language"[^>]*>.*<option value="fr" selected>', content, re.S)
    apec, invitation, consular = items_of(going_abroad)
    for service in (apec, invitation, consular):
        assert f'value="{service.pk}"' in content
    passport, licence = documents_of(apec)
    with translation.override("fr"):
        label = gettext("%(service)s: %(document)s") % {
            "service": apec.title,
            "document": passport.name,
        }
        assert label in content
    assert re.search(
        rf'<input type="file" name="document_{licence.pk}"[^>]*accept=".pdf,application/pdf"',
        content,
    )
    with translation.override("fr"):
        assert f"{upload_hint(['pdf', 'jpeg', 'png'])}." in html.unescape(content)
    assert "multiple" not in re.search(
        rf'<input type="file" name="document_{licence.pk}"[^>]*>', content
    ).group(0)
    # Two separate boxes, the retention period stated.
    assert 'name="consent_processing"' in content and 'name="consent_policy_news"' in content
    assert f"{django_settings.SERVICE_REQUEST_RETENTION_DAYS}" in content
    uuid.UUID(token_of(response))
    with translation.override("fr"):
        assert gettext("Only needed for:") in content


def test_only_a_published_package_takes_requests(client, db):
    draft = package(status=PublishingStatus.DRAFT)
    item(draft, title="Help")
    apply_url, check_url = urls(draft)
    assert client.get(apply_url).status_code == 404
    assert client.post(apply_url, {}).status_code == 404
    assert client.get(check_url).status_code == 404
    assert client.get("/en/services/nothing-here/apply/").status_code == 404


def test_a_package_without_travel_services_asks_no_travel_questions(client, db):
    simple = package(slug="registration-help")
    service = item(simple, title="Company registration", documents=[("Articles", False, "pdf")])
    apply_url, check_url = urls(simple)
    response = client.get(apply_url)
    assert "travel_from" not in response.content.decode()
    data = form_data(simple, token_of(response), services=[service], files={})
    for name in ("destination_countries", "travel_from", "travel_to", "travellers"):
        data.pop(name)
    response = client.post(apply_url, data)
    assert response.status_code == 302, errors_of(response)


# --- The whole journey -----------------------------------------------------------------------


def test_apply_check_change_and_submit(client, going_abroad):
    apply_url, check_url = urls(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    passport, licence = documents_of(apec)
    token = fill_in(
        client,
        going_abroad,
        files={passport: ("My Passport.JPG", jpeg_with_gps()), licence: ("licence.pdf", PDF_BYTES)},
        enterprise_type="domestic",
        credit_code="9144 0300 7084 6113 6t",
        home_registration_number="",
    )
    draft = RequestDraft.objects.get()
    assert draft.data["answers"]["credit_code"] == "91440300708461136T"
    assert draft.data["answers"]["phone"] == "+33123456789"
    assert draft.documents.count() == 2
    assert all(name.startswith("request-drafts/") for name in private_files())
    assert not ServiceRequest.objects.exists()

    page = client.get(check_url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Check your answers before sending your request" in content
    for shown in ("Muster GmbH", "91440300708461136T", "+33 1 23 45 67 89", "France", "Germany"):
        assert shown in content
    assert "My Passport.jpg" in content and "licence.pdf (" in content
    assert f'href="{apply_url}#id_enterprise_name"' in content
    assert f'href="{apply_url}#id_document_{passport.pk}"' in content
    assert f'name="form_token" value="{token}"' in content

    # "Change": the form comes back filled in, the files kept.
    page = client.get(apply_url)
    content = page.content.decode()
    assert token_of(page) == token
    assert 'value="Muster GmbH"' in content
    assert "Uploaded: My Passport.jpg" in content
    data = form_data(going_abroad, token, files={}, enterprise_name="Muster AG")
    data.update(enterprise_type="domestic", credit_code="91440300708461136T")
    response = client.post(apply_url, data)
    assert response.status_code == 302, errors_of(response)
    assert "Muster AG" in client.get(check_url).content.decode()
    assert DraftDocument.objects.count() == 2

    response = submit(client, going_abroad, token)
    service_request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "service_packages:submitted", kwargs={"reference": service_request.reference}
    )
    assert re.fullmatch(rf"XC-{timezone.localdate().year}-\d{{6}}", service_request.reference)
    assert service_request.enterprise_name == "Muster AG"
    assert service_request.credit_code == "91440300708461136T"
    assert service_request.phone == "+33123456789"
    assert service_request.language == "fr"
    assert sorted(country.code for country in service_request.destination_countries) == [
        "DE",
        "FR",
    ]
    assert service_request.consent_policy_news_at is None
    assert str(service_request.form_token) == token
    assert list(service_request.items.all()) == [apec]
    documents = {d.required_document_id: d for d in service_request.documents.all()}
    assert documents[licence.pk].file.read() == PDF_BYTES
    assert documents[passport.pk].content_type == "image/jpeg"
    assert b"Secret-Coordinates" not in documents[passport.pk].file.read()
    # The draft and its files are gone; only the request's documents remain.
    assert not RequestDraft.objects.exists()
    assert all(name.startswith("service-requests/") for name in private_files())
    assert len(private_files()) == 2
    assert RequestNotification.objects.filter(request=service_request, kind="received").exists()

    confirmation = client.get(response["Location"])
    content = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert confirmation["Cache-Control"] == "private, no-store"
    assert service_request.reference in content
    assert "claire@example.org" in content
    assert "10 working days" in content
    assert "Follow a request" in content


def test_the_confirmation_is_only_for_the_session_that_submitted(client, going_abroad):
    token = fill_in(client, going_abroad)
    location = submit(client, going_abroad, token)["Location"]
    assert client.get(location).status_code == 200
    assert Client().get(location).status_code == 404
    other = ServiceRequest.objects.get().reference.replace("-0", "-9", 1)
    assert (
        client.get(location.replace(ServiceRequest.objects.get().reference, other)).status_code
        == 404
    )


def test_the_confirmation_survives_a_database_blip_after_the_request_was_saved(
    client, going_abroad, caplog
):
    token = fill_in(client, going_abroad)
    location = submit(client, going_abroad, token)["Location"]
    service_request = ServiceRequest.objects.get()

    def request_table_down(execute, sql, params, many, context):
        if "service_packages_servicerequest" in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(request_table_down), caplog.at_level(logging.WARNING):
        confirmation = client.get(location)
    content = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert confirmation["Cache-Control"] == "private, no-store"
    assert service_request.reference in content
    assert service_request.email in content
    assert going_abroad.title in content
    assert "10 working days" in content
    assert date_format(service_request.due_on) in content
    assert "shown from the session copy" in caplog.text

    # Still only for the session that submitted.
    with connection.execute_wrapper(request_table_down):
        assert Client().get(location).status_code == 404


def test_a_database_blip_while_the_session_is_saved_still_confirms_the_request(
    client, going_abroad, caplog
):
    token = fill_in(client, going_abroad)

    def session_writes_fail(execute, sql, params, many, context):
        if sql.startswith(('UPDATE "django_session"', 'INSERT INTO "django_session"')):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(session_writes_fail), caplog.at_level(logging.WARNING):
        response = submit(client, going_abroad, token)
    service_request = ServiceRequest.objects.get()
    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert service_request.reference in content
    assert service_request.email in content
    assert "Session not saved" in caplog.text


def test_the_same_form_sent_twice_makes_one_request(client, going_abroad):
    token = fill_in(client, going_abroad)
    first = submit(client, going_abroad, token)
    second = submit(client, going_abroad, token)
    assert ServiceRequest.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    # A new visit starts a new form.
    assert start(client, going_abroad) != token


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_make_one_request(client, redis_down):
    going = going_abroad_package()
    token = fill_in(client, going)
    other_tab = Client()
    other_tab.cookies = SimpleCookie(client.cookies)
    ready = threading.Barrier(2)
    responses = []

    def click(browser):
        try:
            ready.wait(timeout=10)
            responses.append(submit(browser, going, token))
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(c,)) for c in (client, other_tab)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert ServiceRequest.objects.count() == 1
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert not RequestDraft.objects.exists()
    assert len(private_files()) == 2  # the request's documents, the draft's gone


def test_a_stale_check_page_does_not_send_other_answers(client, going_abroad):
    fill_in(client, going_abroad)
    response = submit(client, going_abroad, str(uuid.uuid4()))
    assert response.status_code == 302
    assert response["Location"] == urls(going_abroad)[1]
    assert not ServiceRequest.objects.exists()


def test_check_answers_without_a_form_goes_back_to_the_form(client, going_abroad):
    apply_url, check_url = urls(going_abroad)
    assert client.get(check_url)["Location"] == apply_url


def test_a_draft_that_expired_is_explained(client, going_abroad):
    token = fill_in(client, going_abroad)
    RequestDraft.objects.all().delete()
    response = submit(client, going_abroad, token)
    assert response["Location"] == urls(going_abroad)[0]
    page = client.get(response["Location"])
    assert "Your answers were not kept" in page.content.decode()
    assert not ServiceRequest.objects.exists()


def _draft_answers(**changes):
    draft = RequestDraft.objects.get()
    draft.data = {"answers": {**draft.data["answers"], **changes}}
    draft.save()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda: _draft_answers(services=[]), "Some answers or documents are missing."),
        (lambda: DraftDocument.objects.first().delete(), "Some answers or documents are missing."),
        (lambda: _draft_answers(email="not an address"), "Some answers are not valid any more."),
    ],
    ids=["no-service", "no-document", "refused-by-the-model"],
)
def test_a_draft_that_cannot_be_sent_goes_back_to_the_form(client, going_abroad, spoil, message):
    token = fill_in(client, going_abroad)
    spoil()
    response = submit(client, going_abroad, token)
    assert response["Location"] == urls(going_abroad)[0]
    assert message in client.get(response["Location"]).content.decode()
    assert not ServiceRequest.objects.exists()
    assert RequestDraft.objects.exists()


def test_a_kept_file_missing_from_storage_is_asked_for_again(client, going_abroad):
    token = fill_in(client, going_abroad)
    lost = DraftDocument.objects.order_by("pk").first()
    lost.file.storage.delete(lost.file.name)
    response = submit(client, going_abroad, token)
    assert response["Location"] == urls(going_abroad)[0]
    page = client.get(response["Location"]).content.decode()
    assert html.escape(f"We could not read “{lost.original_name}”") in page
    assert not ServiceRequest.objects.exists()
    # Its row is gone for good, so the form asks for that document again.
    assert not DraftDocument.objects.filter(pk=lost.pk).exists()
    assert DraftDocument.objects.count() == 1


# --- Errors ----------------------------------------------------------------------------------


def test_errors_are_summarised_linked_and_everything_typed_is_kept(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    token = start(client, going_abroad)
    response = client.post(
        apply_url,
        {"enterprise_name": "Muster GmbH", "message": "Bonjour", "form_token": token},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(
        r'class="error-summary" role="alert" tabindex="-1" data-error-summary', content
    )
    assert "js/registration.js" in content
    assert content.index("error-summary") < content.index('id="apply-form"')
    assert '<a href="#id_services_0">Choose at least one service.</a>' in content
    assert '<a href="#id_enterprise_type">Choose the type of the enterprise.</a>' in content
    assert '<a href="#id_consent_processing">' in content
    assert re.search(
        r'<select name="enterprise_type" aria-describedby="id_enterprise_type-error" '
        r'aria-invalid="true" id="id_enterprise_type"',
        content,
    )
    assert 'value="Muster GmbH"' in content and "Bonjour</textarea>" in content
    assert token_of(response) == token
    assert response["Content-Type"].startswith("text/html")
    assert "Error:" in re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert not RequestDraft.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"enterprise_type": "domestic", "credit_code": "", "home_registration_number": ""},
            "credit_code",
            "Enter the unified social credit code of the enterprise.",
        ),
        (
            {"enterprise_type": "domestic", "credit_code": "91440300708461136X"},
            "credit_code",
            "its last character does not match the others",
        ),
        (
            {"credit_code": "", "home_registration_number": ""},
            "home_registration_number",
            "Enter the registration number in the home country",
        ),
        ({"phone": "01 23 45 67 89"}, "phone", "with its country code"),
        ({"email": "claire@"}, "email", "Enter an email address like name@example.com."),
        ({"language": "xx"}, "language", "Choose one of the languages in the list."),
        (
            {"destination_countries": ["FR", "ZZ"]},
            "destination_countries",
            "Choose the destination countries or regions from the list.",
        ),
        (
            {"destination_countries": []},
            "destination_countries",
            "Choose at least one destination country or region.",
        ),
        (
            {"travel_from": "2020-01-01"},
            "travel_from",
            "The first day of travel cannot be in the past.",
        ),
        ({"travel_from": "31/31/2027"}, "travel_from", "Enter a real date"),
        ({"travellers": "0"}, "travellers", "At least one person travels."),
        ({"message": "x" * 5001}, "message", "at most 5000 characters (it has 5001)"),
        ({"consent_processing": None}, "consent_processing", "agree to this use of your data"),
        ({"form_token": "not-a-token"}, "form_token", "This form has expired."),
        ({"services": [999999]}, "services", "Choose the services from the list."),
    ],
)
def test_each_wrong_answer_has_its_own_message(client, going_abroad, overrides, field, message):
    apply_url, _ = urls(going_abroad)
    token = start(client, going_abroad)
    response = client.post(apply_url, form_data(going_abroad, token, files={}, **overrides))
    assert response.status_code == 400
    errors = " ".join(html.unescape(error) for error in errors_of(response))
    assert message in errors, errors
    content = response.content.decode()
    assert f'id="id_{field}-error"' in content or field in ("form_token", "services")
    assert not ServiceRequest.objects.exists()


def test_travel_dates_in_the_wrong_order(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    token = start(client, going_abroad)
    begin = timezone.localdate() + timedelta(days=20)
    response = client.post(
        apply_url,
        form_data(
            going_abroad,
            token,
            travel_from=begin.isoformat(),
            travel_to=(begin - timedelta(days=1)).isoformat(),
        ),
    )
    assert response.status_code == 400
    message = "The last day of travel must be the same as or after the first day."
    assert f'<a href="#id_travel_to">{message}</a>' in response.content.decode()


def test_travel_questions_are_ignored_when_no_chosen_service_needs_them(client, going_abroad):
    _apec, _invitation, consular = items_of(going_abroad)
    fill_in(
        client,
        going_abroad,
        services=[consular],
        files={},
        travel_from="2020-01-01",
        travel_to="rubbish",
        destination_countries=["ZZ"],
        travellers="-3",
    )
    answers = RequestDraft.objects.get().data["answers"]
    assert answers["destination_countries"] == []
    assert answers["travel_from"] is answers["travel_to"] is answers["travellers"] is None


def test_mandatory_documents_only_for_the_chosen_services(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    apec, invitation, _consular = items_of(going_abroad)
    guest_passport, itinerary = documents_of(invitation)
    token = start(client, going_abroad)
    response = client.post(apply_url, form_data(going_abroad, token, services=[apec, invitation]))
    assert response.status_code == 400
    errors = [html.unescape(error) for error in errors_of(response)]
    assert errors == [
        f'<a href="#id_document_{guest_passport.pk}">Upload the Guest passport copy for '
        f"“Invitation letter for a Chinese visa”.</a>"
    ]
    files = {guest_passport: ("guest.png", image_bytes("PNG"))}
    fill = form_data(going_abroad, token, services=[invitation], files=files)
    assert client.post(apply_url, fill).status_code == 302  # the itinerary is optional


def test_checked_files_are_kept_when_another_answer_is_wrong(client, going_abroad):
    apply_url, check_url = urls(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    passport, licence = documents_of(apec)
    token = start(client, going_abroad)
    response = client.post(
        apply_url,
        form_data(
            going_abroad,
            token,
            enterprise_name="",
            files={passport: ("passport.pdf", PDF_BYTES), licence: ("licence.exe", EXE)},
        ),
    )
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert "Uploaded: passport.pdf" in content
    assert str(MESSAGES["file_type"]) in content
    assert "Choose the file again: browsers do not keep a chosen file" in content
    assert [d.original_name for d in DraftDocument.objects.all()] == ["passport.pdf"]
    # The check page is not reachable before the answers are complete.
    assert client.get(check_url)["Location"] == apply_url
    response = client.post(
        apply_url, form_data(going_abroad, token, files={licence: ("licence.pdf", PDF_BYTES)})
    )
    assert response.status_code == 302, errors_of(response)
    assert sorted(DraftDocument.objects.values_list("original_name", flat=True)) == [
        "licence.pdf",
        "passport.pdf",
    ]
    assert len(private_files()) == 2


def test_a_new_file_replaces_the_kept_one(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    passport, _licence = documents_of(apec)
    token = fill_in(client, going_abroad)
    before = set(private_files())
    data = form_data(
        going_abroad, token, files={passport: ("new passport.png", image_bytes("PNG"))}
    )
    assert client.post(apply_url, data).status_code == 302
    assert DraftDocument.objects.get(required_document=passport).original_name == "new passport.png"
    after = set(private_files())
    assert len(after) == 2 and len(after - before) == 1


BAD_FILES = [
    ("passport.pdf", EXE, "file_type"),
    ("passport.pdf", b"", "empty_file"),
    ("passport.pdf", ENCRYPTED_PDF, "pdf_encrypted"),
    ("passport.pdf", DAMAGED_PDF, "pdf_damaged"),
    ("passport.pdf", HTML_WITH_PDF_HEADER, "pdf_damaged"),
    ("passport.pdf", encrypted().replace(b"/Encrypt", b"/Encr#79pt"), "pdf_encrypted"),
    ("passport.pdf", javascript_on_open(), "pdf_active_content"),
    ("passport.pdf", launch_on_open(), "pdf_active_content"),
    ("passport.pdf", with_attachment(), "pdf_attachments"),
    ("passport.pdf", xfa_form(), "pdf_xfa"),
    ("passport.png", image_bytes("PNG") + HTML, "image_trailing_data"),
    ("passport.png", png_declaring(20_000, 20_000, b"\x78\x9c"), "image_too_many_pixels"),
    ("passport.svg", SVG, "file_type"),
    ("licence.jpg", image_bytes("JPEG"), "type_not_accepted"),
]


@pytest.mark.parametrize(("name", "content", "code"), BAD_FILES)
def test_a_bad_file_is_refused_with_its_message_and_nothing_is_stored(
    client, going_abroad, name, content, code
):
    apply_url, _ = urls(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    passport, licence = documents_of(apec)
    target = licence if code == "type_not_accepted" else passport
    token = start(client, going_abroad)
    response = client.post(
        apply_url, form_data(going_abroad, token, files={target: (name, content)})
    )
    assert response.status_code == 400
    content_text = html.unescape(response.content.decode())
    message = str(MESSAGES[code]).split("%(")[0]
    assert message in content_text
    assert f'href="#id_document_{target.pk}"' in content_text
    assert not ServiceRequest.objects.exists()
    assert not RequestDocument.objects.exists()
    assert not DraftDocument.objects.exists()
    assert private_files() == []


@pytest.mark.parametrize(
    ("limits", "files", "message"),
    [
        ({"SERVICE_UPLOAD_MAX_FILE_BYTES": 2000}, [2001], "larger than 2.0\xa0KB"),
        (
            {"SERVICE_UPLOAD_MAX_FILES": 1},
            [600, 600],
            "Too many files at once: the limit is 1 at a time.",
        ),
        ({"SERVICE_UPLOAD_MAX_REQUEST_BYTES": 1500}, [1000, 1000], "together are larger than"),
    ],
)
def test_upload_limits_refuse_while_streaming_and_keep_nothing(
    client, going_abroad, settings, tmp_path, limits, files, message
):
    for name, value in limits.items():
        setattr(settings, name, value)
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    apply_url, _ = urls(going_abroad)
    apec, _invitation, _consular = items_of(going_abroad)
    documents = documents_of(apec)
    token = start(client, going_abroad)
    response = client.post(
        apply_url,
        form_data(
            going_abroad,
            token,
            files={
                doc: (f"{doc.pk}.pdf", pdf_of_size(size))
                for doc, size in zip(documents, files, strict=False)
            },
        ),
    )
    assert response.status_code == 413
    content = html.unescape(response.content.decode())
    assert message in content
    assert "data-error-summary" in content
    # What was typed before the files is still in the form.
    assert 'value="Muster GmbH"' in content
    assert not ServiceRequest.objects.exists()
    assert not RequestDraft.objects.exists()
    assert private_files() == []
    assert list((tmp_path / "uploads").iterdir()) == []


def test_a_file_exactly_at_the_limit_is_accepted(client, going_abroad, settings):
    settings.SERVICE_UPLOAD_MAX_FILE_BYTES = 2000
    apec, _invitation, _consular = items_of(going_abroad)
    passport, licence = documents_of(apec)
    fill_in(
        client,
        going_abroad,
        files={passport: ("a.pdf", pdf_of_size(2000)), licence: ("b.pdf", pdf_of_size(2000))},
    )
    assert sorted(DraftDocument.objects.values_list("size", flat=True)) == [2000, 2000]


# --- Script in every field -----------------------------------------------------------------


def test_script_in_every_text_field_is_shown_as_text_everywhere(client, going_abroad):
    typed = {
        name: f"{SCRIPT} {name}"
        for name in (
            "enterprise_name",
            "home_registration_number",
            "address",
            "contact_name",
            "contact_position",
            "message",
        )
    }
    token = fill_in(client, going_abroad, **typed)
    check = client.get(urls(going_abroad)[1]).content.decode()
    assert "<script>alert" not in check
    for name in typed:
        assert f"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {name}" in check
    response = submit(client, going_abroad, token)
    confirmation = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in confirmation
    service_request = ServiceRequest.objects.get()
    assert service_request.enterprise_name == typed["enterprise_name"]  # stored as typed
    notification = RequestNotification.objects.get(request=service_request, kind="received")
    message = notification_message(notification)
    html_part = message.alternatives[0][0]
    assert "<script>alert" not in html_part
    assert "&lt;script&gt;" in html_part  # the contact's name, escaped
    assert message.to == ["claire@example.org"]
    assert "\n" not in message.subject


def test_script_in_checked_fields_is_refused_and_shown_back_as_text(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    token = start(client, going_abroad)
    checked = ("credit_code", "phone", "email", "travellers", "travel_from")
    data = form_data(going_abroad, token, **dict.fromkeys(checked, SCRIPT))
    response = client.post(apply_url, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "<script>alert" not in content
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in content
    assert {re.search(r'href="#id_([a-z_]+)"', e).group(1) for e in errors_of(response)} == set(
        checked
    )
    # The files that passed wait in the draft; no answers were kept.
    assert not RequestDraft.objects.filter(data__has_key="answers").exists()


# --- Rate limits ---------------------------------------------------------------------------


# Fixed clock-hour windows: an hour's edge inside the test would open a new window
# (16:00 UTC under `make test-clocks`), so it runs mid-hour.
@pytest.mark.clock("2026-12-02T04:20Z")
def test_the_same_form_posted_50_times_from_one_address(client, going_abroad):
    token = fill_in(client, going_abroad)
    statuses = [submit(client, going_abroad, token).status_code for _ in range(50)]
    limit = django_settings.SERVICE_SUBMISSIONS_PER_HOUR
    assert statuses[:limit] == [302] * limit
    assert set(statuses[limit:]) == {429}
    assert ServiceRequest.objects.count() == 1
    refused = submit(client, going_abroad, token)
    assert int(refused["Retry-After"]) <= 3600
    content = refused.content.decode()
    assert "Too many attempts from your connection" in content
    assert "Nothing from this attempt was saved." in content
    # Another address is not held up.
    other = client.post(urls(going_abroad)[1], {"form_token": token}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


# Fixed clock-hour windows: an hour's edge inside the test would open a new window
# (16:00 UTC under `make test-clocks`), so it runs mid-hour.
@pytest.mark.clock("2026-12-02T04:20Z")
def test_the_form_itself_has_a_generous_limit(client, going_abroad, settings):
    settings.SERVICE_SUBMISSIONS_PER_HOUR = 2
    apply_url, _ = urls(going_abroad)
    token = fill_in(client, going_abroad)  # the first of 2 x 5 posts of the form
    statuses = [
        client.post(apply_url, form_data(going_abroad, token, files={})).status_code
        for _ in range(10)
    ]
    assert statuses[:9] == [302] * 9
    assert statuses[9] == 429
    assert RequestDraft.objects.count() == 1


def test_the_rate_limit_counts_per_window_and_key():
    now = 1_000_000 * 3600.0
    hits = [rate_limit_hit("k", limit=3, window_seconds=3600, now=now) for _ in range(5)]
    assert hits == [False, False, False, True, True]
    assert rate_limit_hit("other", limit=3, window_seconds=3600, now=now) is False
    assert rate_limit_hit("k", limit=3, window_seconds=3600, now=now + 3600) is False


def _csrf_client(**extra) -> Client:
    """A browser whose posts CSRF checks, as in production (the test client skips it)."""
    return Client(enforce_csrf_checks=True, **extra)


def _csrf_token(client, url) -> str:
    assert client.get(url).status_code in (200, 302)
    return client.cookies["csrftoken"].value


# Fixed clock-hour windows: an hour's edge inside the test would open a new window
# (16:00 UTC under `make test-clocks`), so it runs mid-hour.
@pytest.mark.clock("2026-12-02T04:20Z")
def test_posts_without_the_csrf_token_cost_the_address_nothing(going_abroad):
    apply_url, check_url = urls(going_abroad)
    # Another site makes visitors' browsers post the form: no token, so no count.
    forged = _csrf_client()
    for _post in range(50):
        data = form_data(going_abroad, str(uuid.uuid4()))
        assert forged.post(apply_url, data).status_code == 403
        assert forged.post(check_url, {"form_token": data["form_token"]}).status_code == 403
    assert not RequestDraft.objects.exists()
    assert private_files() == []
    # A genuine applicant at the same address is served normally.
    applicant = _csrf_client()
    csrf = _csrf_token(applicant, apply_url)
    token = token_of(applicant.get(apply_url))
    response = applicant.post(
        apply_url, {**form_data(going_abroad, token), "csrfmiddlewaretoken": csrf}
    )
    assert response.status_code == 302, errors_of(response)
    assert response["Location"] == check_url
    response = applicant.post(check_url, {"form_token": token, "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    assert ServiceRequest.objects.count() == 1


@pytest.mark.clock("2026-12-02T04:20Z")
def test_the_limits_still_hold_for_posts_that_pass_csrf(going_abroad, settings, tmp_path):
    settings.SERVICE_SUBMISSIONS_PER_HOUR = 1  # 5 posts of the form, 1 submission
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    apply_url, check_url = urls(going_abroad)
    applicant = _csrf_client()
    csrf = _csrf_token(applicant, apply_url)
    token = token_of(applicant.get(apply_url))
    statuses = [
        applicant.post(
            apply_url,
            {**form_data(going_abroad, token, enterprise_name=""), "csrfmiddlewaretoken": csrf},
        ).status_code
        for _post in range(5)
    ]
    assert statuses == [400] * 5
    kept = private_files()
    # Over the limit: refused before the upload is read, and nothing is kept of it.
    refused = applicant.post(
        apply_url, {**form_data(going_abroad, token), "csrfmiddlewaretoken": csrf}
    )
    assert refused.status_code == 429
    assert "Nothing from this attempt was saved." in refused.content.decode()
    assert private_files() == kept
    assert list((tmp_path / "uploads").iterdir()) == []
    assert not RequestDraft.objects.filter(data__has_key="answers").exists()
    # Submissions have their own, smaller limit, counted after CSRF too.
    other = _csrf_client(REMOTE_ADDR="192.0.2.7")
    csrf = _csrf_token(other, apply_url)
    token = token_of(other.get(apply_url))
    data = {**form_data(going_abroad, token), "csrfmiddlewaretoken": csrf}
    assert other.post(apply_url, data).status_code == 302
    assert other.post(check_url, {"form_token": token}).status_code == 403
    submitted = other.post(check_url, {"form_token": token, "csrfmiddlewaretoken": csrf})
    assert submitted.status_code == 302
    again = other.post(check_url, {"form_token": token, "csrfmiddlewaretoken": csrf})
    assert again.status_code == 429


@pytest.mark.clock("2026-12-02T04:20Z")
def test_with_redis_down_the_form_is_still_limited(client, going_abroad, settings):
    from apps.core.ratelimit import local_counters

    settings.SERVICE_SUBMISSIONS_PER_HOUR = 1
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT_URL},
    }
    local_counters.clear()
    try:
        apply_url, _check_url = urls(going_abroad)
        token = fill_in(client, going_abroad)  # the first of 5 posts
        statuses = [
            client.post(apply_url, form_data(going_abroad, token, files={})).status_code
            for _post in range(5)
        ]
    finally:
        local_counters.clear()
    assert statuses == [302] * 4 + [429]


# --- Redis and the worker down --------------------------------------------------------------


def _use_broker(url):
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    previous = celery_app.conf.broker_url
    settings.CELERY_BROKER_URL = CLOSED_PORT_URL
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT_URL},
    }
    _use_broker(CLOSED_PORT_URL)
    try:
        yield
    finally:
        _use_broker(previous)


def test_with_redis_and_the_worker_down_the_request_is_saved_and_confirmed(
    client, going_abroad, redis_down, django_capture_on_commit_callbacks
):
    token = fill_in(client, going_abroad)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = submit(client, going_abroad, token)
    took = time.monotonic() - started
    assert callbacks, "the worker was asked (and could not be reached)"
    assert response.status_code == 302
    assert took < 5, f"the applicant waited {took:.1f} s"
    service_request = ServiceRequest.objects.get()
    assert client.get(response["Location"]).status_code == 200
    (notification,) = RequestNotification.objects.filter(request=service_request)
    assert notification.state == RequestNotification.State.PENDING
