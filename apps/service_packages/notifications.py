"""The outbox of service requests: receipts and status emails to applicants.

A `RequestNotification` row is committed with the change that owes it; the one send
loop of `apps/core/outbox.py` sends it (see there for what "once" means). Volumes here
are small (a few emails per request), so batches are plain: no shared rendering.
"""

from collections import Counter
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from apps.core.outbox import Outbox, outbox_dispatch, outbox_kick, outbox_send

from .emails import notification_message
from .models import RequestNotification


class RequestEmails(Outbox):
    """The receipt of a request and each status change the applicant is told of."""

    name = "service_packages.notifications"
    model = RequestNotification
    label = _("emails to applicants")
    batch_size = 20
    related = ("request__package", "transition")

    def message(self, row, batch, *, now):
        return notification_message(row)


REQUEST_EMAILS = RequestEmails()


def notifications_kick() -> None:
    """Ask a worker to send what is owed once the transaction commits (beat is the backstop)."""
    outbox_kick(RequestEmails.name)


def notifications_dispatch(*, now: datetime | None = None, limit: int = 2000) -> int:
    """Claim due notifications and hand them to workers. Returns how many."""
    return outbox_dispatch(REQUEST_EMAILS, now=now, limit=limit)


def notifications_send(ids: list[int], *, now: datetime | None = None) -> Counter:
    """Send the given notifications; safe to repeat or to run twice at once."""
    return outbox_send(REQUEST_EMAILS, ids, now=now)
