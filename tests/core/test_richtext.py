import pytest

from apps.core.richtext import render_markdown, sanitize_html


def test_markdown_is_rendered():
    html = render_markdown("## Title\n\n**bold** and [a link](https://example.org)")
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
        "<style>body{display:none}</style>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<form action="https://evil.example"><input name="p"></form>',
    ],
)
def test_staff_text_cannot_inject_script(attack):
    html = str(render_markdown(f"Hello\n\n{attack}"))
    lowered = html.lower()
    for bad in (
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "onload",
        "<style",
        "style=",
        "<form",
        "<input",
    ):
        assert bad not in lowered, html


def test_sanitize_keeps_harmless_markup_and_language_attributes():
    html = sanitize_html(
        '<p lang="ar" dir="rtl">مرحبا</p><table><tr><th scope="col">a</th></tr></table>'
    )
    assert '<p lang="ar" dir="rtl">' in html
    assert '<th scope="col">' in html


def test_richtext_filter_in_templates():
    from django.template import Context, Template

    out = Template("{% load core_tags %}{{ body|richtext }}").render(
        Context({"body": "*hi* <script>x</script>"})
    )
    assert "<em>hi</em>" in out
    assert "<script" not in out


def test_empty_text_renders_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
