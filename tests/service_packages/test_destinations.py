"""The destination countries of a request: grouped checkboxes, not a <select multiple>."""

import re
from html import unescape

import pytest
from django.utils import translation

from tests.languages import CODES

from .test_apply import form_data, start, urls

pytestmark = pytest.mark.django_db


def picker_of(content: str) -> str:
    match = re.search(
        r'<fieldset class="form-field[^"]*" id="id_destination_countries-group".*?</fieldset>',
        content,
        re.S,
    )
    assert match, "the destination countries are not a fieldset"
    return match.group(0)


def groups_of(picker: str) -> list[tuple[bool, str, list[str], list[str]]]:
    """(open, heading, codes, checked codes) of each <details> group."""
    groups = []
    for attrs, body in re.findall(r"<details([^>]*)>(.*?)</details>", picker, re.S):
        heading = re.search(r"<summary[^>]*>(.*?)<span", body, re.S).group(1)
        codes = re.findall(r'<input type="checkbox"[^>]*value="([A-Z]{2})"', body)
        checked = re.findall(r'<input type="checkbox"[^>]*value="([A-Z]{2})"[^>]* checked', body)
        groups.append((" open" in attrs, unescape(heading.strip()), codes, checked))
    return groups


@pytest.mark.parametrize("language", CODES)
def test_destinations_are_checkboxes_grouped_with_china_s_regions_under_china(
    client, going_abroad, language
):
    apply_url, _ = urls(going_abroad, language)
    content = client.get(apply_url).content.decode()
    assert "<select multiple" not in content and " multiple>" not in content
    assert "Ctrl" not in content and "Cmd" not in content
    picker = picker_of(content)
    assert "<legend>" in picker
    groups = groups_of(picker)
    china, *continents = groups
    assert china[2] == ["CN", "HK", "MO", "TW"]
    for _open, _heading, codes, _checked in continents:
        assert not {"HK", "MO", "TW"} & set(codes)
    assert sum(len(codes) for _o, _h, codes, _c in groups) == 249
    # Nothing chosen yet: every group is closed, so a phone shows seven headings.
    assert not any(is_open for is_open, *_rest in groups)
    assert 'src="/static/js/checkbox-filter.js' in content


def test_chosen_destinations_stay_checked_and_their_groups_open_after_an_error(
    client, going_abroad
):
    apply_url, _ = urls(going_abroad, "ru")
    token = start(client, going_abroad, "ru")
    data = form_data(going_abroad, token, files={}, email="not-an-email")
    data["destination_countries"] = ["TW", "BY", "FR"]
    response = client.post(apply_url, data)
    assert response.status_code == 400
    content = response.content.decode()
    groups = groups_of(picker_of(content))
    opened = {heading: checked for is_open, heading, _codes, checked in groups if is_open}
    with translation.override("ru"):
        assert opened == {"Китай": ["TW"], "Европа": ["BY", "FR"]}
    chips = re.search(r"data-chosen-list>(.*?)</ul>", content, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", chips) == ["Тайвань, Китай", "Беларусь", "Франция"]


def test_china_s_regions_and_china_are_accepted_as_destinations(client, going_abroad):
    apply_url, check_url = urls(going_abroad)
    token = start(client, going_abroad)
    data = form_data(going_abroad, token, destination_countries=["CN", "HK", "MO", "TW"])
    response = client.post(apply_url, data)
    assert response.status_code == 302, response.content.decode()[:300]
    assert response["Location"] == check_url
    page = client.get(check_url).content.decode()
    for name in ("Hong Kong SAR, China", "Macao SAR, China", "Taiwan, China"):
        assert name in page


def test_the_error_summary_link_reaches_the_destinations(client, going_abroad):
    apply_url, _ = urls(going_abroad)
    token = start(client, going_abroad)
    response = client.post(apply_url, form_data(going_abroad, token, destination_countries=[]))
    content = response.content.decode()
    assert 'href="#id_destination_countries"' in content
    assert re.search(r'<div class="checkbox-picker" id="id_destination_countries"', content)
    fieldset = re.search(r'<fieldset[^>]*id="id_destination_countries-group"[^>]*>', content)
    assert "id_destination_countries-error" in fieldset.group(0)
