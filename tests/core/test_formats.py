"""Dates and times read naturally in every language (xicheng_portal/formats over Django's)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from tests.languages import CODES

# 7 p.m. Beijing time on 6 February 2027: a one-digit day and month, an afternoon hour.
INSTANT = datetime(2027, 2, 6, 19, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
RLM = "\u200f"

EXPECTED = {
    "zh-hans": {
        "DATE_FORMAT": "2027年2月6日",
        "DATETIME_FORMAT": "2027年2月6日 19:00",
        "TIME_FORMAT": "19:00",
        "MONTH_DAY_FORMAT": "2月6日",
        "YEAR_MONTH_FORMAT": "2027年2月",
    },
    "en": {
        "DATE_FORMAT": "Feb. 6, 2027",
        "DATETIME_FORMAT": "Feb. 6, 2027, 7 p.m.",
        "TIME_FORMAT": "7 p.m.",
        "MONTH_DAY_FORMAT": "February 6",
        "YEAR_MONTH_FORMAT": "February 2027",
    },
    "ja": {
        "DATE_FORMAT": "2027年2月6日",
        "DATETIME_FORMAT": "2027年2月6日 19:00",
        "TIME_FORMAT": "19:00",
        "MONTH_DAY_FORMAT": "2月6日",
        "YEAR_MONTH_FORMAT": "2027年2月",
    },
    "ru": {
        "DATE_FORMAT": "6 февраля 2027 г.",
        "DATETIME_FORMAT": "6 февраля 2027 г. 19:00",
        "TIME_FORMAT": "19:00",
        "MONTH_DAY_FORMAT": "6 февраля",
    },
    "fr": {
        "DATE_FORMAT": "6 février 2027",
        "DATETIME_FORMAT": "6 février 2027 19:00",
        "TIME_FORMAT": "19:00",
        "MONTH_DAY_FORMAT": "6 février",
        "YEAR_MONTH_FORMAT": "février 2027",
    },
    "es": {
        "DATE_FORMAT": "6 de febrero de 2027",
        "DATETIME_FORMAT": "6 de febrero de 2027 a las 19:00",
        "TIME_FORMAT": "19:00",
        "MONTH_DAY_FORMAT": "6 de febrero",
        "YEAR_MONTH_FORMAT": "febrero de 2027",
    },
    "ar": {
        "DATE_FORMAT": "6 فبراير 2027",
        "DATETIME_FORMAT": "6 فبراير 2027، 7:00 م",
        "SHORT_DATETIME_FORMAT": f"06{RLM}/02{RLM}/2027، 7:00 م",
        "TIME_FORMAT": "7:00 م",
        "MONTH_DAY_FORMAT": "6 فبراير",
        "YEAR_MONTH_FORMAT": "فبراير 2027",
    },
}


def _render(format_name, language):
    template = Template('{{ when|date:"' + format_name + '" }}')
    with translation.override(language):
        return template.render(Context({"when": INSTANT}, autoescape=False))


def test_every_site_language_has_expectations():
    assert set(EXPECTED) == set(CODES)


@pytest.mark.parametrize(
    ("language", "format_name", "expected"),
    [
        (language, format_name, expected)
        for language, names in EXPECTED.items()
        for format_name, expected in names.items()
    ],
)
def test_the_date_filter_renders_each_language_s_format(settings, language, format_name, expected):
    settings.TIME_ZONE = "Asia/Shanghai"
    assert _render(format_name, language) == expected


def test_arabic_date_times_are_not_the_english_pattern():
    with translation.override("ar"):
        datetime_format = formats.get_format("DATETIME_FORMAT")
        short_format = formats.get_format("SHORT_DATETIME_FORMAT")
    with translation.override("en"):
        english = {
            formats.get_format("DATETIME_FORMAT"),
            formats.get_format("SHORT_DATETIME_FORMAT"),
        }
    assert datetime_format not in english
    assert short_format not in english
    # Day first, and the Arabic comma between date and time.
    assert _render("DATETIME_FORMAT", "ar").startswith("6 ")
    assert "،" in _render("DATETIME_FORMAT", "ar")


@pytest.mark.parametrize("language", [code for code in CODES if code != "en"])
def test_no_language_falls_back_to_the_english_date_time_patterns(language):
    """A language Django (or we) gave no pattern would silently read as US English."""
    with translation.override("en"):
        english = {name: formats.get_format(name) for name in _NAMES}
    with translation.override(language):
        own = {name: formats.get_format(name) for name in _NAMES}
    assert [name for name in _NAMES if own[name] == english[name]] == []


_NAMES = [
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
]


def test_arabic_keeps_western_digits():
    """A decision (docs/glossary.md): references and data use 0-9, so dates do too."""
    assert all(char.isascii() for char in _render("DATETIME_FORMAT", "ar") if char.isdigit())
