"""A French enterprise applies for the APEC Business Travel Card with its documents."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from apps.service_packages.models import RequestDraft, ServiceRequest
from tests.service_packages.factories import PDF_BYTES, going_abroad_package

from .page_checks import sideways_scroll

pytestmark = pytest.mark.browser


def fr(message: str) -> str:
    """The interface text a French visitor reads (whatever the catalog has today)."""
    with translation.override("fr"):
        return gettext(message)


@pytest.fixture
def going_abroad_live(transactional_db):
    return going_abroad_package()


def test_a_french_enterprise_applies_changes_an_answer_and_submits(
    new_page, going_abroad_live, external_requests, console_errors
):
    going = going_abroad_live
    apec = going.items.order_by("position").first()
    passport, licence = apec.documents.order_by("position")
    page = new_page(locale="fr-FR")
    page.goto(f"/fr/services/{going.slug}/apply/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#id_language")).to_have_value("fr")

    page.get_by_role("checkbox", name=apec.title).check()
    page.fill("#id_enterprise_name", "Société Exemple SARL")
    page.select_option("#id_enterprise_type", "foreign")
    page.fill("#id_home_registration_number", "RCS Paris 123 456 789")
    page.fill("#id_address", "12 rue de l’Exemple, 75001 Paris")
    page.fill("#id_contact_name", "Claire Martin")
    page.fill("#id_email", "claire.martin@example.org")
    page.fill("#id_phone", "+33 1 23 45 67 89")
    # Destinations: grouped checkboxes with a filter box (French or English names, codes).
    picker = page.locator("#id_destination_countries")
    filter_box = picker.get_by_label(fr("Find in the list"))
    filter_box.fill("japan")
    expect(picker.get_by_label("Japon", exact=True)).to_be_visible()
    expect(picker.get_by_label("France", exact=True)).to_be_hidden()
    picker.get_by_label("Japon", exact=True).check()
    filter_box.press("Enter")  # narrows the list, never sends the form
    filter_box.fill("")
    picker.locator("details summary").first.click()  # China, with its regions
    picker.get_by_label("Chine", exact=True).check()
    expect(picker.locator(".checkbox-picker__chip")).to_have_count(2)
    expect(
        picker.get_by_role("button", name=fr("Remove %(name)s") % {"name": "Japon"})
    ).to_be_visible()
    first_day = timezone.localdate() + timedelta(days=40)
    page.fill("#id_travel_from", first_day.isoformat())
    page.fill("#id_travel_to", (first_day + timedelta(days=6)).isoformat())
    page.fill("#id_travellers", "3")
    # Plain file inputs: no drag-and-drop needed.
    page.set_input_files(
        f"#id_document_{passport.pk}",
        files=[{"name": "passeport.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.set_input_files(
        f"#id_document_{licence.pk}",
        files=[{"name": "kbis.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.check("#id_consent_processing")
    page.locator("#apply-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/fr/services/{going.slug}/apply/check/$"))
    expect(page.locator("h1")).to_have_text(fr("Check your answers before sending your request"))
    summary = page.locator(".summary-list")
    expect(summary).to_contain_text("Société Exemple SARL")
    expect(summary).to_contain_text("+33 1 23 45 67 89")
    expect(summary).to_contain_text("passeport.pdf")
    expect(summary).to_contain_text("kbis.pdf")

    # Change the name: the form comes back filled in, with the files kept.
    page.locator('.summary-list a[href$="#id_enterprise_name"]').click()
    expect(page).to_have_url(re.compile(rf"/fr/services/{going.slug}/apply/#id_enterprise_name$"))
    expect(page.locator("#id_enterprise_name")).to_have_value("Société Exemple SARL")
    expect(page.locator(f"#id_document_{passport.pk}-hint")).to_contain_text("passeport.pdf")
    expect(page.locator("#id_travellers")).to_have_value("3")
    page.fill("#id_enterprise_name", "Société Exemple SAS")
    page.locator("#apply-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/fr/services/{going.slug}/apply/check/$"))
    expect(summary).to_contain_text("Société Exemple SAS")
    expect(summary).to_contain_text("passeport.pdf")
    page.get_by_role("button", name=fr("Submit request")).click()

    expect(page).to_have_url(re.compile(r"/fr/services/requests/XC-\d{4}-\d{6}/submitted/$"))
    service_request = ServiceRequest.objects.get()
    expect(page.locator(".request-reference")).to_have_text(service_request.reference)
    expect(page.locator("main")).to_contain_text("claire.martin@example.org")
    assert service_request.enterprise_name == "Société Exemple SAS"
    assert service_request.language == "fr"
    assert sorted(d.original_name for d in service_request.documents.all()) == [
        "kbis.pdf",
        "passeport.pdf",
    ]
    assert [d.file.read() for d in service_request.documents.all()] == [PDF_BYTES, PDF_BYTES]
    assert not RequestDraft.objects.exists()
    assert external_requests == []
    assert console_errors == []


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_destination_checkboxes_fit_a_320_px_phone_with_every_group_open(
    new_page, going_abroad_live, language
):
    page = new_page(locale=language, viewport={"width": 320, "height": 640}, has_touch=True)
    page.goto(f"/{language}/services/{going_abroad_live.slug}/apply/")
    picker = page.locator("#id_destination_countries")
    for summary in picker.locator("details summary").all():
        summary.tap()
    picker.locator("input[type=checkbox]").nth(3).tap()  # Taiwan, China: the longest names
    expect(picker.locator(".checkbox-picker__chip")).to_have_count(1)
    assert sideways_scroll(page) == []
