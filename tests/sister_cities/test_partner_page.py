"""A partner's page: facts, text and fallbacks, agreements and their PDFs, gallery, previews,
structured data, and the exchange activities other apps attach."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from tests.events.factories import make_event

from .factories import (
    PDF_BYTES,
    AgreementFactory,
    GalleryImageFactory,
    SisterCityFactory,
    jpeg_bytes,
)

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def nakano():
    return SisterCityFactory(
        slug="nakano",
        name_zh_hans="东京都中野区",
        name_en="Nakano City, Tokyo",
        name_ja="東京都中野区",
        native_name="中野区",
        country="JP",
        region_en="Tokyo",
        established_on=date(1986, 11, 1),
        latitude=Decimal("35.70735"),
        longitude=Decimal("139.66380"),
        summary_zh_hans="西城区与东京都中野区的友好关系已走过三十五年。",
        summary_en="Sister cities for over thirty-five years.",
        website="https://www.city.tokyo-nakano.lg.jp/",
    )


def page(client, city, lang="en", status=200) -> str:
    response = client.get(f"/{lang}/sister-cities/{city.slug}/")
    assert response.status_code == status
    return response.content.decode()


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def facts(html: str) -> str:
    return re.search(r'<aside class="facts".*?</aside>', html, re.DOTALL).group(0)


# Facts and text


def test_facts_panel(client, nakano):
    html = facts(page(client, nakano))
    assert "<dd>Japan</dd>" in html
    assert "<dd>Asia</dd>" in html
    today = timezone.localdate()
    expected_years = nakano.years_of_ties(today)
    anniversary = nakano.next_anniversary(today)
    assert f"<dt>Years of ties</dt><dd>{expected_years}</dd>" in html
    assert f"{anniversary.years} years" in html
    assert f'<time datetime="{anniversary.date:%Y-%m-%d}">' in html
    assert '<time datetime="1986-11-01">' in html
    assert 'href="https://www.city.tokyo-nakano.lg.jp/" rel="noopener noreferrer"' in html


@pytest.mark.parametrize(("code", "country"), [("fr", "Japon"), ("ru", "Япония"), ("ja", "日本")])
def test_country_name_is_in_the_page_language(client, nakano, code, country):
    assert f"<dd>{country}</dd>" in facts(page(client, nakano, code))


@pytest.mark.parametrize("code", CODES)
def test_partner_page_in_every_language(client, nakano, code):
    html = page(client, nakano, code)
    assert f'<html lang="{code}"' in html
    # Named in Chinese, English and Japanese; the other languages read the English name.
    shown = code if code in ("zh-hans", "en", "ja") else "en"
    with translation.override(code):
        assert f'<h1 lang="{shown}">{nakano.name}</h1>' in html


def test_body_is_sanitised_markdown(client):
    city = SisterCityFactory(
        body_en="A **memorandum** was signed.\n\n<script>alert(1)</script>\n\n"
        '[site](javascript:alert(2)) <img src=x onerror="alert(3)">'
    )
    html = page(client, city)
    assert "<strong>memorandum</strong>" in html
    assert "<script>alert(1)" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_missing_translation_falls_back_with_a_notice(client, nakano):
    html = page(client, nakano, "fr")
    assert '<p class="lead" lang="en">Sister cities for over thirty-five years.</p>' in html
    assert 'class="fallback-notice"' in html
    # The name has no French version either, and says so.
    assert '<h1 lang="en">Nakano City, Tokyo</h1>' in html


def test_no_fallback_notice_when_everything_is_translated(client):
    city = SisterCityFactory(name_en="Nakano", name_fr="Nakano", summary_fr="Jumelées.")
    assert "fallback-notice" not in page(client, city, "fr")


def test_chinese_only_partner_falls_back_to_chinese(client):
    city = SisterCityFactory(name_zh_hans="明斯克", name_en="")
    html = page(client, city, "ar")
    assert '<h1 lang="zh-hans">明斯克</h1>' in html
    assert 'class="fallback-notice"' in html


# Agreements and their documents


def test_public_agreements_are_listed_and_internal_ones_are_not(client, nakano):
    AgreementFactory(city=nakano, title_en="Memorandum on friendly cooperation")
    AgreementFactory(city=nakano, title_en="Internal negotiation notes", internal=True)
    html = page(client, nakano)
    assert "Memorandum on friendly cooperation" in html
    assert "Internal negotiation notes" not in html


def test_public_agreement_document_is_served(client, nakano):
    agreement = AgreementFactory(city=nakano)
    html = page(client, nakano)
    url = agreement.get_document_url()
    assert f'href="{url}" type="application/pdf"' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_internal_agreement_document_is_for_staff_only(client, nakano, content_editor):
    agreement = AgreementFactory(city=nakano, internal=True)
    url = f"/en/sister-cities/nakano/agreements/{agreement.pk}.pdf"
    assert client.get(url).status_code == 404
    client.force_login(content_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_internal_agreement_document_is_hidden_from_other_staff(
    client, nakano, service_desk_officer
):
    agreement = AgreementFactory(city=nakano, internal=True)
    client.force_login(service_desk_officer)
    assert client.get(agreement.get_document_url()).status_code == 404


def test_documents_of_an_unpublished_partner_are_hidden(client, content_editor):
    agreement = AgreementFactory(city=SisterCityFactory(draft=True))
    assert client.get(agreement.get_document_url()).status_code == 404
    client.force_login(content_editor)
    assert client.get(agreement.get_document_url()).status_code == 200


def test_document_url_needs_the_right_partner(client, nakano):
    agreement = AgreementFactory(city=nakano)
    other = SisterCityFactory(slug="other")
    assert (
        client.get(f"/en/sister-cities/{other.slug}/agreements/{agreement.pk}.pdf").status_code
        == 404
    )
    assert (
        client.get(f"/en/sister-cities/nakano/agreements/{agreement.pk + 1000}.pdf").status_code
        == 404
    )


def test_agreement_without_document_has_no_link_and_no_document(client, nakano):
    agreement = AgreementFactory(city=nakano, without_document=True, title_en="Letter")
    html = page(client, nakano)
    assert "Letter" in html and ".pdf" not in html
    url = f"/en/sister-cities/nakano/agreements/{agreement.pk}.pdf"
    assert client.get(url).status_code == 404


def test_no_agreement_yet(client, nakano):
    assert "No public agreement yet." in page(client, nakano)


# Pictures


def test_gallery_pictures_are_rendered(client, nakano):
    GalleryImageFactory(city=nakano, alt_en="Nakano Broadway", caption_en="The arcade", position=2)
    GalleryImageFactory(city=nakano, alt_en="Nakano Sun Plaza", position=1)
    html = page(client, nakano)
    gallery = re.search(r'<ul class="gallery">.*?</ul>', html, re.DOTALL).group(0)
    assert gallery.count("<picture>") == 2
    assert 'type="image/webp"' in gallery
    assert gallery.index('alt="Nakano Sun Plaza"') < gallery.index('alt="Nakano Broadway"')
    assert '<figcaption lang="en">The arcade</figcaption>' in gallery


def test_main_picture_is_shown_and_shared(client, nakano):
    nakano.hero_image = SimpleUploadedFile("hero.jpg", jpeg_bytes(1600, 900), "image/jpeg")
    nakano.hero_image_alt_zh_hans = "中野站"
    nakano.hero_image_alt_en = "Nakano station"
    nakano.full_clean()
    nakano.save()
    html = page(client, nakano)
    assert 'alt="Nakano station"' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og_image.startswith(settings.SITE_URL + "/")
    assert json_ld(html)["image"] == og_image


# Not found and previews


@pytest.mark.parametrize("code", ["fr", "ar", "zh-hans"])
def test_unknown_partner_is_a_translated_404(client, code):
    response = client.get(f"/{code}/sister-cities/no-such-partner/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        assert translation.gettext("Page not found") in html


@pytest.mark.parametrize("state", [{"draft": True}, {"archived": True}])
def test_unpublished_partner_is_hidden_from_visitors(client, state):
    city = SisterCityFactory(**state)
    page(client, city, "fr", status=404)


def test_unpublished_partner_is_hidden_from_staff_without_permission(client, service_desk_officer):
    city = SisterCityFactory(draft=True)
    client.force_login(service_desk_officer)
    page(client, city, status=404)


def test_content_editor_previews_a_draft(client, content_editor):
    city = SisterCityFactory(draft=True, name_en="Draft city")
    client.force_login(content_editor)
    html = page(client, city)
    assert 'class="preview-banner"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Draft city" in html


def test_no_preview_banner_on_a_published_partner(client, content_editor, nakano):
    client.force_login(content_editor)
    html = page(client, nakano)
    assert "preview-banner" not in html
    assert 'content="noindex"' not in html


def test_sample_data_is_labelled(client):
    city = SisterCityFactory(is_sample=True, sample_note_en="The date is invented.")
    html = page(client, city)
    assert 'class="sample-badge"' in html
    assert "The date is invented." in html


# Structured data, sharing, languages


def test_json_ld_describes_the_city_in_the_page_language(client, nakano):
    data = json_ld(page(client, nakano, "ja"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "City"
    assert data["name"] == "東京都中野区"
    assert data["alternateName"] == "中野区"
    assert data["url"] == f"{settings.SITE_URL}/ja/sister-cities/nakano/"
    assert data["address"]["addressCountry"] == "JP"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 35.70735, "longitude": 139.6638}
    assert data["sameAs"] == "https://www.city.tokyo-nakano.lg.jp/"
    assert json_ld(page(client, nakano, "en"))["name"] == "Nakano City, Tokyo"


def test_json_ld_without_coordinates_has_no_geo(client):
    assert "geo" not in json_ld(page(client, SisterCityFactory(off_map=True)))


def test_json_ld_cannot_be_broken_out_of(client):
    evil = "</script><script>alert(1)</script>"
    city = SisterCityFactory(name_en=f"Evil {evil}", summary_en=f"<!-- {evil}")
    html = page(client, city)
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == f"Evil {evil}"
    assert data["description"] == f"<!-- {evil}"


def test_open_graph_tags(client, nakano):
    html = page(client, nakano)
    assert '<meta property="og:type" content="place">' in html
    assert '<meta property="og:title" content="Nakano City, Tokyo">' in html
    assert '<meta property="og:description" content="Sister cities for over' in html
    assert '<meta property="place:location:latitude" content="35.70735">' in html
    assert (
        '<meta property="og:url" content="' + settings.SITE_URL + "/en/sister-cities/nakano/"
        in html
    )
    assert html.count('property="og:type"') == 1


def test_hreflang_alternates_for_every_language(client, nakano):
    html = page(client, nakano, "fr")
    for code in CODES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="{settings.SITE_URL}/{code}/sister-cities/nakano/">'
        ) in html
    assert 'hreflang="x-default"' in html


def test_partner_page_references_no_other_host_than_the_partners_site(client, nakano):
    html = page(client, nakano)
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert url.startswith(("/", "#", settings.SITE_URL, nakano.website)), url


# Exchange activities that another app attaches


def test_timeline_lists_exchange_activities_newest_first(client, nakano):
    old = make_event(city=nakano, title="Calligraphy exchange", day=date(2020, 5, 1))
    new = make_event(city=nakano, title="Floral art online", day=date(2022, 3, 1))
    middle = make_event(city=nakano, title="35th anniversary", day=date(2021, 11, 1))
    make_event(city=SisterCityFactory(), title="Someone else's", day=date(2023, 1, 1))
    html = page(client, nakano)
    timeline = re.search(r'<ol class="timeline">.*?</ol>', html, re.DOTALL).group(0)
    links = re.findall(r'<a href="(/en/events/[\w-]+/)">([^<]+)</a>', timeline)
    assert links == [
        (new.get_absolute_url(), "Floral art online"),
        (middle.get_absolute_url(), "35th anniversary"),
        (old.get_absolute_url(), "Calligraphy exchange"),
    ]
    assert '<time datetime="2022-03-01">' in timeline


def test_empty_timeline(client, nakano):
    assert "No exchange activity is listed yet." in page(client, nakano)


def test_without_a_timeline_provider_the_page_lists_no_activity(
    client, nakano, no_extension_providers
):
    make_event(city=nakano, title="Calligraphy exchange", day=date(2020, 5, 1))
    html = page(client, nakano)
    assert "No exchange activity is listed yet." in html
    assert "Calligraphy exchange" not in html


def test_fallback_notices_are_outside_the_fallback_text(client):
    """The notice is in the visitor's language: it must not inherit the text's `lang`."""
    city = SisterCityFactory(summary_en="A port city.", body_en="The **old** harbour.")
    html = page(client, city, "fr")
    notice = r'<p class="fallback-notice" role="note">[^<]*</p>\s*'
    assert re.search(notice + r'<p class="lead" lang="en">A port city.</p>', html)
    assert re.search(notice + r'<div class="prose" lang="en">', html)
    prose = re.search(r'<div class="prose" lang="en">.*?</div>', html, re.DOTALL).group(0)
    assert "fallback-notice" not in prose


def test_document_lost_from_storage_is_not_found(client, nakano):
    agreement = AgreementFactory(city=nakano)
    agreement.document.storage.delete(agreement.document.name)
    assert client.get(agreement.get_document_url()).status_code == 404
