"""Time zones as visitors read them: the curated list, its names and order in every
language, the labels of times ("Beijing time (UTC+8)"), and the forms that take a zone."""

import json
import re
import zoneinfo
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.core import get_global
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from apps.core import timezones
from apps.core.timezones import (
    canonical_zone,
    listed_zone,
    listed_zones,
    utc_offset,
    zone_choices,
    zone_label,
)
from apps.events.forms import RegistrationForm
from apps.events.models import Registration
from tests.events.factories import EventFactory, registration_form_data

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
WINTER = datetime(2027, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2027, 7, 15, 12, tzinfo=UTC)

BEIJING_TIME = {
    "zh-hans": "北京时间（UTC+8）",
    "en": "Beijing time (UTC+8)",
    "ja": "北京時間（UTC+8）",
    "ru": "Пекинское время (UTC+8)",
    "fr": "Heure de Beijing (UTC+8)",
    "es": "Hora de Beijing (UTC+8)",
    "ar": "توقيت بكين (UTC+8)",
}
MINSK_TIME = {
    "zh-hans": "明斯克时间（UTC+3）",
    "en": "Minsk time (UTC+3)",
    "ja": "ミンスク時間（UTC+3）",
    "ru": "Минск (UTC+3)",
    "fr": "Heure : Minsk (UTC+3)",
    "es": "Hora de Minsk (UTC+3)",
    "ar": "توقيت مينسك (UTC+3)",
}


def options(language):
    return {zone: label for _group, pairs in zone_choices(language) for zone, label in pairs}


# --- The list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_has_real_zones_only(language):
    zones = options(language)
    assert 250 < len(zones) < 350  # not the ~600 raw identifiers
    for junk in ("Factory", "W-SU", "Etc/GMT+8", "Etc/UTC", "EST5EDT", "US/Eastern", "PRC"):
        assert junk not in zones
    assert not [zone for zone in zones if zone.startswith(("Etc/", "SystemV/", "US/"))]
    aliases = get_global("zone_aliases")
    for zone in zones:
        assert zone in zoneinfo.available_timezones()
        assert canonical_zone(zone) == zone, zone  # no alias such as Asia/Calcutta
        assert zone not in aliases, zone
    assert set(zones) == set(listed_zones())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_is_grouped_by_region_named_in_the_visitors_language(language):
    groups = [label for label, _pairs in zone_choices(language)]
    expected = {
        "zh-hans": {"非洲", "美洲", "亚洲", "欧洲", "大洋洲"},
        "en": {"Africa", "Americas", "Asia", "Europe", "Oceania"},
        "ja": {"アフリカ", "アメリカ大陸", "アジア", "ヨーロッパ", "オセアニア"},
        "ru": {"Африка", "Америка", "Азия", "Европа", "Океания"},
        "fr": {"Afrique", "Amériques", "Asie", "Europe", "Océanie"},
        "es": {"África", "América", "Asia", "Europa", "Oceanía"},
        "ar": {"أفريقيا", "الأمريكتان", "آسيا", "أوروبا", "أوقيانوسيا"},
    }[language]
    assert set(groups) == expected
    region = {zone: label for label, pairs in zone_choices(language) for zone, _l in pairs}
    europe, asia, americas = (
        region["Europe/Minsk"],
        region["Asia/Tokyo"],
        region["America/New_York"],
    )
    # Islands go with their country or region, Russia's zones with their continent.
    assert region["Atlantic/Canary"] == region["Atlantic/Reykjavik"] == europe
    assert region["Pacific/Galapagos"] == region["Pacific/Honolulu"] == americas
    assert region["Asia/Vladivostok"] == asia and region["Europe/Moscow"] == europe
    assert region["Indian/Maldives"] == asia


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_option_is_named_in_the_visitors_language(language):
    zones = options(language)
    assert zones["Asia/Shanghai"] == BEIJING_TIME[language]
    minsk = {
        "zh-hans": "明斯克",
        "en": "Minsk",
        "ja": "ミンスク",
        "ru": "Минск",
        "fr": "Minsk",
        "es": "Minsk",
        "ar": "مينسك",
    }[language]
    assert zones["Europe/Minsk"].startswith(minsk)  # the place first: typing "M" finds it
    assert "UTC+3" in zones["Europe/Minsk"]
    assert all("/" not in label and "_" not in label for label in zones.values())


