"""The public catalogue: the list of packages and a package's page with its documents,
steps, fees and contacts, in every language, with previews, structured data and a
constant number of queries."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.content import content_version
from apps.core.models import PublishingStatus
from apps.service_packages.models import RequiredDocument, ServicePackage, ServiceStep
from tests.languages import CODES, FIELD_SUFFIXES
from tests.sitemaps import page_dates, site_date
from tests.venues.kept_pages import (
    assert_kept_is_plain,
    captured_sql,
    page,
    select_from,
    selected_columns,
)

from .conftest import SITE_URL
from .factories import item, package

pytestmark = pytest.mark.django_db


def get(client, path, status=200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def section(html: str, title_id: str) -> str:
    """The markup of the <section> whose heading has `title_id`."""
    start = html.index(f'id="{title_id}"')
    return html[start : html.index("</section>", start)]


def json_ld(html: str) -> dict:
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload)


def translated(**values):
    """Every language of each field given as `field=text`, marked with the language."""
    return {
        f"{field}_{suffix}": f"{text} [{code}]"
        for field, text in values.items()
        for code, suffix in zip(CODES, FIELD_SUFFIXES, strict=True)
    }


# --- The list ----------------------------------------------------------------------------


def test_list_shows_published_packages_in_order_with_their_facts(client):
    second = package(slug="second", position=2, processing_days=1, title_en="Second")
    first = package(
        slug="first",
        position=1,
        processing_days=10,
        title_en="First",
        summary_en="What the first package does.",
        audience_en="Enterprises going abroad.",
    )
    item(first, title="APEC card")
    item(first, title="Consular protection")
    package(slug="hidden", status=PublishingStatus.DRAFT, title_en="Hidden draft")
    package(slug="later", publish_at=timezone.now() + timedelta(days=1), title_en="Not yet")

    html = get(client, "/en/services/")

    assert html.index("First") < html.index("Second")
    assert "Hidden draft" not in html and "Not yet" not in html
    card = html[html.index('id="package-first"') : html.index('id="package-second"')]
    assert "What the first package does." in card
    assert "Who it is for" in card and "Enterprises going abroad." in card
    assert "10 working days" in card
    assert card.index("APEC card") < card.index("Consular protection")
    assert f'href="{first.get_absolute_url()}"' in card
    assert f'href="{first.get_apply_url()}"' in card
    assert "1 working day<" in html[html.index('id="package-second"') :]
    assert second.get_absolute_url() in html
    assert 'href="/en/services/track/"' in html
    assert "Follow a request" in html


@pytest.mark.parametrize("code", ["zh-hans", "fr", "ar"])
def test_list_speaks_the_visitor_language(client, code):
    package(slug="going-abroad", **translated(title="Going Abroad", summary="Three services"))

    html = get(client, f"/{code}/services/")

    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert f"Going Abroad [{code}]" in html
    assert f"Three services [{code}]" in html
    assert f'href="/{code}/services/going-abroad/"' in html
    assert f'href="/{code}/services/track/"' in html
    assert "fallback-notice" not in html


def test_list_without_packages_says_so(client):
    html = get(client, "/en/services/")
    assert "No service package is published yet" in html
    assert 'href="/en/services/track/"' in html


def test_list_answers_only_safe_methods(client):
    assert client.post("/en/services/").status_code == 405


# --- A package's page --------------------------------------------------------------------


@pytest.fixture
def going_abroad_full():
    going = package(
        slug="going-abroad",
        processing_days=15,
        is_sample=True,
        **translated(
            title="Going Abroad",
            summary="Three services in one package",
            audience="Enterprises of Xicheng",
            description="The **package** explained",
            fees="Free of charge",
            legal_basis="- [Exit and Entry Law](https://www.nia.gov.cn/)",
            contact_office="Foreign Affairs Office\nPhone: +86 10 0000 0000",
            sample_note="Document lists are sample data",
        ),
    )
    apec = item(
        going,
        title="APEC Business Travel Card",
        processing_days=20,
        documents=[
            ("Passport data page", True, "pdf,jpeg,png"),
            ("Business licence", True, "pdf"),
            ("Employment contract", False, "pdf"),
        ],
        steps=["Check eligibility", "Send the request", "Review", "Collect the card"],
    )
    RequiredDocument.objects.filter(item=apec, name_en="Passport data page").update(
        description_en="A clear scan of the passport."
    )
    ServiceStep.objects.filter(item=apec, title_en="Review").update(
        description_en="The district checks the documents."
    )
    item(going, title="Consular protection", steps=["Call 12308"])
    return going


def test_page_shows_every_fact_of_the_package(client, going_abroad_full):
    html = get(client, "/en/services/going-abroad/")

    assert '<h1 lang="en">Going Abroad [en]</h1>' in html
    assert "Three services in one package [en]" in html
    assert "Enterprises of Xicheng [en]" in section(html, "audience-title")
    assert "<strong>package</strong> explained" in html
    assert "15 working days" in html
    assert "Free of charge [en]" in html
    assert "Foreign Affairs Office<br>Phone: +86 10 0000 0000 [en]" in html
    legal = section(html, "legal-title")
    assert (
        '<a href="https://www.nia.gov.cn/" rel="noopener noreferrer">Exit and Entry Law</a>'
        in legal
    )
    assert f'href="{going_abroad_full.get_apply_url()}"' in html
    assert 'href="/en/services/track/"' in html
    # Breadcrumbs lead back to the catalogue.
    crumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert 'href="/en/"' in crumbs and 'href="/en/services/"' in crumbs
    assert 'aria-current="page" dir="auto">Going Abroad [en]' in crumbs


def test_page_lists_documents_and_steps_of_each_service_in_order(client, going_abroad_full):
    html = get(client, "/en/services/going-abroad/")

    apec = section(html, "service-1-title")
    assert "APEC Business Travel Card" in apec
    assert "20 working days" in apec
    documents = re.findall(r'<li class="document">\s*<strong lang="en">([^<]+)</strong>', apec)
    assert documents == ["Passport data page", "Business licence", "Employment contract"]
    assert "A clear scan of the passport." in apec
    steps_html = apec[apec.index("<ol") : apec.index("</ol>")]
    steps = re.findall(r'<li><strong lang="en">([^<]+)</strong>', steps_html)
    assert steps == ["Check eligibility", "Send the request", "Review", "Collect the card"]
    assert "The district checks the documents." in steps_html

    consular = section(html, "service-2-title")
    assert "Consular protection" in consular
    assert "No documents are needed for this service." in consular
    assert "Call 12308" in consular
    assert "working day" not in consular


def test_page_marks_documents_mandatory_or_optional_with_their_file_types(
    client, going_abroad_full
):
    html = get(client, "/en/services/going-abroad/")

    entries = re.findall(r'<li class="document">(.*?)</li>', html, re.S)
    marks = {
        re.search(r"<strong[^>]*>([^<]+)</strong>", entry).group(1): entry for entry in entries
    }
    assert "Mandatory" in marks["Passport data page"]
    assert "Optional" not in marks["Passport data page"]
    assert "Optional" in marks["Employment contract"]
    assert "Mandatory" not in marks["Employment contract"]
    assert "Accepted files: PDF, JPEG, PNG" in marks["Passport data page"]
    assert "Accepted files: PDF</small>" in marks["Business licence"]


@pytest.mark.parametrize("code", ["zh-hans", "fr", "ar"])
def test_page_in_the_visitor_language(client, going_abroad_full, code):
    html = get(client, f"/{code}/services/going-abroad/")

    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert f'<h1 lang="{code}">Going Abroad [{code}]</h1>' in html
    assert f"Free of charge [{code}]" in html
    assert f'href="/{code}/services/going-abroad/apply/"' in html
    # Only the two services are named in Chinese and English alone.
    assert html.count('class="fallback-notice"') == (0 if code == "zh-hans" else 2)
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    for other in CODES:
        assert links[other] == f"{settings.SITE_URL}/{other}/services/going-abroad/"


def test_page_says_when_content_falls_back(client):
    going = package(
        slug="going-abroad",
        title_zh_hans="走出去",
        title_en="Going Abroad",
        title_fr="Aller à l'étranger",
        summary_zh_hans="三项服务",
        summary_en="Three services",
    )
    item(going, title="APEC card", documents=[("Passport", True, "pdf")], steps=["Submit"])

    html = get(client, "/fr/services/going-abroad/")

    assert '<h1 lang="fr">Aller à l&#x27;étranger</h1>' in html
    assert '<p class="lead" lang="en">Three services</p>' in html
    assert html.count('class="fallback-notice"') == 2  # the summary and the service's title
    assert '<strong lang="en">Passport</strong>' in html

    html = get(client, "/ar/services/going-abroad/")
    assert '<h1 lang="en">Going Abroad</h1>' in html


def test_sample_package_says_which_facts_are_sample(client, going_abroad_full):
    html = get(client, "/en/services/going-abroad/")
    banner = html[html.index('class="sample-badge"') :]
    banner = banner[: banner.index("</p>")]
    assert "sample data for the demonstration site" in banner
    assert "Document lists are sample data [en]" in banner

    listing = get(client, "/en/services/")
    assert "Contains sample data" in listing


def test_package_without_sample_data_has_no_banner(client):
    package(slug="real")
    assert 'class="sample-badge"' not in get(client, "/en/services/real/")


def test_structured_data_is_a_government_service(client, going_abroad_full):
    data = json_ld(get(client, "/fr/services/going-abroad/"))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Going Abroad [fr]"
    assert data["description"] == "Three services in one package [fr]"
    assert data["url"] == f"{SITE_URL}/fr/services/going-abroad/"
    assert data["serviceType"] == ["APEC Business Travel Card", "Consular protection"]
    assert data["provider"]["@type"] == "GovernmentOrganization"
    assert data["provider"]["name"]
    assert data["areaServed"]["@type"] == "City"
    assert data["audience"] == {
        "@type": "BusinessAudience",
        "audienceType": "Enterprises of Xicheng [fr]",
    }
    channel = data["availableChannel"]
    assert channel["@type"] == "ServiceChannel"
    assert channel["serviceUrl"] == f"{SITE_URL}/fr/services/going-abroad/apply/"
    assert channel["processingTime"] == "P15D"


def test_structured_data_in_english_names_the_district_government(client, going_abroad_full):
    data = json_ld(get(client, "/en/services/going-abroad/"))
    assert data["provider"]["name"] == "Xicheng District People's Government"
    assert data["areaServed"]["name"] == "Beijing"


def test_script_in_content_is_escaped_everywhere(client):
    evil = "</script><script>alert(1)</script>"
    going = package(slug="evil", title_en=evil, summary_en=evil, fees_en=evil)
    item(going, title=evil, documents=[(evil, True, "pdf")], steps=[evil])

    html = get(client, "/en/services/evil/")
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == evil
    assert "<script>alert(1)" not in get(client, "/en/services/")


# --- Drafts and previews -----------------------------------------------------------------


@pytest.mark.parametrize("status", [PublishingStatus.DRAFT, PublishingStatus.ARCHIVED, "scheduled"])
def test_unpublished_package_is_not_found_by_visitors(client, status):
    if status == "scheduled":
        package(slug="soon", publish_at=timezone.now() + timedelta(days=1))
    else:
        package(slug="soon", status=status)
    get(client, "/en/services/soon/", status=404)


def test_staff_who_edit_packages_see_a_preview(editor_client):
    draft = package(slug="draft", status=PublishingStatus.DRAFT, title_en="Draft package")
    item(draft, title="APEC card", documents=[("Passport", True, "pdf")])

    html = get(editor_client, "/en/services/draft/")

    assert "Draft package" in html
    assert 'class="preview-banner"' in html
    assert '<meta name="robots" content="noindex">' in html
    # Requests open only once the package is published.
    assert f'href="{draft.get_apply_url()}"' not in html
    assert "Draft package" not in get(editor_client, "/en/services/")


def test_service_desk_officers_do_not_preview_packages(officer_client):
    package(slug="draft", status=PublishingStatus.DRAFT)
    get(officer_client, "/en/services/draft/", status=404)


def test_published_page_is_not_a_preview(client, going_abroad_full):
    html = get(client, "/en/services/going-abroad/")
    assert 'class="preview-banner"' not in html
    assert 'name="robots"' not in html


def test_unknown_package_is_not_found(client):
    get(client, "/en/services/no-such-package/", status=404)


# --- Slugs ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["track", "requests"])
def test_slugs_of_other_pages_are_refused(slug):
    candidate = ServicePackage(title_zh_hans="服务包", slug=slug, processing_days=5)
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert "slug" in error.value.message_dict


# --- Queries -----------------------------------------------------------------------------


def add_packages(count: int, start: int = 0) -> list[ServicePackage]:
    """`count` published packages, each with services, documents and steps."""
    made = []
    for number in range(start, start + count):
        going = package(slug=f"bulk-{number:03d}", position=number)
        for service in range(1 + number % 3):
            item(
                going,
                title=f"Service {number}-{service}",
                documents=[(f"Document {n}", n % 2 == 0, "pdf,png") for n in range(3)],
                steps=[f"Step {n}" for n in range(4)],
            )
        made.append(going)
    return made


def queries(client, url: str) -> int:
    # The content version is read at most once a second per process, not per page.
    content_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_list_reads_the_database_a_fixed_number_of_times(client):
    add_packages(2)
    few = queries(client, "/en/services/")
    add_packages(28, start=2)
    many = queries(client, "/en/services/")
    assert many == few
    assert few <= 2


def test_page_reads_the_database_a_fixed_number_of_times(client):
    small = package(slug="small")
    item(small, title="One", documents=[("Passport", True, "pdf")], steps=["Submit"])
    large = package(slug="large")
    for number in range(30):
        item(
            large,
            title=f"Service {number}",
            documents=[(f"Document {n}", n % 2 == 0, "pdf,png") for n in range(5)],
            steps=[f"Step {n}" for n in range(6)],
        )
    assert queries(client, "/en/services/large/") == queries(client, "/en/services/small/")
    assert queries(client, "/en/services/small/") <= 4


def test_preview_reads_the_database_a_fixed_number_of_times(editor_client):
    add_packages(2)
    draft = package(slug="draft", status=PublishingStatus.DRAFT)
    item(draft, title="One", documents=[("Passport", True, "pdf")], steps=["Submit"])
    few = queries(editor_client, "/en/services/draft/")
    for number in range(20):
        item(draft, title=f"More {number}", documents=[("Doc", False, "pdf")], steps=["A", "B"])
    assert queries(editor_client, "/en/services/draft/") == few


# --- Links from the rest of the site and the sitemap -------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_header_and_home_page_lead_to_the_catalogue(client, home_page, code):
    home = get(client, f"/{code}/")
    nav = home[home.index('<nav class="site-nav"') : home.index("</nav>", home.index("site-nav"))]
    assert f'href="/{code}/services/"' in nav
    services = section(home, "services-title")
    assert f'href="/{code}/services/' in services

    listing = get(client, f"/{code}/services/")
    nav = listing[listing.index('<nav class="site-nav"') :]
    assert f'<a href="/{code}/services/" aria-current="page">' in nav


def test_sitemap_lists_the_catalogue_and_published_packages(client):
    going = package(slug="going-abroad")
    package(slug="draft-package", status=PublishingStatus.DRAFT)
    package(slug="future-package", publish_at=timezone.now() + timedelta(days=1))

    index = get(client, "/sitemap.xml")
    assert "/sitemap-services.xml</loc>" in index

    xml = get(client, "/sitemap-services.xml")
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    for code in CODES:
        assert f"/{code}/services/" in locations
        assert f"/{code}/services/going-abroad/" in locations
        assert re.search(
            rf'hreflang="{code}" href="https?://[^/]+/{code}/services/going-abroad/"', xml
        )
    assert len(locations) == 2 * len(CODES)
    assert "draft-package" not in xml and "future-package" not in xml
    assert page_dates(xml, "services/going-abroad/") == {site_date(going.updated_at)}


# --- Kept renderings and columns (issue 14, item 3) --------------------------------------


@pytest.mark.parametrize("code", ["en", "zh-hans", "ja", "ar"])
@pytest.mark.parametrize("path", ["/{code}/services/", "/{code}/services/going-abroad/"])
def test_kept_renderings_are_the_plain_ones(client, settings, going_abroad_full, path, code):
    html = assert_kept_is_plain(client, settings, path.format(code=code))
    assert f"Going Abroad [{code}]" in html


def test_kept_renderings_are_used(client, going_abroad_full, django_assert_max_num_queries):
    for path in ("/en/services/", "/en/services/going-abroad/"):
        get(client, path)
        with django_assert_max_num_queries(1):
            get(client, path)


def test_an_edit_or_a_publishing_date_shows_at_once(client, going_abroad_full):
    assert "Going Abroad [en]" in page(client, "/en/services/")
    going_abroad_full.title_en = "Going Further"
    going_abroad_full.save()
    for path in ("/en/services/", "/en/services/going-abroad/"):
        assert "Going Further" in page(client, path)
    package(slug="later", publish_at=timezone.now() + timedelta(days=1), title_en="Not yet")
    assert "Not yet" not in page(client, "/en/services/")
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert "Not yet" in page(client, "/en/services/")


def test_a_preview_is_kept_apart_from_the_published_page(editor_client):
    draft = package(slug="draft", status=PublishingStatus.DRAFT, title_en="Draft")
    waiting = "Requests open once the package is published."
    assert waiting in page(editor_client, "/en/services/draft/")
    draft.status = PublishingStatus.PUBLISHED
    draft.publish_at = timezone.now() + timedelta(days=1)
    draft.save()
    assert waiting in page(editor_client, "/en/services/draft/")
    # Published when its time comes, with no edit: the same version, not the same page.
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        html = page(editor_client, "/en/services/draft/")
    assert waiting not in html and 'href="/en/services/draft/apply/"' in html


def test_the_list_and_a_page_read_only_their_columns(client, going_abroad_full):
    languages = ("ja", "en", "zh_hans")

    def translated(*fields):
        return {f"{field}_{code}" for field in fields for code in languages}

    sql = captured_sql(client, "/ja/services/")
    (packages,) = select_from(sql, "service_packages_servicepackage")
    assert selected_columns(packages, "service_packages_servicepackage") == {
        *("id", "slug", "processing_days", "image", "is_sample"),
        *translated("title", "summary", "audience"),
    }
    (items,) = select_from(sql, "service_packages_serviceitem")
    assert selected_columns(items, "service_packages_serviceitem") == {
        "id",
        "package_id",
        *translated("title"),
    }
    sql = captured_sql(client, "/ja/services/going-abroad/")
    (one,) = select_from(sql, "service_packages_servicepackage")
    columns = selected_columns(one, "service_packages_servicepackage")
    assert translated("title", "legal_basis", "fees") <= columns
    assert not {"created_at", "position", "title_fr", "fees_ar", "title"} & columns
    (documents,) = select_from(sql, "service_packages_requireddocument")
    assert selected_columns(documents, "service_packages_requireddocument") == {
        *("id", "item_id", "mandatory", "accepted_types"),
        *translated("name", "description"),
    }
