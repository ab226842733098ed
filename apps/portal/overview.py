"""The admin home's overview: for each role the figures it works from, each with the
filtered admin list that shows it.

Here because it reads every app (the top of the dependency chain). Every panel costs a
fixed number of queries, whatever the number of rows: counts are aggregates, lists are
read once, and nothing is read per row (tests/portal/test_overview.py).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import redis
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

from apps.core.charts import horizontal_bars, stacked_bars
from apps.core.models import Heartbeat, PublishingStatus
from apps.core.outbox import outbox_health, outboxes
from apps.core.staff_security import is_site_administrator
from apps.core.timezones import BEIJING
from apps.events.models import Event, EventSeries
from apps.service_packages.admin.filters import (
    DueFilter,
    OfficerFilter,
    OverdueFilter,
    StatusFilter,
)
from apps.service_packages.models import ServicePackage, ServiceRequest
from apps.sister_cities.models import SisterCity
from apps.sister_cities.services import REMINDER_HORIZON_DAYS, upcoming_anniversaries
from apps.venues.models import Route, Venue

WEEKS = 12
EVENT_DAYS = 30
EVENT_ROWS = 20
# Beat runs the heartbeat every 5 minutes: three missed in a row is worth a look.
BEAT_LATE_AFTER = timedelta(minutes=15)
# Beat hands due emails to workers every minute: one due this long has been stuck.
EMAIL_LATE_AFTER = timedelta(minutes=10)
# What an editor reviews: every publishable content type, in the order of the admin.
REVIEWED_MODELS = (SisterCity, Venue, Route, EventSeries, Event, ServicePackage)

DESK_PERMISSION = "service_packages.change_servicerequest"
EDITOR_PERMISSION = "events.change_event"


def _link(viewname: str, args=None, **params) -> str:
    url = reverse(viewname, args=args)
    return f"{url}?{urlencode(params)}" if params else url


def _changelist(model) -> str:
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"


@dataclass(frozen=True)
class Figure:
    """One number and the admin list that shows the same rows."""

    label: str
    value: int
    url: str
    alert: bool = False  # worth a look (overdue, failed)


# --- The service desk -------------------------------------------------------------------


@dataclass
class DeskPanel:
    figures: list[Figure]
    weeks: list[dict]  # {"start", "label", "cells": [(count, url)], "total"}
    statuses: list[tuple[str, str]]
    chart: object


def beijing_today(now: datetime) -> date:
    """The Beijing day of `now`, the day due dates and weeks are counted in."""
    return now.astimezone(ZoneInfo(BEIJING)).date()


def desk_panel(*, user, now: datetime) -> DeskPanel:
    """New, unassigned, mine, overdue, due this week; requests per week by status (four
    queries)."""
    today = beijing_today(now)
    requests = ServiceRequest.objects
    counts = requests.aggregate(
        new=Count("pk", filter=Q(status=ServiceRequest.Status.SUBMITTED)),
        unassigned=Count(
            "pk", filter=Q(status__in=ServiceRequest.OPEN_STATUSES, officer__isnull=True)
        ),
        mine=Count("pk", filter=Q(status__in=ServiceRequest.OPEN_STATUSES, officer=user)),
    )
    overdue = requests.overdue(today=today).count()
    due_this_week = requests.due_this_week(today=today).count()
    changelist = "admin:service_packages_servicerequest_changelist"
    figures = [
        Figure(
            gettext("New"),
            counts["new"],
            _link(changelist, status=ServiceRequest.Status.SUBMITTED),
        ),
        Figure(
            gettext("Unassigned"),
            counts["unassigned"],
            _link(changelist, status=StatusFilter.OPEN, officer=OfficerFilter.NOBODY),
        ),
        Figure(
            gettext("Assigned to me"),
            counts["mine"],
            _link(changelist, status=StatusFilter.OPEN, officer=OfficerFilter.ME),
        ),
        Figure(
            gettext("Overdue"),
            overdue,
            _link(changelist, overdue=OverdueFilter.YES),
            alert=overdue > 0,
        ),
        Figure(gettext("Due this week"), due_this_week, _link(changelist, due=DueFilter.THIS_WEEK)),
    ]
    weeks, statuses = _weeks_by_status(today=today, changelist=changelist)
    values = {
        (index, key): count
        for index, week in enumerate(weeks)
        for (key, _label), (count, _url) in zip(statuses, week["cells"], strict=True)
    }
    chart = stacked_bars(
        columns=[week["short"] for week in weeks],
        series=statuses,
        values=values,
        rtl=translation.get_language_bidi(),
    )
    return DeskPanel(figures=figures, weeks=weeks, statuses=statuses, chart=chart)


def _weeks_by_status(*, today: date, changelist: str):
    """Requests submitted in each of the last WEEKS weeks (Monday to Sunday, Beijing),
    by their status now; one query."""
    zone = ZoneInfo(BEIJING)
    monday = today - timedelta(days=today.weekday())
    mondays = [monday - timedelta(weeks=WEEKS - 1 - n) for n in range(WEEKS)]
    start = datetime.combine(mondays[0], datetime.min.time(), tzinfo=zone)
    rows = (
        ServiceRequest.objects.submitted_since(start)
        .annotate(week=TruncWeek("submitted_at", tzinfo=zone))
        .order_by()
        .values_list("week", "status")
        .annotate(count=Count("pk"))
    )
    counts = {(week.astimezone(zone).date(), status): count for week, status, count in rows}
    statuses = [(value, str(label)) for value, label in ServiceRequest.Status.choices]
    weeks = []
    for first in mondays:
        since = datetime.combine(first, datetime.min.time(), tzinfo=zone)
        until = since + timedelta(weeks=1)
        # The same parameters as the list's "submitted" filter, so it shows as chosen.
        period = {"submitted_at__gte": str(since), "submitted_at__lt": str(until)}
        cells = [
            (counts.get((first, value), 0), _link(changelist, status=value, **period))
            for value, _label in statuses
        ]
        weeks.append(
            {
                "start": first,
                "short": formats.date_format(first, "n/j"),
                "label": formats.date_format(first, "MONTH_DAY_FORMAT"),
                "cells": cells,
                "total": sum(count for count, _url in cells),
                "url": _link(changelist, **period),
            }
        )
    return weeks, statuses


# --- Editors ----------------------------------------------------------------------------


@dataclass
class EventRow:
    event: Event
    taken: int
    waitlisted: int
    capacity: int | None
    url: str

    @property
    def fill_rate(self) -> float | None:
        if not self.capacity:
            return None
        return self.taken / self.capacity

    @property
    def fill_text(self) -> str:
        """ "75 %" in the reader's language (Arabic "75٪"), or "no limit"."""
        if self.fill_rate is None:
            return gettext("no limit")
        return gettext("%(percent)s %%") % {"percent": round(self.fill_rate * 100)}


