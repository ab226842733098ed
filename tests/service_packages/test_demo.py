"""Demo content: the three service packages of the source article, in every language."""

import pytest
from django.core.management import call_command

from apps.core.i18n import translated_fields
from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from apps.service_packages import demo
from apps.service_packages.models import (
    RequiredDocument,
    ServiceItem,
    ServicePackage,
    ServiceStep,
)
from tests.languages import CODES, FIELD_SUFFIXES
from tests.service_packages.factories import submit

pytestmark = pytest.mark.django_db
SAMPLE_MARKERS = {
    "zh_hans": "示例",
    "en": "sample",
    "ja": "サンプル",
    "ru": "пример",
    "fr": "exemple",
    "es": "ejemplo",
    "ar": "مثال",
}
# How each language says "sample data" in a sentence.
SAMPLE_DATA = {**SAMPLE_MARKERS, "ru": "демонстрационные данные", "ar": "بيانات تجريبية"}
MODELS = (ServicePackage, ServiceItem, RequiredDocument, ServiceStep)


def _snapshot():
    """Every row's id and translated text, so a second load can be compared to the first."""
    return {
        model.__name__: sorted(
            model.objects.values_list(
                "pk",
                *(
                    f"{field}_{lang}"
                    for field in translated_fields(model)
                    for lang in FIELD_SUFFIXES
                ),
            )
        )
        for model in MODELS
    }


def test_loading_twice_keeps_the_same_content_and_ids():
    assert demo.load() == "created 3, kept 0 existing service packages"
    first = _snapshot()

    assert demo.load() == "created 0, kept 3 existing service packages"
    assert _snapshot() == first
    assert ServicePackage.objects.count() == 3
    assert ServiceItem.objects.count() == 7


def test_the_command_loads_the_packages(capsys):
    call_command("load_demo_content")
    assert "service_packages: created 3, kept 0 existing" in capsys.readouterr().out
    assert ServicePackage.objects.published().count() == 3


def test_loading_again_keeps_staff_edits_to_a_package_and_its_services():
    demo.load()
    going = ServicePackage.objects.get(slug="going-abroad")
    going.title_en = "Going abroad (edited by staff)"
    going.processing_days = 12
    going.full_clean()
    going.save()
    publishable_set_status(obj=going, status=PublishingStatus.DRAFT)
    apec, invitation, consular = going.items.order_by("position")
    consular.delete()
    apec.documents.order_by("position").first().delete()
    step = invitation.steps.order_by("position").first()
    step.title_es = "Paso editado"
    step.save()
    counts = {model.__name__: model.objects.count() for model in MODELS}

    demo.load()

    going.refresh_from_db()
    assert going.title_en == "Going abroad (edited by staff)"
    assert going.processing_days == 12
    assert going.status == PublishingStatus.DRAFT
    assert list(going.items.all()) == [apec, invitation]
    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    step.refresh_from_db()
    assert step.title_es == "Paso editado"


def test_a_deleted_package_is_created_again_with_its_services():
    demo.load()
    ServicePackage.objects.filter(slug="work-and-residence-permits").delete()
    going = ServicePackage.objects.get(slug="going-abroad")

    assert demo.load() == "created 1, kept 2 existing service packages"

    permits = ServicePackage.objects.get(slug="work-and-residence-permits")
    assert permits.position == 2
    assert permits.items.count() == 2
    for service in permits.items.all():
        assert service.documents.exists() and service.steps.exists()
    assert ServicePackage.objects.get(slug="going-abroad").updated_at == going.updated_at


def test_every_translated_field_is_filled_in_every_language():
    demo.load()
    for model in MODELS:
        rows = list(model.objects.all())
        assert rows, model.__name__
        for row in rows:
            for field in translated_fields(model):
                for lang in FIELD_SUFFIXES:
                    value = getattr(row, f"{field}_{lang}")
                    assert value and value.strip(), (model.__name__, row.pk, field, lang)
            row.full_clean()


