"""The live counts above the anonymised registration counts (the admin's "registration
counts" page, templates/admin/events/registrationsummary/change_list.html)."""

from django import template
from django.db.models import Count, Q

from ..models import Event, Registration

register = template.Library()

# Events shown with their live counts, newest first; the totals count all of them.
LIVE_ROWS = 50


@register.simple_tag
def live_registration_counts() -> dict:
    """Events whose registrants are still kept, with their counts, and the totals by
    status (two queries)."""
    events = list(
        Event.objects.with_registration_counts()
        .filter(Q(taken__gt=0) | Q(waitlisted__gt=0) | Q(cancelled__gt=0))
        .order_by("-starts_at", "-pk")[:LIVE_ROWS]
    )
    totals = dict(Registration.objects.order_by().values_list("status").annotate(count=Count("pk")))
    status = Registration.Status
    return {
        "events": events,
        "taken": totals.get(status.CONFIRMED, 0) + totals.get(status.HELD, 0),
        "waitlisted": totals.get(status.WAITLISTED, 0),
        "cancelled": totals.get(status.CANCELLED, 0),
    }