@dataclass
class EditorPanel:
    events: list[EventRow]
    events_figure: Figure
    anniversaries: list[tuple]  # (city, anniversary, url)
    anniversaries_figure: Figure
    review: list[dict]  # {"name", "drafts": Figure, "scheduled": Figure}
    review_total: int
    fill_chart: object
    anniversary_days: int = REMINDER_HORIZON_DAYS

    @property
    def figures_list(self) -> list[Figure]:
        return [self.events_figure, self.anniversaries_figure]


def editor_panel(*, now: datetime) -> EditorPanel:
    """Events of the next 30 days with places taken and waitlists, round anniversaries of
    the next 180 days, content waiting for review (nine queries)."""
    today = beijing_today(now)
    coming = Event.objects.coming_within(now=now, days=EVENT_DAYS)
    events = list(coming.with_registration_counts()[:EVENT_ROWS])
    # The figure counts them all; the table shows the first EVENT_ROWS.
    events_count = coming.count()
    rows = [
        EventRow(
            event=event,
            taken=event.taken,
            waitlisted=event.waitlisted,
            capacity=event.capacity,
            url=reverse("admin:events_event_registration_counts", args=[event.pk]),
        )
        for event in events
    ]
    horizon = now + timedelta(days=EVENT_DAYS)
    events_figure = Figure(
        gettext("Events in the next 30 days"),
        events_count,
        _link(
            _changelist(Event),
            status__exact=PublishingStatus.PUBLISHED,
            ends_at__gte=str(now),
            starts_at__lt=str(horizon),
        ),
    )
    fill_chart = horizontal_bars(
        rows=[(str(row.event), row.fill_rate or 0.0, row.fill_text) for row in rows],
        rtl=translation.get_language_bidi(),
    )

    cities = SisterCity.objects.published()
    pairs = upcoming_anniversaries(cities, today=today, within_days=REMINDER_HORIZON_DAYS)
    anniversaries = [
        (city, anniversary, reverse("admin:sister_cities_sistercity_change", args=[city.pk]))
        for city, anniversary in pairs
    ]
    anniversaries_figure = Figure(
        gettext("Round anniversaries in the next 180 days"),
        len(anniversaries),
        _link(
            _changelist(SisterCity),
            id__in=",".join(str(city.pk) for city, _a, _u in anniversaries) or "0",
        ),
    )

    review = []
    for model in REVIEWED_MODELS:
        counts = model.objects.review_counts(now=now)
        changelist = _changelist(model)
        review.append(
            {
                "name": model._meta.verbose_name_plural,
                "drafts": Figure(
                    gettext("Drafts"),
                    counts["drafts"],
                    _link(changelist, status__exact=PublishingStatus.DRAFT),
                ),
                "scheduled": Figure(
                    gettext("Waiting to be published"),
                    counts["scheduled"],
                    _link(
                        changelist,
                        status__exact=PublishingStatus.PUBLISHED,
                        publish_at__gt=str(now),
                    ),
                ),
            }
        )
    return EditorPanel(
        events=rows,
        events_figure=events_figure,
        anniversaries=anniversaries,
        anniversaries_figure=anniversaries_figure,
        review=review,
        review_total=sum(row["drafts"].value + row["scheduled"].value for row in review),
        fill_chart=fill_chart,
    )


