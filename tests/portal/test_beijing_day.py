"""The portal's day is Beijing's: what turns over at 16:00 UTC, seen on both sides of it.

Dates are taken in the site's zone (TIME_ZONE, Asia/Shanghai) on purpose. Each test
sets the clock a minute before and a minute after Beijing's midnight, when the UTC date
is still the day before, and checks what a visitor, an applicant or an officer sees.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from apps.service_packages.models import ServiceRequest
from tests.service_packages.factories import going_abroad_package, submit
from tests.sister_cities.factories import SisterCityFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
# Beijing's midnight between 3 and 4 December 2026, and the new year 2027.
BEFORE = dt.datetime(2026, 12, 3, 15, 59, tzinfo=UTC)
AFTER = dt.datetime(2026, 12, 3, 16, 1, tzinfo=UTC)
NEW_YEAR_EVE = dt.datetime(2026, 12, 31, 15, 59, tzinfo=UTC)
NEW_YEAR = dt.datetime(2026, 12, 31, 16, 1, tzinfo=UTC)


def facts(html: str) -> dict[str, str]:
    """The partner page's facts box: each term and its text."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return {term: re.sub(r"<[^>]+>", "", value).strip() for term, value in pairs}


def test_an_anniversary_turns_at_beijing_midnight_on_the_partner_page(client):
    # Ties established on 4 December 2021: five years on 4 December 2026, Beijing time.
    SisterCityFactory(slug="nakano", established_on=dt.date(2021, 12, 4))
    with time_machine.travel(BEFORE, tick=False):
        before = facts(client.get("/en/sister-cities/nakano/").content.decode())
    with time_machine.travel(AFTER, tick=False):
        after = facts(client.get("/en/sister-cities/nakano/").content.decode())
    assert before["Years of ties"] == "4"
    assert after["Years of ties"] == "5"
    assert before["Next round anniversary"].startswith("5 years")
    assert after["Next round anniversary"].startswith("5 years")
    assert "Dec. 4, 2026" in after["Next round anniversary"]


def test_the_directory_lists_an_anniversary_until_its_beijing_day_is_over(client):
    SisterCityFactory(slug="nakano", name_en="Nakano", established_on=dt.date(2021, 12, 3))
    anniversary = 'datetime="2026-12-03"'
    with time_machine.travel(BEFORE, tick=False):
        assert anniversary in client.get("/en/sister-cities/").content.decode()
    with time_machine.travel(AFTER, tick=False):
        # 4 December in Beijing: the fifth anniversary is past, the tenth is years away.
        assert anniversary not in client.get("/en/sister-cities/").content.decode()


def test_a_request_sent_after_beijing_midnight_on_new_years_eve_counts_in_the_new_year():
    package = going_abroad_package()
    with time_machine.travel(NEW_YEAR_EVE, tick=False):
        old_year = submit(package)
    with time_machine.travel(NEW_YEAR, tick=False):
        new_year = submit(package)
    assert old_year.reference.startswith("XC-2026-")
    # Still 31 December in UTC, already 1 January in Beijing.
    assert new_year.reference == "XC-2027-000001"
    assert timezone.localdate(new_year.submitted_at) == dt.date(2027, 1, 1)
    # Working days count from the Beijing day the request arrived.
    assert new_year.due_on > old_year.due_on


def test_a_request_becomes_overdue_at_beijing_midnight_after_its_due_date():
    package = going_abroad_package()
    with time_machine.travel(BEFORE - dt.timedelta(days=20), tick=False):
        request = submit(package)
    ServiceRequest.objects.filter(pk=request.pk).update(due_on=dt.date(2026, 12, 3))
    request.refresh_from_db()
    with time_machine.travel(BEFORE, tick=False):
        assert not request.is_overdue
        assert not ServiceRequest.objects.overdue().exists()
    with time_machine.travel(AFTER, tick=False):
        assert request.is_overdue
        assert list(ServiceRequest.objects.overdue()) == [request]