def test_every_country_keeps_a_zone_and_large_countries_keep_each_of_theirs():
    listed = set(listed_zones())
    territories = get_global("zone_territories")
    countries = {code for code in territories.values() if len(code) == 2} - {"ZZ", "AQ"}
    assert countries == {territories[zone] for zone in listed}
    assert {
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",  # Mountain time without summer time: a zone of its own
        "America/Los_Angeles",
        "America/Anchorage",
        "Pacific/Honolulu",
    } <= listed
    russia = {zone for zone in listed if territories[zone] == "RU"}
    assert {"Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg"} <= russia
    assert {"Asia/Krasnoyarsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Kamchatka"} <= russia
    assert {"Asia/Shanghai", "Asia/Urumqi"} <= listed
    assert {"Australia/Sydney", "Australia/Brisbane", "Australia/Perth"} <= listed
    # Zones that keep another listed zone's time stand behind it.
    assert "America/Indiana/Knox" not in listed and "Australia/Hobart" not in listed


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("zh-hans", "Asia/Shanghai", "Asia/Tokyo"),  # 北京 (bei) before 东京 (dong)
        ("zh-hans", "Asia/Tokyo", "Asia/Seoul"),  # 东京 (dong) before 首尔 (shou)
        ("ru", "Europe/Berlin", "Europe/Minsk"),  # Берлин before Минск
        ("en", "Europe/Amsterdam", "Europe/Zurich"),
        ("fr", "Europe/Zagreb", "Europe/Zurich"),
        ("ar", "Europe/Berlin", "Europe/Minsk"),  # برلين before مينسك
    ],
)
def test_the_list_follows_the_visitors_alphabet(language, first, second):
    order = [zone for _group, pairs in zone_choices(language) for zone, _label in pairs]
    assert order.index(first) < order.index(second)


@pytest.mark.parametrize("at", [WINTER, SUMMER])
def test_the_kept_labels_are_those_of_each_zone_at_that_instant(at):
    # The list keeps its labels per set of offsets: it must say what each zone says.
    for language in ("en", "ru"):
        for _group, pairs in zone_choices(language, at):
            for zone, label in pairs:
                assert label == timezones.option_label(zone, at, language)


def test_the_list_follows_the_clock_changes():
    def new_york(at):
        return {z: label for _g, pairs in zone_choices("en", at) for z, label in pairs}[
            "America/New_York"
        ]

    assert (new_york(WINTER), new_york(SUMMER)) == ("New York (UTC−5)", "New York (UTC−4)")


def test_the_list_is_sorted_once_per_language_and_process():
    zone_choices("ja")
    with CaptureQueriesContext(connection) as queries:
        zone_choices("ja")
        zone_choices("ja", at=SUMMER)
    assert len(queries) == 0