# --- Administrators ---------------------------------------------------------------------


@dataclass
class AdminPanel:
    outboxes: list[dict]  # {"label", "failed", "missed", "waiting": Figure, "oldest_due"}
    beat_at: datetime | None
    beat_late: bool
    broker: dict  # {"configured", "ok", "queued", "error"}
    failed_total: int
    waiting_total: int
    oldest_due: datetime | None  # when the longest-waiting due email fell due
    waiting_late: bool


def broker_state() -> dict:
    """Whether the broker answers, and how many tasks wait in its default queue."""
    if not settings.REDIS_URL:
        # The embedded demo's filesystem queue: nothing to ask over the network.
        return {"configured": False, "ok": True, "queued": None}
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        queued = client.llen(getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery"))
    except redis.RedisError as exc:
        return {"configured": True, "ok": False, "queued": None, "error": type(exc).__name__}
    return {"configured": True, "ok": True, "queued": queued}


def admin_panel(*, now: datetime) -> AdminPanel:
    """Failed and missed emails of every outbox, emails due and not sent with the oldest
    one's wait, the last heartbeat of beat, the broker (one query per outbox, plus one)."""
    rows = []
    for outbox in outboxes():
        health = outbox_health(outbox, now=now)
        changelist = _changelist(outbox.model)
        state = outbox.model.State
        rows.append(
            {
                "label": outbox.label,
                "failed": Figure(
                    gettext("Failed"),
                    health["failed"],
                    _link(changelist, state__exact=state.FAILED),
                    alert=health["failed"] > 0,
                ),
                "missed": Figure(
                    gettext("Missed"),
                    health["missed"],
                    _link(changelist, state__exact=state.MISSED),
                    alert=health["missed"] > 0,
                )
                if hasattr(state, "MISSED")
                else None,
                "waiting": Figure(
                    gettext("Due, not sent yet"),
                    health["waiting"],
                    _link(
                        changelist,
                        state__in=",".join(outbox.model.OPEN_STATES),
                        not_before__lte=str(now),
                    ),
                ),
                "oldest_due": health["oldest_due"],
            }
        )
    beat = Heartbeat.objects.filter(name=Heartbeat.BEAT).values_list("at", flat=True).first()
    due = [row["oldest_due"] for row in rows if row["oldest_due"] is not None]
    return AdminPanel(
        outboxes=rows,
        beat_at=beat,
        beat_late=beat is None or now - beat > BEAT_LATE_AFTER,
        broker=broker_state(),
        failed_total=sum(row["failed"].value for row in rows),
        waiting_total=sum(row["waiting"].value for row in rows),
        oldest_due=min(due, default=None),
        waiting_late=bool(due) and now - min(due) > EMAIL_LATE_AFTER,
    )


# --- Who sees what ----------------------------------------------------------------------

PANEL_TITLES = {
    "desk": gettext_lazy("Service desk"),
    "editor": gettext_lazy("Content and events"),
    "admin": gettext_lazy("Site administration"),
}


def staff_overview(*, user, now: datetime | None = None) -> dict:
    """The panels of the roles `user` holds (a superuser holds them all)."""
    now = now or timezone.now()
    panels = {}
    if user.has_perm(DESK_PERMISSION):
        panels["desk"] = desk_panel(user=user, now=now)
    if user.has_perm(EDITOR_PERMISSION):
        panels["editor"] = editor_panel(now=now)
    if is_site_administrator(user):
        panels["admin"] = admin_panel(now=now)
    return {"now": now, **panels}
