import pytest
from django.template import Context, Template
from django.utils import translation

from apps.core.i18n import (
    displayed_language,
    fallback_chain,
    is_rtl,
    missing_translations,
    translation_completeness,
)
from tests.testapp.models import Article

pytestmark = pytest.mark.django_db

LANGS = ["zh_hans", "en", "ja", "ru", "fr", "es", "ar"]


def article(**values):
    return Article.objects.create(status="published", **values)


def test_fallback_chain_is_english_then_chinese():
    assert fallback_chain("fr") == ["fr", "en", "zh-hans"]
    assert fallback_chain("en") == ["en", "zh-hans"]
    assert fallback_chain("zh-hans") == ["zh-hans", "en"]


def test_missing_translations_lists_empty_languages_per_field():
    obj = article(title_zh_hans="标题", title_en="Title", summary_en="Summary", summary_fr="  ")
    missing = missing_translations(obj)
    assert missing["title"] == ["ja", "ru", "fr", "es", "ar"]
    # Whitespace counts as missing.
    assert missing["summary"] == ["zh-hans", "ja", "ru", "fr", "es", "ar"]
    # A field empty in every language is optional content, not a missing translation.
    assert "body" not in missing


def test_complete_object_has_nothing_missing():
    obj = article(**{f"title_{lang}": f"title {lang}" for lang in LANGS})
    assert missing_translations(obj) == {}
    assert translation_completeness(obj) == (7, 7)


def test_translation_completeness_counts_filled_versions():
    obj = article(title_zh_hans="标题", title_en="Title", summary_en="S")
    assert translation_completeness(obj) == (3, 14)


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


def test_no_fallback_notice_when_the_text_is_in_the_visitors_language():
    obj = article(title_zh_hans="标题", title_en="Title")
    with translation.override("en"):
        assert NOTICE.render(Context({"obj": obj})).strip() == ""
    with translation.override("zh-hans"):
        assert NOTICE.render(Context({"obj": obj})).strip() == ""


def test_is_rtl_only_for_arabic_among_site_languages():
    assert is_rtl("ar")
    assert not any(is_rtl(code) for code in ["zh-hans", "en", "ja", "ru", "fr", "es"])
