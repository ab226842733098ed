"""The security and personal-data logs in the admin: a line's detail reads as a list of
"label: value", escaped, with the JSON stored still on the line's page."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from apps.core.log_details import detail_html, detail_items
from apps.core.models import PersonalDataAccess, SecurityEvent

pytestmark = pytest.mark.django_db
LOG = "/admin/core/personaldataaccess/"
SECURITY_LOG = "/admin/core/securityevent/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def tbody(html: str) -> str:
    return re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)


@pytest.fixture
def line():
    return PersonalDataAccess.objects.create(
        action=PersonalDataAccess.Action.EXPORTED,
        subject="events.registration",
        row_count=2,
        actor_name="desk",
        detail={
            "format": "csv",
            "searched": True,
            "filters": {"status__exact": '<script>alert("x")</script>'},
            "events": [{"id": 7, "slug": "night-talk"}, {"id": 9, "slug": "tea"}],
        },
    )


def test_the_personal_data_log_reads_as_labels_and_values(registrations_officer, line):
    html = _client(registrations_officer).get(LOG).content.decode()
    rows = tbody(html)
    assert '<ul class="log-detail">' in rows
    assert "<li>Events: night-talk (#7), tea (#9)</li>" in rows
    assert "<li>Searched: yes</li>" in rows
    assert "<li>File format: csv</li>" in rows
    # What staff typed in a filter is escaped, and no JSON is shown in the list.
    assert (
        "<li>Filters: status__exact = &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li>"
        in rows
    )
    assert "<script>alert" not in html
    assert '{"' not in rows and "&quot;events&quot;" not in rows


def test_a_lines_page_keeps_the_json_stored(registrations_officer, line):
    html = _client(registrations_officer).get(f"{LOG}{line.pk}/change/").content.decode()
    assert "<li>Events: night-talk (#7), tea (#9)</li>" in html
    assert "Detail as stored (JSON)" in html
    assert (
        "&quot;events&quot;: [{&quot;id&quot;: 7, &quot;slug&quot;: &quot;night-talk&quot;}" in html
    )


def test_the_security_log_reads_as_labels_and_values(admin_user):
    SecurityEvent.objects.create(
        action=SecurityEvent.Action.SESSION_ENDED, username="desk", detail={"reason": "idle"}
    )
    SecurityEvent.objects.create(
        action=SecurityEvent.Action.LOGIN, username="desk", detail={"second_factor": "recovery"}
    )
    SecurityEvent.objects.create(action=SecurityEvent.Action.LOGIN_FAILED, username="nobody")
    rows = tbody(_client(admin_user).get(SECURITY_LOG).content.decode())
    assert "<li>Reason: no request for too long</li>" in rows
    assert "<li>Second factor: recovery code</li>" in rows
    assert '<td class="field-detail_text">—</td>' in rows


def test_known_keys_come_first_and_unknown_ones_as_written():
    items = detail_items({"zeta": [1, None], "operation": "message", "skipped": 0})
    assert items == [("Operation", "message to registrants"), ("Skipped", "0"), ("zeta", "1, —")]
    assert detail_html({}) == "—"


def test_labels_and_values_are_translated(monkeypatch):
    # The catalogs are merged later; a stand-in catalog shows both go through gettext.
    words = {
        "Reason": "原因",
        "no request for too long": "长时间无请求",
        "%(label)s: %(value)s": "%(label)s：%(value)s",
    }
    monkeypatch.setattr(
        translation._trans, "gettext", lambda message: words.get(message, message), raising=False
    )
    assert (
        str(detail_html({"reason": "idle"}))
        == '<ul class="log-detail"><li>原因：长时间无请求</li></ul>'
    )
