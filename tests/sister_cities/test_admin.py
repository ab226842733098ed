"""The partner admin: columns, search in every language, tabs, inlines, actions, permissions."""

import html
import re
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from apps.core.documents import MESSAGES
from apps.core.models import PublishingStatus
from apps.sister_cities.models import Agreement, SisterCity
from tests.core.test_pdf_validation import HTML_WITH_PDF_HEADER, encrypted, launch_on_open
from tests.languages import FIELD_SUFFIXES

from .factories import (
    PDF_BYTES,
    AgreementFactory,
    GalleryImageFactory,
    SisterCityFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/sister_cities/sistercity/"


@pytest.fixture(autouse=True)
def _admin_in_english(client, admin_client):
    for each in (client, admin_client):
        each.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def change_form_data(city: SisterCity, **changes) -> dict:
    """What the change form posts back for `city` unchanged, with `changes` applied."""
    data = {
        "slug": city.slug,
        "native_name": city.native_name,
        "country": city.country.code,
        "kind": city.kind,
        "established_on": city.established_on.isoformat(),
        "relationship_status": city.relationship_status,
        "status": city.status,
        "latitude": "" if city.latitude is None else str(city.latitude),
        "longitude": "" if city.longitude is None else str(city.longitude),
        "website": city.website,
        "publish_at_0": "",
        "publish_at_1": "",
        "agreements-TOTAL_FORMS": "0",
        "agreements-INITIAL_FORMS": "0",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "1000",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    for lang in FIELD_SUFFIXES:
        for field in ("name", "region", "summary", "body", "contact_office", "sample_note"):
            data[f"{field}_{lang}"] = getattr(city, f"{field}_{lang}") or ""
        data[f"hero_image_alt_{lang}"] = ""
    data.update(changes)
    return data


# The list


def test_changelist_columns(admin_client):
    SisterCityFactory(
        name_en="Nakano",
        country="JP",
        kind=SisterCity.Kind.FRIENDSHIP_CITY,
        established_on=date(1986, 11, 1),
    )
    city = SisterCity.objects.get()
    html = admin_client.get(CHANGELIST).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "name",
        "native_name",
        "country",
        "kind",
        "years_column",
        "next_anniversary_column",
        "relationship_status",
        "status",
        "translation_completeness",
    ]
    row = re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)
    assert "Nakano" in row
    assert "Japan" in row
    assert "Friendship city" in row
    assert f'<td class="field-years_column">{city.years_of_ties()}</td>' in row
    anniversary = city.next_anniversary()
    assert f"{anniversary.years} · {anniversary.date:%Y-%m-%d}" in row
    assert "Published" in row
    percent = round(100 * 2 / len(FIELD_SUFFIXES))  # name: 2 of all languages
    assert f'<td class="field-translation_completeness">{percent}%</td>' in row


@pytest.mark.parametrize("query", ["東京都中野区", "Nakano", "Накано", "nakano", "中野区"])
def test_search_finds_a_partner_in_any_language(admin_client, query):
    SisterCityFactory(
        slug="nakano",
        name_zh_hans="东京都中野区",
        name_en="Nakano City, Tokyo",
        name_ja="東京都中野区",
        name_ru="Накано (Токио)",
        native_name="中野区",
    )
    SisterCityFactory(slug="minsk", name_zh_hans="明斯克", name_en="Minsk")
    html = admin_client.get(CHANGELIST, {"q": query}).content.decode()
    assert "/admin/sister_cities/sistercity/" in html
    assert "1 result" in html
    assert "Minsk" not in re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)


def test_search_by_japanese_name_while_working_in_chinese(admin_client):
    SisterCityFactory(name_zh_hans="东京都中野区", name_en="Nakano", name_ja="東京都中野区")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = admin_client.get(CHANGELIST, {"q": "東京都"}).content.decode()
    assert "东京都中野区" in re.search(r"<tbody>.*?</tbody>", html, re.DOTALL).group(0)


# The forms


