"""Country and region names as a Beijing government site writes them, in every language
(settings.COUNTRIES_OVERRIDE on top of django-countries, translated by the site's catalogs)."""

import re
from collections import Counter
from html import unescape

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from apps.core.countries import (
    Continent,
    country_groups,
    ordered_choices,
    search_terms,
)
from apps.core.forms import FastSelect
from apps.events.forms import RegistrationForm
from apps.sister_cities.forms import DirectoryFilterForm
from tests.languages import CODES

PARTS_OF_CHINA = ("TW", "HK", "MO")
# Where the word for China changes its ending ("САР Китая", "للصين"): its stem.
CHINA_STEM = {"ru": "Кита", "ar": "صين"}


def _names(language) -> dict[str, str]:
    with translation.override(language):
        return {code: str(name) for code, name in countries}


@pytest.mark.parametrize("language", CODES)
def test_taiwan_hong_kong_and_macao_are_named_as_parts_of_china(language):
    names = _names(language)
    china = CHINA_STEM.get(language, names["CN"])
    for code in PARTS_OF_CHINA:
        assert china in names[code], (language, code, names[code])


@pytest.mark.parametrize("language", CODES)
def test_no_two_countries_or_regions_share_a_name(language):
    shared = [name for name, count in Counter(_names(language).values()).items() if count > 1]
    assert shared == []


def test_chinese_names_follow_official_usage():
    names = _names("zh-hans")
    assert {code: names[code] for code in (*PARTS_OF_CHINA, "NP", "TJ", "MK", "WS", "AS")} == {
        "TW": "中国台湾",
        "HK": "中国香港",
        "MO": "中国澳门",
        "NP": "尼泊尔",
        "TJ": "塔吉克斯坦",
        "MK": "北马其顿",
        "WS": "萨摩亚",
        "AS": "美属萨摩亚",
    }
    for misspelt in ("尼珀尔", "塔吉克斯斯坦", "马其顿", "美属萨摩亚群岛"):
        assert misspelt not in names.values()


def test_english_names_follow_official_usage():
    names = _names("en")
    assert [names[code] for code in PARTS_OF_CHINA] == [
        "Taiwan, China",
        "Hong Kong SAR, China",
        "Macao SAR, China",
    ]


# --- The grouped lists every country picker shows (apps/core/countries.py) ---------------

CHINA_GROUP = ("CN", "HK", "MO", "TW")
MISSPELT_OR_OUTDATED = ("尼珀尔", "塔吉克斯斯坦", "美属萨摩亚群岛")


