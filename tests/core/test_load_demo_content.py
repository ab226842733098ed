"""`load_demo_content`: creates what is missing, leaves what exists as staff left it."""

import re
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from apps.core.models import PublishingStatus
from apps.core.services import publishable_set_status
from apps.events.models import Event, Registration
from apps.sister_cities.models import SisterCity
from apps.venues.models import Venue

FIRST_RUN = [
    "sister_cities: created 2, kept 0 existing partners",
    "venues: created 12, kept 0 existing venues; created 1, kept 0 existing routes",
    "events: created 9, kept 0 existing series; created 16, kept 0 existing events",
    "service_packages: created 3, kept 0 existing service packages",
    "portal: created 1, kept 0 existing home page",
    "Demo content: missing rows created; existing rows left as they were.",
]


def _run() -> list[str]:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue().splitlines()


def _without_lookups(lines: list[str]) -> list[str]:
    """The lines without the lookups' counts, which a flush by an earlier test changes."""
    return [re.sub(r"created \d+, kept \d+ existing lookups; ", "", line) for line in lines]


@pytest.mark.django_db
def test_a_second_run_keeps_staff_edits_and_says_what_it_did():
    assert _without_lookups(_run()) == FIRST_RUN
    venue = Venue.objects.get(slug="haiqing-yuan")
    venue.name_en = "Haiqing Yuan (edited in the admin)"
    venue.full_clean()
    venue.save()
    publishable_set_status(obj=venue, status=PublishingStatus.DRAFT)
    SisterCity.objects.filter(slug="minsk-lenin-district").delete()

    second = _run()

    assert second[:3] == [
        "sister_cities: created 1, kept 1 existing partners",
        "venues: created 0, kept 16 existing lookups; created 0, kept 12 existing venues; "
        "created 0, kept 1 existing routes",
        "events: created 0, kept 7 existing lookups; created 0, kept 9 existing series; "
        "created 0, kept 16 existing events",
    ]
    venue.refresh_from_db()
    assert venue.name_en == "Haiqing Yuan (edited in the admin)"
    assert venue.status == PublishingStatus.DRAFT
    assert SisterCity.objects.count() == 2
    # Under the rule, the events that named it are left as the delete left them.
    assert not Event.objects.filter(partner_cities__slug="minsk-lenin-district").exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_create_everything_once():
    start = threading.Barrier(2)
    outputs, errors = [], []

    def run():
        try:
            start.wait()
            outputs.append(_run())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(output[0] for output in outputs) == [
        "sister_cities: created 0, kept 2 existing partners",
        "sister_cities: created 2, kept 0 existing partners",
    ]
    assert Event.objects.count() == 16
    assert Registration.objects.count() == 4