def test_add_form_has_a_tab_input_for_every_language(admin_client):
    html = admin_client.get(CHANGELIST + "add/").content.decode()
    for lang in FIELD_SUFFIXES:
        for field in ("name", "region", "summary", "body"):
            assert f'name="{field}_{lang}"' in html
    assert 'name="name"' not in html  # never the original column
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert any(src.endswith("vendor/jquery-ui/jquery-ui.min.js") for src in scripts)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_change_form_has_the_agreements_and_gallery_inlines(admin_client):
    agreement = AgreementFactory(title_en="Memorandum of friendship")
    GalleryImageFactory(city=agreement.city, alt_en="Nakano Broadway")
    response = admin_client.get(f"{CHANGELIST}{agreement.city.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="agreements-TOTAL_FORMS" value="1"' in html
    assert 'value="Memorandum of friendship"' in html
    assert 'name="agreements-0-title_ja"' in html
    assert 'name="gallery-TOTAL_FORMS" value="1"' in html
    assert 'value="Nakano Broadway"' in html
    assert 'name="gallery-__prefix__-alt_ar"' in html
    assert "Japanese" in html  # the report of missing translations


def test_agreement_pdf_in_the_admin_links_to_the_checked_view(admin_client):
    """Private documents have no storage URL; the form links to the serving view."""
    agreement = AgreementFactory(internal=True)
    html = admin_client.get(f"{CHANGELIST}{agreement.city.pk}/change/").content.decode()
    url = agreement.get_document_url()
    assert f'<a href="{url}">agreement' in html
    assert admin_client.get(url).status_code == 200
    # Saving the partner unchanged keeps the document.
    data = change_form_data(
        agreement.city,
        **{
            "agreements-TOTAL_FORMS": "1",
            "agreements-INITIAL_FORMS": "1",
            "agreements-0-id": str(agreement.pk),
            "agreements-0-city": str(agreement.city.pk),
            "agreements-0-kind": agreement.kind,
            "agreements-0-signed_on": agreement.signed_on.isoformat(),
            "agreements-0-title_zh_hans": agreement.title_zh_hans,
            "agreements-0-title_en": agreement.title_en,
        },
    )
    response = admin_client.post(f"{CHANGELIST}{agreement.city.pk}/change/", data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.document
    assert agreement.is_public is False


# Actions


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("publish", {"draft": True}, PublishingStatus.PUBLISHED),
        ("unpublish", {}, PublishingStatus.DRAFT),
        ("archive", {}, PublishingStatus.ARCHIVED),
    ],
)
def test_publishing_actions(admin_client, action, start, end):
    chosen = [SisterCityFactory(**start), SisterCityFactory(**start)]
    untouched = SisterCityFactory(**start)
    response = admin_client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [city.pk for city in chosen]},
        follow=True,
    )
    assert response.status_code == 200
    for city in chosen:
        city.refresh_from_db()
        assert city.status == end
    before = untouched.status
    untouched.refresh_from_db()
    assert untouched.status == before
    assert "2 sister cities" in response.content.decode()


def test_content_editor_publishes_from_the_list(editor_client):
    city = SisterCityFactory(draft=True)
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    editor_client.post(CHANGELIST, {"action": "publish", "_selected_action": [city.pk]})
    city.refresh_from_db()
    assert city.status == PublishingStatus.PUBLISHED
    assert SisterCity.objects.published().filter(pk=city.pk).exists()


# Permissions


def test_service_desk_officer_cannot_see_or_change_partners(client, service_desk_officer):
    city = SisterCityFactory()
    client.force_login(service_desk_officer)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(f"{CHANGELIST}{city.pk}/change/").status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [city.pk]})
    assert response.status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/sister_cities/" not in index


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_content_editor_changes_a_partner(editor_client):
    city = SisterCityFactory(name_en="Nakano")
    url = f"{CHANGELIST}{city.pk}/change/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, change_form_data(city, name_ja="中野区", summary_fr="Ville jumelle.")
    )
    assert response.status_code == 302, re.findall(
        r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.DOTALL
    )
    city.refresh_from_db()
    assert city.name_ja == "中野区"
    assert city.summary_fr == "Ville jumelle."


def test_admin_form_refuses_one_coordinate(editor_client):
    city = SisterCityFactory(off_map=True)
    response = editor_client.post(
        f"{CHANGELIST}{city.pk}/change/", change_form_data(city, latitude="35.7")
    )
    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.content.decode()
    city.refresh_from_db()
    assert city.latitude is None


def test_anniversary_reminders_are_read_only(admin_client):
    assert admin_client.get("/admin/sister_cities/anniversarynotice/").status_code == 200
    assert admin_client.get("/admin/sister_cities/anniversarynotice/add/").status_code == 403


def _add_with_agreement(client, document):
    data = change_form_data(
        SisterCityFactory.build(slug="antwerp", name_zh_hans="安特卫普", name_en="Antwerp"),
        **{
            "status": PublishingStatus.DRAFT,
            "agreements-TOTAL_FORMS": "1",
            "agreements-0-kind": "agreement",
            "agreements-0-signed_on": "2004-05-17",
            "agreements-0-title_zh_hans": "友好合作协议",
            "agreements-0-title_en": "Agreement on friendly cooperation",
            "agreements-0-is_public": "on",
            "agreements-0-document": document,
        },
    )
    return client.post(f"{CHANGELIST}add/", data)


def test_editor_uploads_an_agreement_pdf(editor_client):
    response = _add_with_agreement(editor_client, pdf_upload("memorandum.pdf"))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.city.slug == "antwerp"
    assert agreement.document.name == "agreements/antwerp/memorandum.pdf"
    with agreement.document.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_admin_refuses_a_document_that_is_not_a_pdf(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _add_with_agreement(editor_client, SimpleUploadedFile("x.pdf", b"not a pdf"))
    assert response.status_code == 200
    assert "This file is not a PDF" in response.content.decode()
    assert not SisterCity.objects.exists()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (encrypted(), "protected with a password"),
        (encrypted().replace(b"/Encrypt", b"/Encr#79pt"), "protected with a password"),
        (launch_on_open(), "contains JavaScript or actions"),
        (HTML_WITH_PDF_HEADER, "damaged or incomplete"),
    ],
)
def test_admin_refuses_an_encrypted_or_active_agreement(editor_client, content, message):
    response = _add_with_agreement(editor_client, pdf_upload("memorandum.pdf", content))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Agreement.objects.exists()


def test_admin_refusal_is_in_the_editor_language(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = _add_with_agreement(editor_client, pdf_upload("memorandum.pdf", encrypted()))
    with translation.override("zh-hans"):
        expected = str(MESSAGES["pdf_encrypted"])
    assert expected in html.unescape(response.content.decode())