def _groups(language):
    with translation.override(language):
        return country_groups(language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", CODES)
def test_china_comes_first_with_its_regions_and_they_are_in_no_continent(language):
    groups = _groups(language)
    china, *continents = groups
    assert [country.code for country in china.countries] == list(CHINA_GROUP)
    names = _names(language)
    assert china.label == names["CN"]
    for continent in continents:
        codes = {country.code for country in continent.countries}
        assert not codes & set(CHINA_GROUP), (language, continent.label)


@pytest.mark.django_db
@pytest.mark.parametrize("language", CODES)
def test_groups_are_continents_named_in_the_language_never_countries(language):
    with translation.override(language):
        continent_labels = {str(label) for _code, label in Continent.choices}
        countries_word = {
            str(word).casefold() for word in (_("Countries"), _("countries"), _("Country"))
        }
        labels = [group.label for group in _groups(language)[1:]]
    assert labels and set(labels) <= continent_labels
    assert not {label.casefold() for label in labels} & countries_word


@pytest.mark.django_db
@pytest.mark.parametrize("language", CODES)
def test_every_country_and_region_is_listed_once_with_its_official_name(language):
    listed = [
        (country.code, country.name) for group in _groups(language) for country in group.countries
    ]
    codes = [code for code, _name in listed]
    assert sorted(codes) == sorted(countries.countries)
    assert dict(listed) == _names(language)
    text = " ".join(name for _code, name in listed)
    for wrong in MISSPELT_OR_OUTDATED:
        assert wrong not in text
    # Macedonia only as North Macedonia.
    assert [name for _code, name in listed if "马其顿" in name] in ([], ["北马其顿"])


@pytest.mark.django_db
@pytest.mark.parametrize("language", CODES)
def test_samoa_is_samoa_not_american_samoa(language):
    names = _names(language)
    oceania = next(g for g in _groups(language) if g.key == Continent.OCEANIA)
    by_code = {country.code: country.name for country in oceania.countries}
    assert by_code["WS"] == names["WS"] != names["AS"] == by_code["AS"]
    assert names["AS"].casefold() != names["WS"].casefold()
    assert names["WS"] in names["AS"] or language in ("ar", "ja", "zh-hans")


@pytest.mark.django_db
def test_chinese_lists_follow_pinyin_and_english_the_alphabet():
    asia_zh = [c.code for c in _groups("zh-hans")[1].countries]
    # 阿富汗 (ā), 日本 (rì), 越南 (yuè).
    assert asia_zh.index("AF") < asia_zh.index("JP") < asia_zh.index("VN")
    asia_en = [c.name for c in _groups("en")[1].countries]
    # By letters, not code points: "ü" sorts as "u".
    assert asia_en.index("Afghanistan") < asia_en.index("Türkiye") < asia_en.index("Turkmenistan")
    assert asia_en.index("Turkmenistan") < asia_en.index("Yemen")


@pytest.mark.django_db
def test_flat_lists_put_china_s_regions_after_china():
    with translation.override("en"):
        choices = ordered_choices(["JP", "TW", "FR", "CN", "HK", "ZZ", ""])
    assert [code for code, _name in choices] == ["CN", "HK", "TW", "JP", "FR", "ZZ"]
    assert choices[2] == ("TW", "Taiwan, China")


@pytest.mark.django_db
def test_the_filter_box_also_matches_english_names_and_iso_codes():
    with translation.override("ru"):
        terms = search_terms()
    assert "germany" in terms["DE"] and "de" in terms["DE"].split() and "deu" in terms["DE"]
    assert terms["CI"].startswith("cote d") or "cote d" in terms["CI"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", CODES)
def test_registration_form_groups_countries_and_accepts_china_s_regions(language):
    with translation.override(language):
        form = RegistrationForm()
        html = str(form["country"])
        names = _names(language)
        groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', html, re.S)
        assert unescape(groups[0][0]) == names["CN"]
        assert re.findall(r'value="([A-Z]{2})"', groups[0][1]) == list(CHINA_GROUP)
        for _label, options in groups[1:]:
            assert not set(re.findall(r'value="([A-Z]{2})"', options)) & set(CHINA_GROUP)
        for code in (*CHINA_GROUP, "WS"):
            bound = RegistrationForm(data={"country": code})
            bound.is_valid()
            assert "country" not in bound.errors, (code, bound.errors)
        bound = RegistrationForm(data={"country": "ZZ"})
        bound.is_valid()
        assert "country" in bound.errors


def test_fast_select_renders_option_groups():
    widget = FastSelect(choices=[("", "—"), ("Asia", [("JP", "Japan"), ("KR", "<Korea>")])])
    assert widget.render("c", "KR") == (
        '<select name="c"><option value="">—</option><optgroup label="Asia">'
        '<option value="JP">Japan</option><option value="KR" selected>&lt;Korea&gt;</option>'
        "</optgroup></select>"
    )


@pytest.mark.django_db
def test_directory_filter_groups_only_the_partners_countries():
    with translation.override("en"):
        form = DirectoryFilterForm({}, country_codes=["JP", "HK", "FR", "JP"])
        choices = form.fields["country"].choices
    assert choices == [
        ("", "All"),
        ("China", [("HK", "Hong Kong SAR, China")]),
        ("Asia", [("JP", "Japan")]),
        ("Europe", [("FR", "France")]),
    ]