def test_every_package_is_published_and_marked_as_sample_in_every_language():
    demo.load()
    for package in ServicePackage.objects.all():
        assert package.status == PublishingStatus.PUBLISHED
        assert package.is_published
        assert package.is_sample
        for lang, marker in SAMPLE_MARKERS.items():
            note = getattr(package, f"sample_note_{lang}").lower()
            assert SAMPLE_DATA[lang] in note, (package.slug, lang)
            # Fees and contact details are invented, and say so where they are shown.
            assert marker in getattr(package, f"fees_{lang}").lower(), (package.slug, lang)
            assert marker in getattr(package, f"contact_office_{lang}").lower(), (
                package.slug,
                lang,
            )
        assert "example.org" in package.contact_office_en


def test_going_abroad_has_its_three_services_in_order():
    demo.load()
    going = ServicePackage.objects.with_contents().get(slug="going-abroad")
    assert going.title_zh_hans == "助力企业“走出去”外事服务包"
    assert going.title_en == "Foreign Affairs Service Package Helping Enterprises Go Abroad"
    apec, invitation, consular = going.items.all()
    assert "APEC" in apec.title_en and apec.needs_travel_details
    assert "Invitation letter" in invitation.title_en
    assert consular.title_zh_hans == "领事保护与协助"
    assert "12308" in consular.description_en

    apec_documents = [document.name_en for document in apec.documents.all()]
    assert "Passport data page" in apec_documents
    assert "Business licence of the enterprise" in apec_documents
    assert "Proof of frequent business travel to APEC economies" in apec_documents
    assert any(not document.mandatory for document in apec.documents.all())

    invitation_documents = [document.name_en for document in invitation.documents.all()]
    assert "Copy of the invitee's passport" in invitation_documents
    assert "Itinerary of the visit" in invitation_documents
    assert "Business licence of the enterprise" in invitation_documents

    assert list(consular.documents.all()) == []
    assert len(consular.steps.all()) >= 3

    for service in (apec, invitation, consular):
        positions = [step.position for step in service.steps.all()]
        assert positions == list(range(1, len(positions) + 1))
        for document in service.documents.all():
            assert document.types, document.name_en


def test_permits_and_registration_packages():
    demo.load()
    permits = ServicePackage.objects.get(slug="work-and-residence-permits")
    assert "一窗通办" in permits.title_zh_hans
    assert [service.title_en for service in permits.items.all()] == [
        "Foreigner's Work Permit",
        "Residence permit for work",
    ]
    registration = ServicePackage.objects.get(slug="transnational-company-registration")
    assert registration.title_zh_hans == "跨国公司便利化登记服务"
    assert registration.items.count() == 2
    for package in (permits, registration):
        for service in package.items.all():
            assert service.documents.exists() and service.steps.exists()


def test_processing_times_are_plausible():
    demo.load()
    for package in ServicePackage.objects.all():
        assert 1 <= package.processing_days <= 30
        for service in package.items.all():
            if service.processing_days is not None:
                assert service.processing_days <= package.processing_days, service.title_en


def test_requests_keep_their_services_when_the_demo_is_loaded_again():
    demo.load()
    going = ServicePackage.objects.get(slug="going-abroad")
    service_request = submit(going, items=list(going.items.all()[:2]))
    document_ids = set(RequiredDocument.objects.values_list("pk", flat=True))

    demo.load()

    assert service_request.items.count() == 2
    assert set(RequiredDocument.objects.values_list("pk", flat=True)) == document_ids


def test_the_demo_pages_render_in_every_language(client):
    demo.load()
    for code in CODES:
        listing = client.get(f"/{code}/services/").content.decode()
        for package in ServicePackage.objects.all():
            assert f'href="/{code}/services/{package.slug}/"' in listing
            response = client.get(f"/{code}/services/{package.slug}/")
            assert response.status_code == 200
            html = response.content.decode()
            assert "fallback-notice" not in html, (code, package.slug)
            assert 'class="sample-badge"' in html
            assert 'href="https://www.' in html  # the policy links