# --- Names of times -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_beijing_time_is_one_sentence_in_every_language(language):
    for spelling in ("Asia/Shanghai", "Asia/Chongqing", "PRC"):
        assert zone_label(spelling, SUMMER, language) == BEIJING_TIME[language]
    with translation.override(language):
        assert gettext("Beijing time (UTC+8)") == BEIJING_TIME[language]
    assert "CST" not in BEIJING_TIME[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_other_zones_are_named_by_their_place(language):
    assert zone_label("Europe/Minsk", WINTER, language) == MINSK_TIME[language]


@pytest.mark.parametrize(
    ("zone", "at", "offset"),
    [
        ("America/New_York", WINTER, "UTC−5"),
        ("America/New_York", SUMMER, "UTC−4"),
        ("Europe/Berlin", WINTER, "UTC+1"),
        ("Europe/Berlin", SUMMER, "UTC+2"),
        ("Australia/Sydney", WINTER, "UTC+11"),  # the southern summer
        ("Australia/Sydney", SUMMER, "UTC+10"),
        ("America/Phoenix", SUMMER, "UTC−7"),
        ("Asia/Kolkata", SUMMER, "UTC+5:30"),
        ("Asia/Kathmandu", SUMMER, "UTC+5:45"),
        ("America/St_Johns", WINTER, "UTC−3:30"),
        ("Pacific/Kiritimati", WINTER, "UTC+14"),
        ("Pacific/Pago_Pago", WINTER, "UTC−11"),
        ("Europe/London", WINTER, "UTC+0"),
    ],
)
def test_offsets_have_the_right_sign_at_the_given_instant(zone, at, offset):
    assert zone_label(zone, at, "en").endswith(f"({offset})")


def test_a_posix_style_zone_is_not_read_backwards():
    # Etc/GMT+8 is eight hours *behind* UTC: POSIX inverts the sign in the name.
    for language in LANGUAGES:
        assert zone_label("Etc/GMT+8", WINTER, language) == "UTC−8"
        assert zone_label("Etc/GMT-14", WINTER, language) == "UTC+14"
    assert utc_offset(datetime(2027, 1, 1, tzinfo=zoneinfo.ZoneInfo("Etc/GMT+8")).utcoffset()) == (
        "UTC−8"
    )


@pytest.mark.parametrize(
    ("name", "canonical", "listed"),
    [
        ("Asia/Calcutta", "Asia/Kolkata", "Asia/Kolkata"),  # what Chrome says
        ("Europe/Kiev", "Europe/Kyiv", "Europe/Kyiv"),
        ("W-SU", "Europe/Moscow", "Europe/Moscow"),
        ("US/Eastern", "America/New_York", "America/New_York"),
        ("America/Indiana/Knox", "America/Indiana/Knox", "America/Chicago"),
        ("America/Detroit", "America/Detroit", "America/New_York"),
        ("Antarctica/McMurdo", "Antarctica/McMurdo", "Pacific/Auckland"),
        ("Etc/GMT+8", "Etc/GMT+8", None),
        ("Factory", None, None),
        ("europe/minsk", None, None),
        ("Mars/Olympus_Mons", None, None),
        ("", None, None),
    ],
)
def test_spellings_are_canonicalised_and_shown_by_a_listed_zone(name, canonical, listed):
    assert canonical_zone(name) == canonical
    assert listed_zone(name) == listed


# --- The registration form ---------------------------------------------------------------


def _data(**values):
    """The register form as a visitor sends it (filled in a minute after it was shown)."""
    return registration_form_data(organisation="", **values)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),  # an old link, as Chrome still names it
        ("America/Indiana/Knox", "America/Indiana/Knox"),  # real, though not listed
        ("Etc/GMT-3", "Etc/GMT-3"),
    ],
)
def test_any_valid_zone_is_accepted_and_stored_canonical(client, sent, stored):
    event = EventFactory(takes_registrations=True)
    with translation.override("en"):
        url = event.get_register_url()
    response = client.post(url, _data(time_zone=sent))
    # Registered: the page that says to check the email (the same for every address).
    assert response.status_code == 200
    assert Registration.objects.get().time_zone == stored


