"""What the service desk's admin modules share: the status names, people's names, selection."""

from django.contrib import messages
from django.utils.translation import gettext

from ..models import ServiceRequest

Status = ServiceRequest.Status

# Actions that write one row at a time: a page's worth, so staff wait seconds, not minutes.
MAX_REQUESTS_PER_ACTION = 100


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class SelectionMixin:
    """Actions of the queue act on a page's worth of requests at most."""

    def _selected(self, request, queryset):
        """The selected requests, or None (and a message) when there are too many."""
        selected = list(
            queryset.select_related("package", "officer").order_by("submitted_at", "pk")[
                : MAX_REQUESTS_PER_ACTION + 1
            ]
        )
        if len(selected) > MAX_REQUESTS_PER_ACTION:
            self.message_user(
                request,
                gettext("Select at most %(count)d requests at once.")
                % {"count": MAX_REQUESTS_PER_ACTION},
                messages.ERROR,
            )
            return None
        return selected
