"""The join-link guard finds the private link however staff wrote it (issue 15)."""

import pytest
from django.core.exceptions import ValidationError

from apps.events.join_links import join_link_core, join_link_in
from tests.languages import FIELD_SUFFIXES

from .factories import EventFactory

JOIN_URL = "https://meet.example.org/j/8841?pwd=Xc7Q"


@pytest.mark.parametrize(
    "written",
    [
        "https://meet.example.org/j/8841?pwd=Xc7Q",
        "HTTPS://MEET.EXAMPLE.ORG/J/8841?PWD=XC7Q",
        "http://meet.example.org/j/8841?pwd=Xc7Q",
        "meet.example.org/j/8841?pwd=Xc7Q",
        "www.meet.example.org/j/8841?pwd=Xc7Q",
        "https://meet.example.org/j/%38%38%34%31?pwd=Xc7Q",
        "https%3A%2F%2Fmeet.example.org%2Fj%2F8841%3Fpwd%3DXc7Q",
        "ｍｅｅｔ.example.org/j/8841?pwd=Xc7Q",  # full-width letters from a CJK editor
        "Rejoignez-nous : <https://meet.example.org/j/8841?pwd=Xc7Q>.",
    ],
)
def test_every_shape_of_the_link_is_found(written):
    assert join_link_in(f"Lien : {written} !", JOIN_URL)


def test_a_trailing_slash_on_either_side_is_the_same_link():
    assert join_link_in("meet.example.org/j/8841/", "https://meet.example.org/j/8841")
    assert join_link_in("meet.example.org/j/8841", "https://meet.example.org/j/8841/")


@pytest.mark.parametrize(
    "text",
    ["", "https://meet.example.org/j/8842?pwd=Xc7Q", "meet.example.org", "See the email."],
)
def test_other_text_is_not_the_link(text):
    assert not join_link_in(text, JOIN_URL)


def test_the_core_drops_scheme_www_and_slash():
    assert join_link_core("HTTPS://www.Meet.example.org/J/1/") == "meet.example.org/j/1"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", FIELD_SUFFIXES)
def test_an_upper_case_link_in_a_summary_is_refused_in_every_language(lang):
    event = EventFactory.build(
        join_url=JOIN_URL, **{f"summary_{lang}": "Lien : HTTPS://MEET.EXAMPLE.ORG/J/8841?PWD=XC7Q"}
    )
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert f"summary [{lang}]" in raised.value.message_dict["join_url"][0]
