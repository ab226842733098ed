"""Country and region names as a Beijing government site writes them, in every language
(settings.COUNTRIES_OVERRIDE on top of django-countries, translated by the site's catalogs)."""

from collections import Counter

import pytest
from django.utils import translation
from django_countries import countries

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
