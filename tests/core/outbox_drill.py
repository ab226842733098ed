"""The processes of the outbox storm drill (tests/core/test_outbox_drill.py), run as

    python -m tests.core.outbox_drill seed 2000    # owed emails, due now
    python -m tests.core.outbox_drill beat         # dispatch every half second
    python -m tests.core.outbox_drill report       # {id: state} as JSON

against the drill's own PostgreSQL (DATABASE_URL), with the production settings module
of the site (xicheng_portal.settings.base), as operators run it.
"""

import json
import logging
import sys
import time
from datetime import timedelta


def _setup():
    import django

    django.setup()


def seed(count: int) -> None:
    from django.utils import timezone

    from apps.core.i18n import language_codes
    from apps.events.models import Delivery, Event, Registration

    now = timezone.now()
    event = Event.objects.create(
        slug="storm",
        title_en="Storm drill",
        title_zh_hans="演练",
        status="published",
        category=Event.Category.choices[0][0],
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
        time_zone="Asia/Shanghai",
        takes_registrations=True,
        capacity=count,
        is_online=True,
        join_url="https://meet.example.org/storm",
    )
    languages = language_codes()
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            status=Registration.Status.CONFIRMED,
            name=f"Participant {n}",
            email=f"participant-{n}@example.org",
            country="BY",
            language=languages[n % len(languages)],
            time_zone="Europe/Minsk",
            consented_at=now,
        )
        for n in range(count)
    )
    Delivery.objects.bulk_create(
        Delivery(
            registration=registration,
            kind=Delivery.Kind.CONFIRMATION,
            key="confirmation-1",
            due_at=now,
            not_before=now,
        )
        for registration in registrations
    )
    print(count)


def beat() -> None:
    """What celery beat does every minute, every half second; survives a database restart."""
    from django.db import connection

    from apps.core.outbox import TRANSIENT_DATABASE_ERRORS, outbox_dispatch, outboxes

    while True:
        try:
            for box in outboxes():
                outbox_dispatch(box)
        except TRANSIENT_DATABASE_ERRORS:
            connection.close()
        time.sleep(0.5)


def report() -> None:
    from apps.events.models import Delivery

    rows = Delivery.objects.values_list("pk", "key", "state", "last_error")
    print(json.dumps({pk: [key, state, error] for pk, key, state, error in rows}))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    _setup()
    command = sys.argv[1]
    if command == "seed":
        seed(int(sys.argv[2]))
    elif command == "beat":
        beat()
    elif command == "report":
        report()
    else:
        raise SystemExit(f"unknown command {command}")
