import pytest
from django.db import connection
from django.template import Context, Template
from django.utils import translation

from apps.core.i18n import (
    displayed_language,
    fallback_chain,
    field_suffixes,
    icu_collation,
    is_rtl,
    missing_translations,
    translation_completeness,
)
from tests.languages import CODES, FIELD_SUFFIXES
from tests.testapp.models import Article

pytestmark = pytest.mark.django_db


def article(**values):
    return Article.objects.create(status="published", **values)


def test_field_suffixes_follow_the_languages_in_settings(settings):
    assert field_suffixes() == FIELD_SUFFIXES
    assert field_suffixes()[0] == "zh_hans"
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt-br", "Português")]
    assert field_suffixes()[-1] == "pt_br"


def test_every_language_sorts_by_a_collation_postgresql_has():
    assert icu_collation("zh-hans") == "zh-x-icu"
    wanted = {icu_collation(code) for code in [*CODES, "de", "pt-br"]}
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname = ANY(%s)", [list(wanted)])
        assert {name for (name,) in cursor.fetchall()} == wanted


def test_fallback_chain_is_english_then_chinese():
    assert fallback_chain("fr") == ["fr", "en", "zh-hans"]
    assert fallback_chain("en") == ["en", "zh-hans"]
    assert fallback_chain("zh-hans") == ["zh-hans", "en"]


def test_missing_translations_lists_empty_languages_per_field():
    obj = article(title_zh_hans="标题", title_en="Title", summary_en="Summary", summary_fr="  ")
    missing = missing_translations(obj)
    assert missing["title"] == [code for code in CODES if code not in ("zh-hans", "en")]
    # Whitespace counts as missing.
    assert missing["summary"] == [code for code in CODES if code != "en"]
    # A field empty in every language is optional content, not a missing translation.
    assert "body" not in missing


def test_complete_object_has_nothing_missing():
    obj = article(**{f"title_{lang}": f"title {lang}" for lang in FIELD_SUFFIXES})
    assert missing_translations(obj) == {}
    assert translation_completeness(obj) == (len(CODES), len(CODES))


def test_translation_completeness_counts_filled_versions():
    obj = article(title_zh_hans="标题", title_en="Title", summary_en="S")
    assert translation_completeness(obj) == (3, 2 * len(CODES))


def test_displayed_language_follows_fallbacks():
    obj = article(title_zh_hans="标题", title_en="Title", title_ja="タイトル")
    assert displayed_language(obj, "title", "ja").is_fallback is False
    shown = displayed_language(obj, "title", "fr")
    assert (shown.shown, shown.is_fallback) == ("en", True)
    only_chinese = article(title_zh_hans="标题")
    assert displayed_language(only_chinese, "title", "ar").shown == "zh-hans"
    with translation.override("fr"):
        # modeltranslation's attribute access agrees with what we report.
        assert obj.title == "Title"


NOTICE = Template('{% load core_tags %}{% fallback_notice obj "title" %}')


def test_fallback_notice_in_the_visitors_language():
    obj = article(title_zh_hans="标题", title_en="Title")
    with translation.override("fr"):
        html = NOTICE.render(Context({"obj": obj}))
    assert 'role="note"' in html
    # Said in French, naming the language the text is shown in.
    assert "anglais" in html.lower()
    assert "Ce texte" in html
    assert "Title" not in html
    with translation.override("ja"):
        assert "英語" in NOTICE.render(Context({"obj": obj}))
    with translation.override("ar"):
        assert "fallback-notice" in NOTICE.render(Context({"obj": obj}))


@pytest.mark.parametrize(
    ("language", "english", "chinese"),
    [
        ("ru", "показан на английском", "показан на китайском"),
        ("es", "se muestra en inglés", "se muestra en chino"),
        ("fr", "il est affiché en anglais", "il est affiché en chinois"),
        ("ja", "英語で表示しています", "中国語で表示しています"),
        ("ar", "باللغة الإنجليزية", "باللغة الصينية"),
    ],
)
def test_the_fallback_notice_is_a_whole_sentence_not_a_pasted_language_name(
    language, english, chinese
):
    """ "se muestra en Inglés", "на языке: Английский": a name pasted into a sentence
    takes the wrong case or capital; each fallback language has its own sentence."""
    with translation.override(language):
        in_english = NOTICE.render(Context({"obj": article(title_zh_hans="标题", title_en="T")}))
        in_chinese = NOTICE.render(Context({"obj": article(title_zh_hans="标题")}))
    assert english in in_english
    assert chinese in in_chinese
    for pasted in ("Inglés", "Anglais", "Английский", "Chino", "Китайский"):
        assert pasted not in in_english + in_chinese


def test_no_fallback_notice_when_the_text_is_in_the_visitors_language():
    obj = article(title_zh_hans="标题", title_en="Title")
    with translation.override("en"):
        assert NOTICE.render(Context({"obj": obj})).strip() == ""
    with translation.override("zh-hans"):
        assert NOTICE.render(Context({"obj": obj})).strip() == ""


def test_is_rtl_only_for_arabic_among_site_languages():
    assert is_rtl("ar")
    assert not any(is_rtl(code) for code in CODES if code != "ar")
