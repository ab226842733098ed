"""The translation workspace: missing and outdated texts, side-by-side editing, XLIFF out
and back in with its refusals, preview and audit line, and who may use it."""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.i18n import language_codes
from apps.events.models import EventSeries
from apps.sister_cities.models import SisterCity
from apps.translation_workspace import admin as workspace_admin
from apps.translation_workspace.fields import text_hash
from apps.translation_workspace.models import TranslationImport, TranslationState
from apps.translation_workspace.services import translation_states_mark_current
from apps.translation_workspace.worklist import gap_counts, translation_gaps
from apps.translation_workspace.xliff import NS
from tests.events.factories import EventSeriesFactory
from tests.sister_cities.factories import GalleryImageFactory, SisterCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(editor_client):
    """The admin in English, so the refusals below read as written here (staff who have not
    chosen a language get the site's default, Chinese)."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return editor_client


X = f"{{{NS}}}"


def url(view, *args):
    return reverse(f"admin:translation_workspace_translationstate_{view}", args=args)


def statuses(response):
    html = response.content.decode()
    return dict(re.findall(r'data-unit="([^"]+)" data-status="([^"]+)"', html))


def unit(obj, field):
    return f"{obj._meta.label_lower}.{obj.pk}.{field}"


# --- The list ---------------------------------------------------------------------


def test_the_list_shows_missing_then_outdated_texts(editor_client):
    city = SisterCityFactory(summary_zh_hans="友好交流。", summary_en="Friendly exchange.")
    shown = statuses(editor_client.get(url("language", "ar")))
    assert shown[unit(city, "name")] == "missing"
    assert shown[unit(city, "summary")] == "missing"
    # Optional and empty in every language: nothing to translate.
    assert unit(city, "body") not in shown

    city.name_ar = "مدينة شريكة"
    city.save()
    assert unit(city, "name") not in statuses(editor_client.get(url("language", "ar")))

    # The Chinese source changes: the Arabic and English names are older than it.
    city.name_zh_hans = "新的名字"
    city.save()
    assert statuses(editor_client.get(url("language", "ar")))[unit(city, "name")] == "outdated"
    assert statuses(editor_client.get(url("language", "en")))[unit(city, "name")] == "outdated"
    # Saving the translation again makes it follow the new source.
    city.name_ar = "اسم جديد"
    city.save()
    assert unit(city, "name") not in statuses(editor_client.get(url("language", "ar")))


def test_the_list_links_to_the_field_in_its_change_form(editor_client):
    city = SisterCityFactory()
    html = editor_client.get(url("language", "ar")).content.decode()
    change = reverse("admin:sister_cities_sistercity_change", args=[city.pk])
    assert f'href="{change}#id_name_ar"' in html
    assert url("translate", "ar", "sister_cities.sistercity", city.pk) + "#translate-name" in html
    # A gallery picture is edited under its partner: the link opens the partner at its rows.
    picture = GalleryImageFactory(city=city)
    html = editor_client.get(url("language", "ar")).content.decode()
    assert f'data-unit="{unit(picture, "alt")}"' in html
    assert f'href="{change}#gallery-group"' in html


def test_english_is_the_source_where_chinese_is_empty(editor_client):
    series = EventSeriesFactory(summary_en="An annual meeting.")
    gaps = {
        (gap.field, gap.language): gap
        for gap in translation_gaps(["zh-hans", "ar"], models=[EventSeries])
        if gap.obj.pk == series.pk
    }
    assert gaps[("summary", "ar")].source_language == "en"
    assert gaps[("summary", "zh-hans")].status == "missing"
    assert gaps[("name", "ar")].source_language == "zh-hans"


def test_content_loaded_in_bulk_is_current(editor_client):
    # Rows written without signals have no state: nothing is known against them.
    SisterCity.objects.bulk_create(
        [SisterCityFactory.build(name_zh_hans="甲", name_en="A", name_ar="أ", slug="bulk")]
    )
    city = SisterCity.objects.get(slug="bulk")
    assert unit(city, "name") not in statuses(editor_client.get(url("language", "ar")))
    translation_states_mark_current([city])
    city.name_zh_hans = "乙"
    city.save()
    assert statuses(editor_client.get(url("language", "ar")))[unit(city, "name")] == "outdated"


def test_the_overview_counts_per_language(editor_client):
    SisterCityFactory(summary_zh_hans="友好交流。")
    EventSeriesFactory(summary_en="An annual meeting.")
    html = editor_client.get(url("changelist")).content.decode()

    def missing(language):
        return int(re.search(rf'data-language="{language}".*?data-missing>(\d+)<', html, re.S)[1])

    # The partner's name and summary and the series' name and summary.
    assert missing("ar") == 4
    # The partner's summary; the series' summary was written in English.
    assert missing("en") == 1
    # Chinese is missing where English is the source.
    assert missing("zh-hans") == 1


def _mixed_content(number: int) -> None:
    """Partners and series with every kind of gap: missing, outdated, written in English,
    blank but for spaces, and sources changed only in line endings."""
    for index in range(number):
        city = SisterCityFactory(summary_zh_hans="友好交流。\r\n", summary_en="Friendly.")
        city.name_ar, city.summary_fr = "مدينة", "  \u3000\n"
        city.save()
        if index % 2:
            city.name_zh_hans = f"新的名字 {index}"  # the Arabic and English are older now
        city.summary_zh_hans = "友好交流。"  # the same text to a translator
        city.save()
        GalleryImageFactory(city=city)
        EventSeriesFactory(summary_en=f"An annual meeting {index}.", name_ja="会議")


def _counted_one_by_one(languages) -> Counter:
    """What the overview counted before it counted in SQL: every gap, read row by row."""
    return Counter((type(gap.obj), gap.language, gap.status) for gap in translation_gaps(languages))


def test_the_counts_in_sql_are_the_gaps_row_by_row(editor_client):
    _mixed_content(4)
    languages = language_codes()
    expected = _counted_one_by_one(languages)
    assert expected[SisterCity, "ar", "outdated"] == 2 and expected[SisterCity, "en", "outdated"]
    assert expected[EventSeries, "zh-hans", "missing"] == 4
    counted = gap_counts(languages)
    assert +counted == expected


def test_the_overview_costs_as_many_queries_at_any_number_of_rows(editor_client, monkeypatch):
    def overview_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url("changelist")).status_code == 200
        return len(queries)

    editor_client.get(url("changelist"))  # sessions, content types: kept after the first
    _mixed_content(1)
    few = overview_queries()
    _mixed_content(12)
    # Counted in the database: no row is read into Python.
    monkeypatch.setattr(workspace_admin, "translation_gaps", None)
    assert overview_queries() == few
    html = editor_client.get(url("changelist")).content.decode()
    missing = int(re.search(r'data-language="ar".*?data-missing>(\d+)<', html, re.S)[1])
    assert missing == sum(
        count
        for (_model, language, status), count in _counted_one_by_one(["ar"]).items()
        if status == "missing"
    )


# --- Side by side ---------------------------------------------------------------------


def test_side_by_side_shows_the_source_and_saves_through_the_model(editor_client):
    series = EventSeriesFactory(body_zh_hans="## 议程\n\n- 开幕\n- 讨论")
    page = url("translate", "ar", "events.eventseries", series.pk)
    html = editor_client.get(page).content.decode()
    assert 'lang="zh-hans"' in html and "## 议程" in html
    assert 'name="body_ar"' in html and 'dir="rtl"' in html

    # Too long for the field: the model's own validation refuses it, nothing is saved.
    response = editor_client.post(page, {"name_ar": "س" * 201, "body_ar": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    series.refresh_from_db()
    assert series.name_ar in (None, "")

    response = editor_client.post(
        page, {"name_ar": "سلسلة", "body_ar": "## جدول\n\n- افتتاح\n- نقاش"}
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.name_ar == "سلسلة"
    assert series.body_ar.startswith("## جدول")
    entry = LogEntry.objects.get(object_id=str(series.pk))
    assert entry.content_type.model == "eventseries"
    assert unit(series, "name") not in statuses(editor_client.get(url("language", "ar")))


# --- Permissions ---------------------------------------------------------------------


def test_only_editors_and_administrators_use_the_workspace(client, service_desk_officer):
    city = SisterCityFactory()
    client.force_login(service_desk_officer)
    for address in (
        url("changelist"),
        url("language", "ar"),
        url("export", "ar"),
        url("import", "ar"),
        url("translate", "ar", "sister_cities.sistercity", city.pk),
    ):
        assert client.get(address).status_code == 403, address
    client.logout()
    assert client.get(url("language", "ar")).status_code == 302


def test_an_administrator_uses_it(admin_client):
    assert admin_client.get(url("language", "ar")).status_code == 200


# --- XLIFF ------------------------------------------------------------------------


def export(client, language="ar", **params):
    response = client.get(url("export", language), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own export)


def fill(root, texts):
    for element in root.iter(f"{X}trans-unit"):
        if element.get("id") in texts:
            element.find(f"{X}target").text = texts[element.get("id")]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def upload(client, data, language="ar", name="ar.xlf"):
    return client.post(
        url("import", language), {"file": SimpleUploadedFile(name, data, "application/xml")}
    )


def confirm(client, preview, language="ar"):
    context = preview.context
    return client.post(
        url("import", language),
        {"confirm": "1", "digest": context["plan"].digest},
    )


def test_export_names_each_text_and_its_source(editor_client):
    city = SisterCityFactory(name_zh_hans="首尔", summary_zh_hans="%(name)s 的简介")
    root = export(editor_client)
    assert root.get("version") == "1.2"
    files = root.findall(f"{X}file")
    assert {file.get("target-language") for file in files} == {"ar"}
    units = {u.get("id"): u for u in root.iter(f"{X}trans-unit")}
    name = units[unit(city, "name")]
    assert name.find(f"{X}source").text == "首尔"
    assert name.find(f"{X}target").text is None
    assert name.get("maxwidth") == "200"


def test_round_trip_with_preview_confirm_and_one_audit_line(editor_client):
    city = SisterCityFactory(summary_zh_hans="友好交流。")
    data = fill(
        export(editor_client, type="sister_cities.sistercity"),
        {unit(city, "name"): "مدينة", unit(city, "summary"): "تبادل ودي."},
    )
    preview = upload(editor_client, data)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert not plan.error and not plan.refusals
    assert {change.unit_id for change in plan.changes} == {
        unit(city, "name"),
        unit(city, "summary"),
    }
    assert "<ins>مدينة</ins>" in preview.content.decode()
    # Nothing saved before the confirmation.
    city.refresh_from_db()
    assert not city.name_ar

    response = confirm(editor_client, preview)
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.name_ar, city.summary_ar) == ("مدينة", "تبادل ودي.")
    record = TranslationImport.objects.get()
    assert record.changed == 2 and record.language == "ar"
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TranslationImport)
    )
    assert entries.count() == 1
    assert LogEntry.objects.count() == 1
    shown = statuses(editor_client.get(url("language", "ar")))
    assert unit(city, "name") not in shown and unit(city, "summary") not in shown


def test_a_stale_confirmation_is_not_applied(editor_client):
    city = SisterCityFactory()
    preview = upload(editor_client, fill(export(editor_client), {unit(city, "name"): "مدينة"}))
    # Someone saves the same text in between: the file no longer makes that change.
    city.name_ar = "مدينة"
    city.save()
    response = confirm(editor_client, preview)
    assert response.status_code == 200
    assert not TranslationImport.objects.exists()


@pytest.mark.parametrize(
    ("source", "target", "reason"),
    [
        ("欢迎%(name)s。", "مرحبا", "placeholders"),
        ("欢迎{name}。", "مرحبا {nom}", "placeholders"),
    ],
)
def test_placeholders_must_match(editor_client, source, target, reason):
    city = SisterCityFactory(summary_zh_hans=source)
    preview = upload(editor_client, fill(export(editor_client), {unit(city, "summary"): target}))
    refusals = dict(preview.context["plan"].refusals)
    assert "placeholder" in refusals[unit(city, "summary")].lower()
    assert not preview.context["plan"].changes


def test_markdown_structure_must_match(editor_client):
    series = EventSeriesFactory(body_zh_hans="## 议程\n\n- 开幕\n- [讨论](https://example.org)")
    preview = upload(
        editor_client, fill(export(editor_client), {unit(series, "body"): "جدول بدون بنية"})
    )
    refusals = dict(preview.context["plan"].refusals)
    assert "Markdown" in refusals[unit(series, "body")]


def test_length_unknown_ids_and_wrong_files_are_refused(editor_client):
    city = SisterCityFactory()
    root = export(editor_client)
    body = root.find(f"{X}file/{X}body")
    for bad in ("sister_cities.sistercity.999999.name", "auth.user.1.username", "nonsense"):
        extra = ET.SubElement(body, f"{X}trans-unit", {"id": bad})
        ET.SubElement(extra, f"{X}source").text = "x"
        ET.SubElement(extra, f"{X}target").text = "y"
    preview = upload(editor_client, fill(root, {unit(city, "name"): "س" * 201}))
    refusals = dict(preview.context["plan"].refusals)
    assert "200" in refusals[unit(city, "name")]
    for bad in ("sister_cities.sistercity.999999.name", "auth.user.1.username", "nonsense"):
        assert "Unknown id" in refusals[bad]
    assert "confirm" not in preview.content.decode()

    # Another language's file, no XML, no XLIFF, a document type: the file is refused.
    arabic = ET.tostring(export(editor_client), encoding="utf-8")
    assert upload(editor_client, arabic, language="fr").context["plan"].error
    for data in (
        b"not xml at all",
        b'<?xml version="1.0"?><root/>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff version="1.2"/>',
    ):
        assert upload(editor_client, data).context["plan"].error


def test_a_source_changed_since_the_export_warns_and_stays_outdated(editor_client):
    city = SisterCityFactory()
    data = fill(export(editor_client), {unit(city, "name"): "مدينة"})
    city.name_zh_hans = "改过的名字"
    city.save()
    preview = upload(editor_client, data)
    assert unit(city, "name") in dict(preview.context["plan"].warnings)
    confirm(editor_client, preview)
    city.refresh_from_db()
    assert city.name_ar == "مدينة"
    assert statuses(editor_client.get(url("language", "ar")))[unit(city, "name")] == "outdated"


# --- Done when: a translator's round trip ----------------------------------------------


def test_a_translators_round_trip_shows_on_the_arabic_page(editor_client, client):
    """Export the missing Arabic texts, fill them in a copy, import: the Arabic partner
    page shows them with no fallback notice. (Test client; no browser journey yet.)"""
    city = SisterCityFactory(
        name_zh_hans="首尔", name_en="Seoul", summary_zh_hans="友好交流。", summary_en="Exchange."
    )
    before = client.get(f"/ar/sister-cities/{city.slug}/").content.decode()
    assert "fallback-notice" in before

    root = export(editor_client)
    texts = {
        u.get("id"): f"نص عربي {index}"
        for index, u in enumerate(root.iter(f"{X}trans-unit"))
        if u.get("id").startswith(f"sister_cities.sistercity.{city.pk}.")
    }
    texts[unit(city, "name")] = "سيول"
    preview = upload(editor_client, fill(root, texts))
    assert not preview.context["plan"].refusals
    assert confirm(editor_client, preview).status_code == 302

    page = client.get(f"/ar/sister-cities/{city.slug}/").content.decode()
    assert "سيول" in page
    assert "fallback-notice" not in page


# --- Bookkeeping on save ------------------------------------------------------------


def test_a_save_of_other_columns_leaves_the_states_alone():
    city = SisterCityFactory()
    with CaptureQueriesContext(connection) as captured:
        city.save(update_fields=["status"])
    assert not [q for q in captured if "translation_workspace" in q["sql"]]


def test_a_partly_loaded_row_records_its_translation_against_its_source(editor_client):
    city = SisterCityFactory(name_zh_hans="首尔")
    partial = SisterCity.objects.only("pk", "name_ar").get(pk=city.pk)
    partial.name_ar = "سيول"
    partial.save()
    state = TranslationState.objects.get(object_id=str(city.pk), field="name", language="ar")
    assert state.source_hash == text_hash("zh-hans", "首尔")
    city.refresh_from_db()
    city.name_zh_hans = "首尔市"
    city.save()
    assert statuses(editor_client.get(url("language", "ar")))[unit(city, "name")] == "outdated"


def test_the_migration_records_existing_translations_as_current(editor_client):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "apps.translation_workspace.migrations.0002_record_existing_translations"
    )
    SisterCity.objects.bulk_create(
        [SisterCityFactory.build(name_zh_hans="甲", name_en="A", name_ar="أ", slug="old")]
    )
    city = SisterCity.objects.get(slug="old")
    migration.record(apps, None)
    state = TranslationState.objects.get(object_id=str(city.pk), field="name", language="ar")
    assert state.source_hash == text_hash("zh-hans", "甲")
    city.name_zh_hans = "乙"
    city.save()
    assert statuses(editor_client.get(url("language", "ar")))[unit(city, "name")] == "outdated"


def test_a_confirmation_without_a_checked_file_imports_nothing(editor_client):
    SisterCityFactory()
    response = editor_client.post(url("import", "ar"), {"confirm": "1", "digest": "0" * 64})
    assert response.status_code == 200
    assert not TranslationImport.objects.exists()


def test_texts_of_models_the_user_may_not_change_are_refused(client, django_user_model):
    from django.contrib.auth.models import Permission

    city = SisterCityFactory()
    series = EventSeriesFactory()
    translator = django_user_model.objects.create_user(
        username="translator", password="a long test password", is_staff=True
    )
    translator.user_permissions.set(
        Permission.objects.filter(
            codename__in=["use_workspace", "change_sistercity", "view_sistercity"]
        )
    )
    client.force_login(translator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = statuses(client.get(url("language", "ar")))
    assert unit(city, "name") in shown and unit(series, "name") not in shown
    page = url("translate", "ar", "events.eventseries", series.pk)
    assert client.get(page).status_code == 404
    assert client.post(page, {"name_ar": "سلسلة"}).status_code == 404

    root = export(client)
    extra = ET.SubElement(
        root.find(f"{X}file/{X}body"), f"{X}trans-unit", {"id": unit(series, "name")}
    )
    ET.SubElement(extra, f"{X}source").text = series.name_zh_hans
    ET.SubElement(extra, f"{X}target").text = "سلسلة"
    preview = upload(client, fill(root, {unit(city, "name"): "مدينة"}))
    plan = preview.context["plan"]
    assert [change.unit_id for change in plan.changes] == [unit(city, "name")]
    assert "Unknown id" in dict(plan.refusals)[unit(series, "name")]


def test_a_repeated_id_a_source_text_and_two_target_languages_are_refused(editor_client):
    city = SisterCityFactory()
    root = export(editor_client)
    body = root.find(f"{X}file/{X}body")
    again = ET.SubElement(body, f"{X}trans-unit", {"id": unit(city, "name")})
    ET.SubElement(again, f"{X}source").text = city.name_zh_hans
    ET.SubElement(again, f"{X}target").text = "مرة أخرى"
    preview = upload(editor_client, fill(root, {unit(city, "name"): "مدينة"}))
    assert "more than once" in dict(preview.context["plan"].refusals)[unit(city, "name")]

    # Into Chinese, the Chinese name is the source itself, not a translation.
    chinese = export(editor_client, language="zh-hans")
    body = chinese.find(f"{X}file/{X}body")
    source = ET.SubElement(body, f"{X}trans-unit", {"id": unit(city, "name")})
    ET.SubElement(source, f"{X}source").text = city.name_zh_hans
    ET.SubElement(source, f"{X}target").text = "别的名字"
    data = ET.tostring(chinese, encoding="utf-8")
    refusals = dict(upload(editor_client, data, language="zh-hans").context["plan"].refusals)
    assert "source" in refusals[unit(city, "name")]

    # One file, two target languages.
    root = export(editor_client)
    other = ET.SubElement(root, f"{X}file", {"target-language": "fr", "source-language": "zh-hans"})
    ET.SubElement(other, f"{X}body")
    assert upload(editor_client, ET.tostring(root, encoding="utf-8")).context["plan"].error


def test_the_whitespace_of_str_strip_is_found_on_first_use_not_at_import():
    """A pass over every code point (~80 ms): the admin imports the module in every web and
    worker process, which must not pay it at start-up."""
    script = (
        "import django; django.setup()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns  # every admin module\n"
        "from apps.translation_workspace import worklist\n"
        "print(worklist.whitespace.cache_info().currsize)\n"
        "print(' \\u3000x\\u2028'.strip(worklist.whitespace()))\n"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "xicheng_portal.settings.test"},
    )
    assert result.stdout.split() == ["0", "x"]
