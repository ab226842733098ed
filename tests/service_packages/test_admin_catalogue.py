"""The catalogue in the admin: packages with their services, each service's documents and
steps, accepted file types as boxes, search in every language, publishing, view on site."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from apps.core.models import PublishingStatus
from apps.service_packages.models import RequiredDocument, ServiceItem, ServicePackage
from tests.languages import FIELD_SUFFIXES

from .factories import item, package

pytestmark = pytest.mark.django_db
PACKAGES = "/admin/service_packages/servicepackage/"
ITEMS = "/admin/service_packages/serviceitem/"


@pytest.fixture(autouse=True)
def _admin_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


class _FormFields(HTMLParser):
    """The values a browser would send for the admin's change form, as the page shows them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
            elif kind not in ("submit", "button", "file", "image"):
                self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the newline Django puts after <textarea>.
            self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def form_data(client, url) -> dict:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    return {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}


def errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', response.content.decode(), re.S)


def tbody(html: str) -> str:
    return re.search(r"<tbody>.*?</tbody>", html, re.S).group(0)


# --- Packages ----------------------------------------------------------------------------------


def test_the_package_list(editor_client, going_abroad):
    package(title_en="Single window", title_zh_hans="单一窗口", status=PublishingStatus.DRAFT)
    html = editor_client.get(PACKAGES).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == [
        "title",
        "slug",
        "processing_days",
        "item_count",
        "status",
        "is_sample",
        "translation_completeness",
    ]
    rows = dict(re.findall(r">([^<>]+)</a></th>(.*?)</tr>", tbody(html), re.S))
    assert '<td class="field-item_count">3</td>' in rows["Going Abroad"]
    assert '<td class="field-item_count">0</td>' in rows["Single window"]
    assert "Draft" in rows["Single window"] and "Published" in rows["Going Abroad"]


def test_the_package_list_costs_the_same_for_few_or_many(editor_client, going_abroad):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert editor_client.get(PACKAGES).status_code == 200
        return len(context)

    few = queries()
    for n in range(5):
        item(package(), title=f"Service {n}")
    assert queries() == few


@pytest.mark.parametrize(
    ("column", "query"), [("title_fr", "Aller à l'étranger"), ("title_ja", "海外進出")]
)
def test_search_finds_a_package_by_its_title_in_any_language(editor_client, column, query):
    wanted = package(title_en="Going Abroad", **{column: query})
    package(title_en="Single window")
    html = editor_client.get(PACKAGES, {"q": query[:6]}).content.decode()
    assert f"{PACKAGES}{wanted.pk}/change/" in html
    assert "Single window" not in tbody(html)


def test_the_add_form_has_a_tab_for_every_language(editor_client):
    html = editor_client.get(PACKAGES + "add/").content.decode()
    for suffix in FIELD_SUFFIXES:
        for field in ("title", "summary", "audience", "description", "fees", "contact_office"):
            assert f'name="{field}_{suffix}"' in html, (field, suffix)
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html


def test_a_content_editor_adds_a_package_with_its_services(editor_client):
    data = form_data(editor_client, PACKAGES + "add/")
    data.update(
        {
            "title_zh_hans": "外国人工作居留单一窗口",
            "title_en": "Work and residence permit single window",
            "slug": "single-window",
            "processing_days": "7",
            "status": "draft",
            "position": "2",
            "items-TOTAL_FORMS": "2",
            "items-0-title_zh_hans": "工作许可",
            "items-0-title_en": "Work permit",
            "items-0-position": "1",
            "items-0-processing_days": "10",
            "items-1-title_zh_hans": "居留许可",
            "items-1-title_en": "Residence permit",
            "items-1-position": "0",
            "items-1-needs_travel_details": "on",
        }
    )
    response = editor_client.post(PACKAGES + "add/", data)
    assert response.status_code == 302, errors(response)
    created = ServicePackage.objects.get(slug="single-window")
    assert created.title_en == "Work and residence permit single window"
    assert created.status == PublishingStatus.DRAFT
    assert [
        (i.title_en, i.processing_days, i.needs_travel_details) for i in created.items.all()
    ] == [
        ("Residence permit", None, True),
        ("Work permit", 10, False),
    ]


def test_a_package_needs_its_chinese_title_and_a_processing_time(editor_client):
    data = form_data(editor_client, PACKAGES + "add/")
    data.update({"title_en": "No Chinese", "slug": "no-chinese", "processing_days": "0"})
    response = editor_client.post(PACKAGES + "add/", data)
    assert response.status_code == 200
    assert len(errors(response)) >= 2
    assert not ServicePackage.objects.filter(slug="no-chinese").exists()


def test_the_package_page_shows_its_services_and_links_to_the_site(editor_client, going_abroad):
    html = editor_client.get(f"{PACKAGES}{going_abroad.pk}/change/").content.decode()
    assert 'href="/en/services/going-abroad/"' in html  # view on site
    assert html.count('name="items-') > 0
    for suffix in FIELD_SUFFIXES:
        assert f'name="items-0-title_{suffix}"' in html
    first = going_abroad.items.first()
    assert f'href="{ITEMS}{first.pk}/change/' in html  # its documents and steps are there
    # The report names the languages still missing.
    assert "Japanese" in html and "missing translations" in html.lower()


