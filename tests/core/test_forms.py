"""Shared form widgets."""

from apps.core.forms import FastSelect


def test_fast_select_renders_like_django_select_and_escapes():
    widget = FastSelect(choices=[("", "All"), ("a&b", "<A>"), ("c", "C")])
    html = widget.render("venue", "a&b", {"id": "id_venue"})
    assert html == (
        '<select name="venue" id="id_venue"><option value="">All</option>'
        '<option value="a&amp;b" selected>&lt;A&gt;</option><option value="c">C</option></select>'
    )
    assert "selected" not in FastSelect(choices=[("x", "X")]).render("v", None)
