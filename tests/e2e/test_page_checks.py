"""The page checks of test_public_pages catch what they are for (and pass what is fine)."""

import pytest

from tests.e2e.page_checks import (
    axe_violations,
    focus_not_visible,
    language_attributes,
    sideways_scroll,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def blank(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    yield context.new_page()
    context.close()


def test_a_wide_element_is_named_with_how_far_it_sticks_out(blank):
    blank.set_content(
        '<body style="margin:0"><main><form class="apply">'
        '<select id="country" style="width:500px"><option>A long country name</option></select>'
        "</form></main></body>"
    )

    [problem] = sideways_scroll(blank)

    assert "scrolls sideways: 500 px wide in a 360 px viewport" in problem
    assert "main > form.apply > select#country [0..500 px of 360]" in problem


def test_content_cut_by_a_hidden_overflow_is_still_found(blank):
    blank.set_content(
        '<html style="overflow-x:hidden"><body style="margin:0">'
        '<p style="width:420px">Long line</p></body></html>'
    )

    [problem] = sideways_scroll(blank)

    assert problem.startswith("content cut at the viewport's edge")
    assert 'p [0..420 px of 360] "Long line"' in problem


def test_scroll_boxes_closed_menus_and_hidden_text_are_not_overflow(blank):
    blank.set_content(
        '<body style="margin:0">'
        '<div style="overflow-x:auto"><table style="width:900px"><tr><td>Wide</td></tr></table>'
        "</div>"
        '<details><summary>Menu</summary><div style="width:900px">Panel</div></details>'
        '<a href="#main" style="position:absolute;left:-10000px">Skip</a>'
        '<span style="position:absolute;width:1px;height:1px;overflow:hidden;'
        'clip:rect(0 0 0 0)">Visually hidden</span></body>'
    )

    assert sideways_scroll(blank) == []


def test_right_to_left_overflow_on_the_left_is_found(blank):
    blank.set_content(
        '<html dir="rtl"><body style="margin:0"><p style="width:400px">نص طويل</p></body></html>'
    )

    [problem] = sideways_scroll(blank)

    assert "400 px wide in a 360 px viewport" in problem


def test_axe_reports_serious_violations_with_rule_and_element(blank):
    blank.set_content(
        '<html lang="en"><body><main><h1>Title</h1>'
        '<p class="faint" style="color:#ccc;background:#fff">Hard to read</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="no-alt">'
        "</main></body></html>"
    )

    problems = axe_violations(blank)

    assert any(
        p.startswith("axe color-contrast [serious]") and "contrast of 1.6" in p for p in problems
    )
    assert any(p.startswith("axe image-alt [critical]") and "img" in p for p in problems)


def test_axe_passes_a_plain_accessible_page(blank):
    blank.set_content(
        '<html lang="en"><head><title>Fine</title></head><body><main><h1>Title</h1>'
        '<label for="name">Name</label><input id="name"></main></body></html>'
    )

    assert axe_violations(blank) == []


def test_focus_without_any_indicator_is_named(blank):
    blank.set_content(
        "<style>a:focus, button:focus { outline: none } .ringed:focus { outline: 2px solid }"
        ".card:focus-within { box-shadow: 0 0 0 3px blue }</style>"
        '<a href="#a" class="bare">Bare link</a>'
        '<div class="card"><a href="#b">Card link</a></div>'
        '<a href="#c" class="ringed">Ringed link</a>'
        "<button>Plain button</button>"
    )

    problems = focus_not_visible(blank)

    assert problems == [
        'focus not visible on a.bare "Bare link"',
        'focus not visible on button "Plain button"',
    ]


def test_language_attributes_are_compared(blank):
    blank.set_content('<html lang="ar" dir="rtl"><body>نص</body></html>')

    assert language_attributes(blank, "ar", "rtl") == []
    assert language_attributes(blank, "ja", "ltr") == [
        '<html lang="ar" dir="rtl">, expected lang="ja" dir="ltr"'
    ]
