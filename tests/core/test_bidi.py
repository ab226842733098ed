"""The bidi helpers: left-to-right islands and text in its own direction (apps/core/bidi.py)."""

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from apps.core import bidi
from apps.core.bidi import FSI, LRI, PDI
from apps.core.i18n import is_rtl

# One of each kind of left-to-right token the site shows.
TOKENS = {
    "reference": "XC-2026-000001",
    "code": "K7QF-9XRM-2HTD-WP4C",
    "url": "https://www.nakano-tokyo.example/ja/",
    "email": "service@xicheng.example.org",
    "phone": "+86 10 6615 0000",
    "number with unit": "12.5 km",
    "coordinates": "39.94, 116.38",
}


def _render(source, **context):
    return Template("{% load bidi_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("value", TOKENS.values(), ids=TOKENS.keys())
def test_each_kind_of_token_becomes_a_left_to_right_island(value):
    assert bidi.isolate_ltr(value) == f'<span dir="ltr">{value}</span>'
    assert _render("{{ value|ltr }}", value=value) == f'<span dir="ltr">{value}</span>'


def test_isolating_escapes_the_value():
    hostile = '<script>alert("x")</script>&'
    expected = '<span dir="ltr">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</span>'
    assert bidi.isolate_ltr(hostile) == expected
    assert _render("{{ value|ltr }}", value=hostile) == expected
    assert "<script>" not in bidi.isolate_auto(hostile)
    assert "<script>" not in _render("{{ value|dir_auto }}", value=hostile)


def test_the_isolated_value_is_safe_and_not_escaped_twice():
    isolated = bidi.isolate_ltr("a&b")
    assert isinstance(isolated, SafeString)
    assert _render("{{ value|ltr }}", value="a&b") == '<span dir="ltr">a&amp;b</span>'


def test_html_already_marked_safe_is_wrapped_as_it_is():
    link = mark_safe('<a href="/x">XC-2026-000001</a>')
    assert bidi.isolate_ltr(link) == f'<span dir="ltr">{link}</span>'


def test_isolating_twice_changes_nothing():
    once = bidi.isolate_ltr("XC-2026-000001")
    assert bidi.isolate_ltr(once) == once
    assert bidi.isolate_auto(once) == once
    assert _render("{{ value|ltr|ltr }}", value="XC-2026-000001") == once
    # A copy of the markup that went through a template keeps that property.
    assert bidi.isolate_ltr(SafeString(str(once))) == once
    auto = bidi.isolate_auto("Amélie Dupont")
    assert bidi.isolate_auto(auto) == auto
    plain = bidi.isolate_ltr_plain("XC-2026-000001", "ar")
    assert bidi.isolate_ltr_plain(plain, "ar") == plain


def test_empty_values_give_no_markup():
    for value in (None, ""):
        assert bidi.isolate_ltr(value) == ""
        assert bidi.isolate_auto(value) == ""
        assert bidi.isolate_ltr_plain(value, "ar") == ""


def test_numbers_are_isolated_as_text():
    assert bidi.isolate_ltr(2027) == '<span dir="ltr">2027</span>'


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Merci de nous envoyer le passeport.", "auto"),
        ("يرجى إرسال جواز السفر", "auto"),
        ("张伟", "auto"),
        # No letters: no direction of its own, and it reads left to right.
        ("+86 10 6615 0000", "ltr"),
        ("2027-02-06 10:30", "ltr"),
        ("", "ltr"),
    ],
)
def test_text_direction(text, direction):
    assert bidi.text_direction(text) == direction
    assert _render("{{ value|text_dir }}", value=text) == direction


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Merci, à bientôt", "ltr"),
        ("يرجى إرسال جواز السفر", "rtl"),
        ("« يرجى »", "rtl"),  # punctuation first: the first letter decides
        ("Amélie: يرجى", "ltr"),
        ("1234", "ltr"),
    ],
)
def test_resolved_direction_is_the_first_letters(text, direction):
    assert bidi.resolved_direction(text) == direction


def test_user_text_is_isolated_in_its_own_direction():
    assert bidi.isolate_auto("Amélie Dupont") == '<span dir="auto">Amélie Dupont</span>'
    assert bidi.isolate_auto("+33 1 23") == '<span dir="ltr">+33 1 23</span>'
    assert _render("{{ value|dir_auto }}", value="نادية") == '<span dir="auto">نادية</span>'


# --- Plain text: Unicode isolates, in right-to-left languages only -------------------------


