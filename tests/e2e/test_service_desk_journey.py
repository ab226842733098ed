"""Issue #7, done when: a French enterprise applies for Going Abroad and answers a question
through the link in its email, while an officer works the queue in Chinese, on the record."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from apps.core.models import StaffLanguage
from apps.core.services import STAFF_GROUP_SERVICE_DESK
from apps.service_packages import demo
from apps.service_packages.admin import TRANSITION_LABELS
from apps.service_packages.models import (
    AuditEntry,
    RequestNotification,
    RequestTransition,
    ServicePackage,
    ServiceRequest,
)
from apps.service_packages.notifications import notifications_send
from apps.service_packages.tracking import tracking_code
from tests.service_packages.factories import PDF_BYTES

pytestmark = pytest.mark.browser

Status = ServiceRequest.Status
PASSWORD = "a long test password"
EMAIL = "claire.martin@example.org"
# Unique markers: each must turn up exactly where it belongs, and nowhere else.
QUESTION = "Merci d’envoyer le programme de visite signé par la direction. [Q-5B1E]"
INTERNAL = "INTERNAL-7F3C: programme unsigned, checked by phone with the enterprise"
REPLY = "Voici le programme signé par notre directrice. [R-91D2]"
DECISION = "Votre lettre d’invitation est prête au guichet. [D-2C7A]"
INTERNAL_DECISION = "INTERNAL-0A9E: letter signed by the section chief"
LINK = re.compile(r"https?://[^\s\"<>]+/fr/services/track/link/[^/\s\"<>]+/")


def fr(message: str) -> str:
    """The interface text a French visitor reads (whatever the catalog has today)."""
    with translation.override("fr"):
        return gettext(message)


def zh(message) -> str:
    """The admin text a Chinese-speaking officer reads (a message, or a lazy label)."""
    with translation.override("zh-hans"):
        return gettext(message) if isinstance(message, str) else str(message)


def label(status, language: str) -> str:
    with translation.override(language):
        return str(Status(status).label)


def pdf(name: str) -> list[dict]:
    return [{"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}]


def send_outbox(service_request) -> list:
    """What a worker would do: send the request's pending emails; returns the new ones."""
    ids = list(
        RequestNotification.objects.filter(
            request=service_request, state=RequestNotification.State.PENDING
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    before = len(mail.outbox)
    assert notifications_send(ids)["sent"] == len(ids)
    return mail.outbox[before:]


def path_of_link(message) -> str:
    links = LINK.findall(message.body)
    assert links, message.body
    return urlsplit(links[0]).path


@pytest.fixture
def going_abroad(transactional_db):
    """The real demo content: Going Abroad, in seven languages."""
    demo.load()
    return ServicePackage.objects.get(slug="going-abroad")


@pytest.fixture
def officer(transactional_db, django_user_model):
    user = django_user_model.objects.create_user(
        username="wang.fang",
        password=PASSWORD,
        email="wang.fang@example.org",
        first_name="Fang",
        last_name="Wang",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP_SERVICE_DESK))
    return user


def test_enterprise_applies_in_french_answers_the_officer_working_in_chinese_all_recorded(
    new_page, going_abroad, officer, external_requests, console_errors
):
    # The invitation letter: four mandatory documents and one optional.
    invitation = going_abroad.items.order_by("position")[1]
    documents = list(invitation.documents.order_by("position"))
    mandatory = [document for document in documents if document.mandatory]
    assert len(mandatory) == 4 and len(documents) == 5

    # --- The enterprise finds the package in French and sees its document checklist.
    applicant = new_page(locale="fr-FR")
    applicant.goto("/fr/services/")
    expect(applicant.locator("html")).to_have_attribute("lang", "fr")
    expect(applicant.locator("h1")).to_have_text(fr("Services for enterprises"))
    applicant.locator("#package-going-abroad h3 a").click()

    expect(applicant).to_have_url(re.compile(r"/fr/services/going-abroad/$"))
    expect(applicant.locator("h1")).to_have_text(going_abroad.title_fr)
    expect(applicant.locator("#service-2-title")).to_have_text(invitation.title_fr)
    checklist = applicant.locator("#service-2 .document-checklist > li")
    expect(checklist).to_have_count(len(documents))
    for row, document in zip(checklist.all(), documents, strict=True):
        expect(row.locator("strong")).to_have_text(document.name_fr)
        expect(row.locator(".badge")).to_have_text(
            fr("Mandatory") if document.mandatory else fr("Optional")
        )
    applicant.locator(".register-call a.button").click()

    # --- It applies for the invitation letter with its documents.
    expect(applicant).to_have_url(re.compile(r"/fr/services/going-abroad/apply/$"))
    expect(applicant.locator("#id_language")).to_have_value("fr")
    applicant.get_by_role("checkbox", name=invitation.title_fr).check()
    applicant.fill("#id_enterprise_name", "Société Exemple SAS")
    applicant.select_option("#id_enterprise_type", "foreign")
    applicant.fill("#id_home_registration_number", "RCS Paris 123 456 789")
    applicant.fill("#id_address", "12 rue de l’Exemple, 75001 Paris")
    applicant.fill("#id_contact_name", "Claire Martin")
    applicant.fill("#id_email", EMAIL)
    applicant.fill("#id_phone", "+33 1 23 45 67 89")
    for number, document in enumerate(mandatory, start=1):
        applicant.set_input_files(f"#id_document_{document.pk}", files=pdf(f"piece-{number}.pdf"))
    applicant.check("#id_consent_processing")
    applicant.locator("#apply-form button[type=submit]").click()

    expect(applicant).to_have_url(re.compile(r"/fr/services/going-abroad/apply/check/$"))
    summary = applicant.locator(".summary-list")
    expect(summary).to_contain_text("Société Exemple SAS")
    expect(summary).to_contain_text(invitation.title_fr)
    for number in range(1, len(mandatory) + 1):
        expect(summary).to_contain_text(f"piece-{number}.pdf")
    applicant.get_by_role("button", name=fr("Submit request")).click()

    expect(applicant).to_have_url(re.compile(r"/fr/services/requests/XC-\d{4}-\d{6}/submitted/$"))
    service_request = ServiceRequest.objects.get()
    reference = service_request.reference
    expect(applicant.locator(".request-reference")).to_have_text(reference)
    assert service_request.language == "fr"
    assert service_request.documents.count() == len(mandatory)

    # --- The receipt, in French, brings the private link and the code.
    (receipt,) = send_outbox(service_request)
    assert receipt.to == [EMAIL]
    assert receipt.extra_headers["Content-Language"] == "fr"
    assert receipt.subject == fr("We have received your request %(reference)s") % {
        "reference": reference
    }
    assert tracking_code(service_request) in receipt.body
    receipt_link = path_of_link(receipt)
    applicant.goto(receipt_link)
    expect(applicant).to_have_url(re.compile(rf"/fr/services/track/{reference}/$"))
    expect(applicant.locator(".request-status")).to_have_text(label(Status.SUBMITTED, "fr"))
    # The link's token does not stay in the address.
    assert receipt_link.rstrip("/").rsplit("/", 1)[-1] not in applicant.url

    # --- The officer logs in, switches the admin to Chinese and works the queue.
    desk = new_page()
    desk.goto("/admin/")
    expect(desk).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    desk.fill("#id_username", officer.username)
    desk.fill("#id_password", PASSWORD)
    desk.locator("#login-form [type=submit]").click()
    expect(desk).to_have_url(re.compile(r"/admin/$"))
    expect(desk.locator("html")).to_have_attribute("lang", "en")
    assert StaffLanguage.objects.get(user=officer).language == "en"
    desk.locator('form.admin-language button[value="zh-hans"]').click()
    expect(desk.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(desk.locator("#user-tools")).to_contain_text("欢迎")
    expect(desk.locator("#site-name")).to_contain_text(zh("Xicheng International Exchange Portal"))
    # Emails to the officer follow the admin language from now on.
    assert StaffLanguage.objects.get(user=officer).language == "zh-hans"

    desk.goto("/admin/service_packages/servicerequest/?status=open")
    row = desk.locator("#result_list tbody tr", has_text=reference)
    expect(row).to_contain_text(label(Status.SUBMITTED, "zh-hans"))
    row.get_by_role("link", name=reference).click()
    expect(desk).to_have_url(
        re.compile(rf"/admin/service_packages/servicerequest/{service_request.pk}/change/(\?|$)")
    )
    tools = desk.locator(".object-tools")
    messages = desk.locator("ul.messagelist")

    tools.get_by_role("button", name=zh("Assign to me")).click()
    expect(messages).to_contain_text(
        zh("%(reference)s is assigned to you.") % {"reference": reference}
    )
    expect(desk.locator(".field-officer_name")).to_contain_text("Fang Wang")
    expect(tools.get_by_role("button", name=zh("Assign to me"))).to_have_count(0)

    def transition(to_status, *, note="", internal=""):
        tools.get_by_role("link", name=zh(TRANSITION_LABELS[to_status]), exact=True).click()
        expect(desk).to_have_url(re.compile(rf"/{service_request.pk}/status/{to_status}/(\?|$)"))
        expect(desk.locator("label[for=id_note_to_applicant]")).to_contain_text(
            zh("Note to the applicant")
        )
        expect(desk.locator("label[for=id_internal_note]")).to_contain_text(zh("Internal note"))
        desk.fill("#id_note_to_applicant", note)
        desk.fill("#id_internal_note", internal)
        desk.get_by_role("button", name=zh(TRANSITION_LABELS[to_status])).click()
        expect(messages).to_contain_text(
            zh("%(reference)s is now “%(status)s”.")
            % {"reference": reference, "status": label(to_status, "zh-hans")}
        )
        expect(desk.locator(".field-status")).to_contain_text(label(to_status, "zh-hans"))

    transition(Status.IN_REVIEW)
    transition(Status.INFO_REQUESTED, note=QUESTION, internal=INTERNAL)
    # The officer reads the internal note in the request's history.
    expect(desk.locator("body")).to_contain_text(INTERNAL)

    # --- The question reaches the enterprise in French, without the internal note.
    in_review, question = send_outbox(service_request)
    assert in_review.subject == fr("Your request %(reference)s: %(status)s") % {
        "reference": reference,
        "status": label(Status.IN_REVIEW, "fr"),
    }
    assert question.extra_headers["Content-Language"] == "fr"
    html = question.alternatives[0][0]
    for text in (question.body, html):
        assert "Merci d’envoyer le programme de visite signé" in text
        assert "INTERNAL-7F3C" not in text

    # Back later, maybe on another computer: the link in the email opens the request.
    returning = new_page(locale="fr-FR")
    returning.goto(path_of_link(question))
    expect(returning).to_have_url(re.compile(rf"/fr/services/track/{reference}/$"))
    expect(returning.locator(".request-status")).to_have_text(label(Status.INFO_REQUESTED, "fr"))
    reply_section = returning.locator("section[aria-labelledby=reply-title]")
    expect(reply_section.locator("h2")).to_have_text(fr("The service desk needs more information"))
    expect(reply_section.locator("blockquote")).to_have_text(QUESTION)
    assert "INTERNAL-7F3C" not in returning.content()
    returning.fill("#id_message", REPLY)
    returning.set_input_files("#id_documents", files=pdf("programme-signe.pdf"))
    reply_section.get_by_role("button", name=fr("Send my answer")).click()

    expect(returning.locator(".request-status")).to_have_text(label(Status.IN_REVIEW, "fr"))
    expect(returning.locator("main")).to_contain_text(
        fr("Thank you: your answer has reached the service desk. We will email you.")
    )
    expect(returning.locator(".timeline")).to_contain_text(REPLY)
    expect(returning.locator("section[aria-labelledby=documents-title]")).to_contain_text(
        "programme-signe.pdf"
    )
    expect(returning.locator("section[aria-labelledby=reply-title]")).to_have_count(0)

    # --- The officer reads the answer, opens the new document and approves.
    desk.reload()
    expect(desk.locator(".field-status")).to_contain_text(label(Status.IN_REVIEW, "zh-hans"))
    expect(desk.locator("body")).to_contain_text(REPLY)
    expect(desk.locator("body")).to_contain_text(zh("the applicant"))
    document_row = desk.locator("tr", has_text="programme-signe.pdf")
    with desk.expect_download() as download_info:
        document_row.get_by_role("link", name=zh("View")).click()
    download = download_info.value
    assert download.suggested_filename == f"{reference}-programme-signe.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES
    transition(Status.APPROVED, note=DECISION, internal=INTERNAL_DECISION)

    # --- The enterprise sees the decision, in French.
    in_review_again, approved = send_outbox(service_request)
    assert approved.subject == fr("Your request %(reference)s: %(status)s") % {
        "reference": reference,
        "status": label(Status.APPROVED, "fr"),
    }
    assert "Votre lettre d’invitation est prête au guichet." in approved.body
    assert "INTERNAL" not in approved.body + approved.alternatives[0][0]
    assert "INTERNAL" not in in_review_again.body
    returning.reload()
    expect(returning.locator(".request-status")).to_have_text(label(Status.APPROVED, "fr"))
    expect(returning.locator(".lead")).to_contain_text(
        fr("Your request is approved. The service desk will contact you about the next steps.")
    )
    expect(returning.locator(".timeline")).to_contain_text(DECISION)
    expect(returning.locator(".timeline")).to_contain_text(QUESTION)
    assert "INTERNAL" not in returning.content()

    # --- Every step is on the record, and the officer can read it in the admin.
    transitions = list(
        RequestTransition.objects.filter(request=service_request)
        .order_by("created_at", "pk")
        .values_list("from_status", "to_status", "actor", "by_applicant")
    )
    assert transitions == [
        ("", Status.SUBMITTED, None, True),
        (Status.SUBMITTED, Status.IN_REVIEW, officer.pk, False),
        (Status.IN_REVIEW, Status.INFO_REQUESTED, officer.pk, False),
        (Status.INFO_REQUESTED, Status.IN_REVIEW, None, True),
        (Status.IN_REVIEW, Status.APPROVED, officer.pk, False),
    ]
    asked = RequestTransition.objects.get(request=service_request, to_status=Status.INFO_REQUESTED)
    assert (asked.note_to_applicant, asked.internal_note) == (QUESTION, INTERNAL)
    answered = RequestTransition.objects.get(
        request=service_request, by_applicant=True, from_status=Status.INFO_REQUESTED
    )
    assert answered.message_from_applicant == REPLY
    service_request.refresh_from_db()
    assert service_request.status == Status.APPROVED
    assert service_request.officer == officer
    assert service_request.decided_at is not None

    downloaded = service_request.documents.get(original_name="programme-signe.pdf")
    audit = list(
        AuditEntry.objects.filter(reference=reference)
        .order_by("created_at", "pk")
        .values_list("action", "actor", "actor_name", "detail")
    )
    assert audit == [
        (
            AuditEntry.Action.ASSIGNED,
            officer.pk,
            "wang.fang",
            {"officer": "wang.fang", "previous_officer": ""},
        ),
        (
            AuditEntry.Action.TRANSITION,
            officer.pk,
            "wang.fang",
            {"from_status": Status.SUBMITTED, "to_status": Status.IN_REVIEW},
        ),
        (
            AuditEntry.Action.TRANSITION,
            officer.pk,
            "wang.fang",
            {"from_status": Status.IN_REVIEW, "to_status": Status.INFO_REQUESTED},
        ),
        (
            AuditEntry.Action.DOCUMENT_VIEWED,
            officer.pk,
            "wang.fang",
            {"document": downloaded.pk, "name": "programme-signe.pdf"},
        ),
        (
            AuditEntry.Action.TRANSITION,
            officer.pk,
            "wang.fang",
            {"from_status": Status.IN_REVIEW, "to_status": Status.APPROVED},
        ),
    ]
    desk.goto(f"/admin/service_packages/auditentry/?q={reference}")
    expect(desk.locator("#result_list tbody tr")).to_have_count(len(audit))
    with translation.override("zh-hans"):
        viewed = str(AuditEntry.Action.DOCUMENT_VIEWED.label)
    expect(desk.locator("#result_list")).to_contain_text(viewed)

    assert external_requests == []
    assert console_errors == []
