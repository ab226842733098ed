"""What the service desk is emailed about: a new request, an applicant's reply, a request
that became overdue (staff notices of `apps/core/staff_notifications.py`).

Each notice is recorded in the transaction of its event and keeps only the request's id,
reference and package: the email gives the reference, the package in the reader's
language and the admin page, never the applicant's name or answers.
"""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.services import STAFF_GROUP_SERVICE_DESK
from apps.core.staff_notifications import (
    Delivery,
    StaffItem,
    StaffTopic,
    in_group,
    recipients,
    staff_notify,
    staff_topic_register,
    staff_with_permission,
)
from apps.core.timezones import BEIJING

from .models import ServicePackage, ServiceRequest

NEW_REQUEST = "service_packages.new_request"
REPLY = "service_packages.reply"
OVERDUE = "service_packages.overdue"

# Who may be told: staff who can open a request in the admin.
DESK_PERMISSION = "service_packages.view_servicerequest"


def _desk():
    return staff_with_permission(DESK_PERMISSION)


def _params(service_request: ServiceRequest, **extra) -> dict:
    return {
        "request": service_request.pk,
        "reference": service_request.reference,
        "package": service_request.package_id,
        **extra,
    }


def _items(notices: list, sentence) -> list[StaffItem]:
    """Lines of the notices in the active language: the package titles in one query."""
    packages = ServicePackage.objects.in_bulk({notice.params["package"] for notice in notices})
    items = []
    for notice in notices:
        package = packages.get(notice.params["package"])
        items.append(
            StaffItem(
                text=sentence(
                    notice.params,
                    {"reference": notice.params["reference"], "package": package or "–"},
                ),
                url=settings.SITE_URL
                + reverse(
                    "admin:service_packages_servicerequest_change",
                    args=[notice.params["request"]],
                ),
            )
        )
    return items


def _desk_default(delivery):
    def default(user):
        return delivery if in_group(user, STAFF_GROUP_SERVICE_DESK) else Delivery.OFF

    return default


def _new_request_render(notices):
    return _items(
        notices, lambda params, names: gettext("New request %(reference)s: %(package)s") % names
    )


def _reply_render(notices):
    return _items(
        notices,
        lambda params, names: (
            gettext("The applicant replied on %(reference)s (%(package)s)") % names
        ),
    )


def _overdue_render(notices):
    def sentence(params, names):
        due = datetime.fromisoformat(params["due_on"]).date()
        return gettext("%(reference)s (%(package)s) is overdue: it was due on %(date)s") % {
            **names,
            "date": date_format(due, "SHORT_DATE_FORMAT"),
        }

    return _items(notices, sentence)


TOPICS = (
    StaffTopic(
        key=NEW_REQUEST,
        label=_("New service requests"),
        description=_("An enterprise submitted a request."),
        candidates=_desk,
        default=_desk_default(Delivery.IMMEDIATE),
        render=_new_request_render,
    ),
    StaffTopic(
        key=REPLY,
        label=_("Replies from applicants"),
        description=_(
            "An applicant answered a request for information: to the assigned officer, "
            "or to the desk when nobody is assigned."
        ),
        candidates=_desk,
        default=_desk_default(Delivery.IMMEDIATE),
        render=_reply_render,
    ),
    StaffTopic(
        key=OVERDUE,
        label=_("Overdue requests"),
        description=_(
            "A request passed its due date while waiting for the desk (once per request): "
            "to the assigned officer, or to the desk when nobody is assigned."
        ),
        candidates=_desk,
        default=_desk_default(Delivery.DIGEST),
        render=_overdue_render,
    ),
)


def desk_topics_register() -> None:
    for topic in TOPICS:
        staff_topic_register(topic)


def _officer_or_desk(topic: str, service_request: ServiceRequest) -> list:
    """The assigned officer (if they may still see requests), else the whole desk."""
    if service_request.officer_id:
        officer = _desk().filter(pk=service_request.officer_id)
        if officer:
            return recipients(topic, officer)
    return recipients(topic)


# --- The events --------------------------------------------------------------------------------


def desk_notify_new_request(service_request: ServiceRequest, *, now: datetime) -> int:
    """In the submission's transaction: tell the desk of a new request."""
    return staff_notify(
        NEW_REQUEST,
        key=f"request-{service_request.pk}",
        users=recipients(NEW_REQUEST),
        params=_params(service_request),
        now=now,
    )


def desk_notify_reply(service_request: ServiceRequest, *, transition_id: int, now: datetime) -> int:
    """In the reply's transaction: tell the officer (or the desk) the applicant answered."""
    return staff_notify(
        REPLY,
        key=f"reply-{transition_id}",
        users=_officer_or_desk(REPLY, service_request),
        params=_params(service_request),
        now=now,
    )


def beijing_today(now: datetime | None = None):
    """The date at the service desk, whatever the server's zone."""
    return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(BEIJING)).date()


def desk_notify_overdue(*, now: datetime | None = None, limit: int = 200) -> int:
    """Beat, every 10 minutes: tell of each request that became overdue, once.

    A request is marked in the transaction that records its notices, and rows another
    run holds are skipped: two beats, or a task delivered twice, tell nobody twice.
    Returns how many requests it told of.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            ServiceRequest.objects.overdue(today=beijing_today(now))
            .filter(overdue_notified_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("due_on", "pk")[:limit]
        )
        for service_request in due:
            staff_notify(
                OVERDUE,
                key=f"overdue-{service_request.pk}",
                users=_officer_or_desk(OVERDUE, service_request),
                params=_params(service_request, due_on=service_request.due_on.isoformat()),
                now=now,
            )
        ServiceRequest.objects.filter(pk__in=[r.pk for r in due]).update(overdue_notified_at=now)
    return len(due)