def test_plain_text_gets_unicode_isolates_in_arabic():
    with translation.override("ar"):
        assert bidi.isolate_ltr_plain("XC-2026-000001") == f"{LRI}XC-2026-000001{PDI}"
        assert bidi.isolate_auto_plain("Amélie") == f"{FSI}Amélie{PDI}"
        assert _render("{{ value|ltr_plain }}", value="XC-2026-000001") == (
            f"{LRI}XC-2026-000001{PDI}"
        )


@pytest.mark.parametrize(
    "language", [code for code, _name in settings.LANGUAGES if not is_rtl(code)]
)
def test_left_to_right_languages_are_left_alone(language):
    """No invisible characters where no reordering can happen."""
    with translation.override(language):
        assert bidi.isolate_ltr_plain("XC-2026-000001") == "XC-2026-000001"
        assert bidi.isolate_auto_plain("نادية") == "نادية"
        assert _render("{{ value|ltr_plain }}", value="XC-2026-000001") == "XC-2026-000001"
        # HTML islands are harmless everywhere and look the same.
        assert _render("{{ value|ltr }}", value="XC-1") == '<span dir="ltr">XC-1</span>'


def test_plain_isolates_keep_safe_text_safe_and_escape_the_rest():
    with translation.override("ar"):
        assert _render("{{ value|ltr_plain }}", value="a<b") == f"{LRI}a&lt;b{PDI}"
        assert _render("{{ value|ltr_plain }}", value=mark_safe("a<b")) == f"{LRI}a<b{PDI}"


def test_strip_bidi_controls():
    copied = f"\u200f{LRI}XC-2026-000001{PDI}\u200e\u061c"
    assert bidi.strip_bidi_controls(copied) == "XC-2026-000001"
    assert bidi.strip_bidi_controls("نادية Dupont") == "نادية Dupont"


# --- Form inputs ------------------------------------------------------------------------


class _Form(forms.Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea)
    email = forms.EmailField()
    website = forms.URLField(assume_scheme="https")
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}))
    month = forms.CharField(widget=forms.TextInput(attrs={"type": "month"}))
    token = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(widget=forms.TextInput(attrs={"dir": "ltr"}))


def test_inputs_get_the_direction_of_what_is_typed_into_them():
    form = _Form()
    bidi.set_input_directions(form)
    directions = {name: field.widget.attrs.get("dir") for name, field in form.fields.items()}
    assert directions == {
        "name": "auto",
        "note": "auto",
        "email": "ltr",
        "website": "ltr",
        "phone": "ltr",
        "month": None,
        "token": None,
        "code": "ltr",  # a direction the form chose itself is kept
    }
    assert 'dir="auto"' in str(form["name"])
    # The class's widgets are untouched: each form has its own copies.
    assert "dir" not in _Form.base_fields["name"].widget.attrs


# Digit runs in prose ---------------------------------------------------------------


def test_phone_numbers_in_prose_are_kept_whole():
    from apps.core.bidi import isolate_number_runs

    text = "اتصل بالرقم +86 10 12308 أو 65612308 10 86+ على مدار الساعة."
    html = isolate_number_runs(text)
    assert '<span dir="ltr">+86 10 12308</span>' in html
    assert '<span dir="ltr">65612308 10 86</span>' in html


def test_lone_numbers_and_years_are_left_in_the_sentence():
    from apps.core.bidi import isolate_number_runs

    assert isolate_number_runs("نحو 20 يوم عمل منذ 2016") == "نحو 20 يوم عمل منذ 2016"


def test_digit_runs_escape_the_rest_of_the_text():
    from apps.core.bidi import isolate_number_runs

    html = isolate_number_runs("<b>Tel</b> (010) 6515-2308")
    assert html == '&lt;b&gt;Tel&lt;/b&gt; <span dir="ltr">(010) 6515-2308</span>'
    assert isolate_number_runs("") == "" and isolate_number_runs(None) == ""


def test_the_apply_page_keeps_the_consular_hotline_whole_in_arabic(client, db):
    from tests.service_packages.factories import item, package

    going = package(slug="going-abroad")
    item(going, title="Consular protection", description_ar="اتصل بالرقم +86 10 12308 ليلًا ونهارًا")
    html = client.get("/ar/services/going-abroad/apply/").content.decode()
    assert '<span dir="ltr">+86 10 12308</span>' in html
    html = client.get("/ar/services/going-abroad/").content.decode()
    assert '<span dir="ltr">+86 10 12308</span>' in html