@pytest.mark.parametrize("language", ["ru", "ar", "zh-hans"])
def test_a_garbage_zone_is_refused_in_the_visitors_language(client, language):
    event = EventFactory(takes_registrations=True)
    with translation.override(language):
        url = event.get_register_url()
        message = gettext("Choose your time zone from the list.")
    assert message != "Choose your time zone from the list."
    response = client.post(url, _data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_the_form_offers_the_grouped_list_and_tells_the_script_the_aliases(client):
    event = EventFactory(takes_registrations=True, time_zone="Asia/Shanghai")
    with translation.override("ru"):
        url = event.get_register_url()
    html = client.get(url).content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    assert '<optgroup label="Европа">' in select and '<optgroup label="Азия">' in select
    assert '<option value="Asia/Shanghai" selected>Пекинское время (UTC+8)</option>' in select
    assert '<option value="Europe/Minsk">Минск (UTC+3)</option>' in select
    offered = re.sub(r'data-zone-aliases="[^"]*"', "", select)
    assert "Factory" not in offered and "Etc/" not in offered and "W-SU" not in offered
    assert "data-browser-time-zone" in select
    attribute = re.search(r'data-zone-aliases="([^"]*)"', select).group(1)
    aliases = json.loads(attribute.replace("&quot;", '"'))
    assert aliases["Asia/Calcutta"] == "Asia/Kolkata"
    assert aliases["America/Detroit"] == "America/New_York"
    assert "Etc/UTC" not in aliases and "Factory" not in aliases  # no place to preselect


def test_a_zone_outside_the_list_stays_chosen():
    with translation.override("en"):
        form = RegistrationForm(data=_data(time_zone="America/Indiana/Knox", email="x"))
        html = str(form["time_zone"])
    assert '<option value="America/Indiana/Knox" selected>' in html
    assert html.count('value="America/Indiana/Knox"') == 1


def test_the_scripts_use_the_servers_words_and_aliases():
    registration = Path(finders.find("js/registration.js")).read_text()
    assert "data-zone-aliases" in registration
    local_time = Path(finders.find("js/local-time.js")).read_text()
    assert "beijingLabel" in local_time and "zonePattern" in local_time
    assert "\\u2212" in local_time  # the same minus sign as the server's


# --- Pages ----------------------------------------------------------------------------------


# The event is in May 2027: the clock is pinned before it, so every clock of
# `make test-clocks` (one is the end of 2027) still shows it as upcoming.
@pytest.mark.clock("2026-12-02")
@pytest.mark.parametrize("language", LANGUAGES)
def test_event_pages_never_say_a_bare_cst(client, language):
    event = EventFactory(
        time_zone="Asia/Shanghai",
        local_start="2027-05-20 19:00",
        takes_registrations=True,
        slug="evening-talk",
    )
    with translation.override(language):
        urls = ["/" + language + "/", event.get_absolute_url(), event.get_register_url()]
        urls.append(f"/{language}/events/")
    for url in urls:
        html = client.get(url).content.decode()
        assert not re.search(r"\bCST\b", html), url
        assert BEIJING_TIME[language] in html, url
    detail = client.get(urls[1]).content.decode()
    assert '<time datetime="2027-05-20T19:00:00+08:00">' in detail
    node = re.search(r"<dd [^>]*data-local-time[^>]*>", detail).group(0)
    assert f'data-beijing-label="{BEIJING_TIME[language]}"' in node
    with translation.override(language):
        pattern = gettext("%(place)s (%(offset)s)")  # the words of the list's options
    assert f'data-zone-pattern="{pattern}"' in node
    if language == "zh-hans":
        assert pattern == "%(place)s（%(offset)s）"


def test_the_admin_offers_the_same_list_in_the_staff_members_language(admin_client):
    event = EventFactory(time_zone="Etc/GMT-8")
    admin_client.cookies["django_language"] = "fr"
    with translation.override("fr"):
        html = admin_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    assert '<optgroup label="Europe">' in select and '<optgroup label="Amériques">' in select
    # An existing value outside the list is kept, not silently replaced.
    assert '<option value="Etc/GMT-8" selected>UTC+8</option>' in select
    assert "Heure de Beijing (UTC+8)" in select


def test_the_module_keeps_no_state_between_languages():
    # Rendering in one language must not change another's list (a shared cache bug).
    english = options("en")
    options("ar")
    assert options("en") == english
    assert timezones.babel_locale("zh-hans").script == "Hans"