def test_a_content_editor_edits_a_package_and_reorders_its_services(editor_client, going_abroad):
    url = f"{PACKAGES}{going_abroad.pk}/change/"
    data = form_data(editor_client, url)
    data["fees_en"] = "Free of charge."
    data["items-2-position"] = "0"
    data["items-0-position"] = "5"
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors(response)
    going_abroad.refresh_from_db()
    assert going_abroad.fees_en == "Free of charge."
    assert [i.title_en for i in going_abroad.items.all()] == [
        "Consular protection",
        "Invitation letter for a Chinese visa",
        "APEC Business Travel Card",
    ]


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("publish", PublishingStatus.DRAFT, PublishingStatus.PUBLISHED),
        ("unpublish", PublishingStatus.PUBLISHED, PublishingStatus.DRAFT),
        ("archive", PublishingStatus.PUBLISHED, PublishingStatus.ARCHIVED),
    ],
)
def test_publishing_actions(editor_client, action, start, end):
    subject = package(status=start)
    response = editor_client.post(
        PACKAGES, {"action": action, "_selected_action": [subject.pk]}, follow=True
    )
    assert response.status_code == 200
    subject.refresh_from_db()
    assert subject.status == end


# --- Services: documents and steps -------------------------------------------------------------


def test_the_service_list_filters_by_package_and_searches_every_language(
    editor_client, going_abroad
):
    other = package(title_en="Single window")
    permit = item(other, title="Work permit", title_ru="Разрешение на работу")
    html = editor_client.get(ITEMS).content.decode()
    assert "Single window" in html
    rows = tbody(editor_client.get(ITEMS, {"package__id__exact": other.pk}).content.decode())
    assert "Work permit" in rows and "APEC" not in rows
    rows = tbody(editor_client.get(ITEMS, {"q": "Разрешение"}).content.decode())
    assert f"{ITEMS}{permit.pk}/change/" in rows and "APEC" not in rows


def _apec(going_abroad) -> ServiceItem:
    return going_abroad.items.get(title_en="APEC Business Travel Card")


def test_the_accepted_types_are_boxes_ticked_as_stored(editor_client, going_abroad):
    apec = _apec(going_abroad)
    html = editor_client.get(f"{ITEMS}{apec.pk}/change/").content.decode()
    ticked = re.findall(
        r'<input type="checkbox" name="documents-(\d)-accepted_types" value="(\w+)"'
        r"[^>]*checked",
        html,
    )
    # "Passport copy" takes all three, "Business licence" only PDF.
    assert sorted(ticked) == [("0", "jpeg"), ("0", "pdf"), ("0", "png"), ("1", "pdf")]
    for suffix in FIELD_SUFFIXES:
        assert f'name="documents-0-name_{suffix}"' in html
        assert f'name="steps-0-title_{suffix}"' in html
    assert 'href="/en/services/going-abroad/"' in html


def test_the_ticked_boxes_are_stored_as_the_comma_list(editor_client, going_abroad):
    apec = _apec(going_abroad)
    url = f"{ITEMS}{apec.pk}/change/"
    data = form_data(editor_client, url)
    data["documents-1-accepted_types"] = ["pdf", "png"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors(response)
    licence = apec.documents.get(name_en="Business licence")
    assert licence.accepted_types == "pdf,png"
    assert licence.types == ["pdf", "png"]


@pytest.mark.parametrize(
    ("ticked", "message"),
    [
        ([], "Tick at least one file type."),
        (["pdf", "exe"], "Select a valid choice. exe is not one of the available choices."),
    ],
)
def test_the_accepted_types_are_checked(editor_client, going_abroad, ticked, message):
    apec = _apec(going_abroad)
    url = f"{ITEMS}{apec.pk}/change/"
    data = form_data(editor_client, url)
    data.pop("documents-1-accepted_types")
    if ticked:
        data["documents-1-accepted_types"] = ticked
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert apec.documents.get(name_en="Business licence").accepted_types == "pdf"


def test_a_content_editor_adds_a_document_and_a_step(editor_client, going_abroad):
    apec = _apec(going_abroad)
    url = f"{ITEMS}{apec.pk}/change/"
    data = form_data(editor_client, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "3",
            "documents-2-item": str(apec.pk),
            "documents-2-name_zh_hans": "在职证明",
            "documents-2-name_en": "Proof of employment",
            "documents-2-accepted_types": ["pdf", "jpeg"],
            "documents-2-position": "2",
            "steps-TOTAL_FORMS": "4",
            "steps-3-item": str(apec.pk),
            "steps-3-title_zh_hans": "领取",
            "steps-3-title_en": "Collect the card",
            "steps-3-position": "3",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors(response)
    added = RequiredDocument.objects.get(name_en="Proof of employment")
    assert (added.item, added.accepted_types, added.mandatory) == (apec, "pdf,jpeg", False)
    assert [s.title_en for s in apec.steps.all()] == [
        "Submit",
        "Review",
        "Card issued",
        "Collect the card",
    ]


def test_a_new_document_row_left_alone_is_not_saved(editor_client, going_abroad):
    """The extra row starts with all three boxes ticked; untouched, it is skipped."""
    apec = _apec(going_abroad)
    url = f"{ITEMS}{apec.pk}/change/"
    data = form_data(editor_client, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "3",
            "documents-2-item": str(apec.pk),
            "documents-2-accepted_types": ["pdf", "jpeg", "png"],
            "documents-2-mandatory": "on",
            "documents-2-position": "0",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors(response)
    assert apec.documents.count() == 2


def test_a_slug_taken_by_another_page_is_refused(editor_client):
    data = form_data(editor_client, PACKAGES + "add/")
    data.update({"title_zh_hans": "跟踪", "slug": "track", "processing_days": "5"})
    response = editor_client.post(PACKAGES + "add/", data)
    assert response.status_code == 200
    assert "This address is taken by another page; choose another slug." in (
        response.content.decode()
    )
    assert not ServicePackage.objects.filter(slug="track").exists()
