"""Emails to staff: what needs them (a new request, a reply, failed emails), through the
one outbox, in each member's language, as each member chose.

An app declares a *topic* (a `StaffTopic`, registered in its AppConfig): who may choose
it, the default for a role, and how its notices read. The event that causes a notice
calls `staff_notify()` inside its own transaction, so a notice is committed with the
event or not at all, and sent by the outbox loop even if Redis or a worker was down.

- A `StaffNotice` is the fact "this address is told of this event" and is unique per
  address and event key: asking twice (a retried task, two beats) adds nothing.
- Each notice is carried by a `StaffEmail`, the outbox row: its own (at once), or the
  member's digest of the current period (every N minutes, N per member). A notice joins
  a digest only while the digest is `pending`, under its row lock, and the outbox claims
  rows with SKIP LOCKED: a digest that has left cannot gain a notice it does not send.
- The text is rendered when the email is sent, in the reader's language, from the ids
  the notice keeps: references and titles, never an applicant's personal data.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import StaffEmail, StaffNotice, StaffNotificationPreference
from .outbox import Outbox, outbox_kick, outboxes
from .services import STAFF_GROUP_SITE_ADMIN, staff_language

logger = logging.getLogger(__name__)

Delivery = StaffNotificationPreference.Delivery

# --- Topics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffItem:
    """One line of an email to staff: what happened, and the admin page about it."""

    text: str
    url: str


@dataclass(frozen=True)
class StaffTopic:
    key: str
    label: Any  # lazy text: the preferences page and the email's headings
    description: Any
    # Who may choose it (active staff with an address), as a queryset of users.
    candidates: Callable[[], QuerySet]
    # The delivery of a member who has not chosen (see `Delivery`), by role.
    default: Callable[[Any], str]
    # The lines of a list of notices, in the active language (one query per call at most).
    render: Callable[[list], list[StaffItem]]
    digest: bool = True  # may it wait for a digest


_TOPICS: dict[str, StaffTopic] = {}


def staff_topic_register(topic: StaffTopic) -> StaffTopic:
    _TOPICS[topic.key] = topic
    return topic


def staff_topics() -> list[StaffTopic]:
    return list(_TOPICS.values())


def staff_topic(key: str) -> StaffTopic:
    return _TOPICS[key]


# --- Who, and how ---------------------------------------------------------------------------


def staff_members() -> QuerySet:
    """Active staff with an address, with what choosing and writing to them reads."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .select_related("notification_preference", "staff_language")
        .prefetch_related("groups")
        .order_by("pk")
    )


def staff_with_permission(permission: str) -> QuerySet:
    """Staff members who hold `permission` ("app_label.codename"): superusers, through a
    group, or their own."""
    app_label, codename = permission.split(".", 1)
    users = get_user_model().objects.filter(
        Q(groups__permissions__codename=codename)
        & Q(groups__permissions__content_type__app_label=app_label)
        | Q(user_permissions__codename=codename)
        & Q(user_permissions__content_type__app_label=app_label)
    )
    return staff_members().filter(Q(is_superuser=True) | Q(pk__in=users.values("pk")))


def in_group(user, name: str) -> bool:
    """Whether `user` is in the group `name`, from prefetched groups."""
    return any(group.name == name for group in user.groups.all())


def preference_of(user) -> StaffNotificationPreference:
    """The member's stored choices, or an unsaved row of defaults."""
    try:
        return user.notification_preference
    except StaffNotificationPreference.DoesNotExist:
        return StaffNotificationPreference(user=user)


def delivery_of(user, topic: StaffTopic) -> str:
    chosen = preference_of(user).deliveries.get(topic.key) or topic.default(user)
    if chosen not in Delivery.values:
        chosen = topic.default(user)
    if chosen == Delivery.DIGEST and not topic.digest:
        return Delivery.IMMEDIATE
    return chosen


def email_language(user) -> str:
    """The language a member chose for these emails, else their admin language."""
    return preference_of(user).language or staff_language(user)


def preferences_save(*, user, deliveries: dict, digest_minutes: int, language: str) -> None:
    """Keep a member's choices: only topics they may choose, only known deliveries."""
    allowed = {topic.key for topic in topics_for(user)}
    StaffNotificationPreference.objects.update_or_create(
        user=user,
        defaults={
            "deliveries": {
                key: value
                for key, value in deliveries.items()
                if key in allowed and value in Delivery.values
            },
            "digest_minutes": digest_minutes,
            "language": language,
        },
    )


def topics_for(user) -> list[StaffTopic]:
    """The topics `user` may choose (one query per topic: the preferences page only)."""
    return [topic for topic in staff_topics() if topic.candidates().filter(pk=user.pk).exists()]


def recipients(topic_key: str, users=None) -> list:
    """Of `users` (default: everyone who may choose the topic), those who want it."""
    topic = staff_topic(topic_key)
    members = topic.candidates() if users is None else users
    return [user for user in members if delivery_of(user, topic) != Delivery.OFF]


# --- Recording ------------------------------------------------------------------------------


def digest_period_end(now: datetime, minutes: int) -> datetime:
    """The end of the digest period holding `now`: periods are counted from the Unix
    epoch, so "once a day" ends at midnight UTC, 08:00 in Beijing."""
    period = minutes * 60
    seconds = int(now.timestamp())
    return datetime.fromtimestamp((seconds // period + 1) * period, tz=UTC)


def _digest_email(*, address: str, user, language: str, minutes: int, now: datetime):
    """The member's digest still open for this period, locked until the caller commits."""
    end = digest_period_end(now, minutes)
    while True:
        email, _created = StaffEmail.objects.get_or_create(
            address=address,
            key=f"digest-{minutes}-{end:%Y%m%d%H%M}",
            defaults={"recipient": user, "language": language, "digest": True, "not_before": end},
        )
        # Waits for a claim in progress; a digest claimed already is fixed: the next one.
        email = StaffEmail.objects.select_for_update().get(pk=email.pk)
        if email.state == StaffEmail.State.PENDING:
            return email
        end += timedelta(minutes=minutes)


def _notice(*, topic, key, address, user, language, delivery, minutes, params, now) -> bool:
    notice, created = StaffNotice.objects.get_or_create(
        address=address,
        key=key,
        defaults={"topic": topic.key, "recipient": user, "params": params, "created_at": now},
    )
    if not created:
        return False
    if delivery == Delivery.DIGEST:
        email = _digest_email(
            address=address, user=user, language=language, minutes=minutes, now=now
        )
    else:
        email = StaffEmail.objects.create(
            address=address, key=key, recipient=user, language=language, not_before=now
        )
    notice.email = email
    notice.save(update_fields=["email"])
    return True


def staff_notify(
    topic_key: str,
    *,
    key: str,
    users,
    params: dict,
    addresses=(),
    now: datetime | None = None,
) -> int:
    """Tell `users` (as each chose) and `addresses` (at once, in the site's language) of
    one event, named by `key` (at most 40 characters, unique per event). Call it in the
    transaction of the event. Returns how many notices were new."""
    topic = staff_topic(topic_key)
    now = now or timezone.now()
    new = 0
    seen = set()
    with transaction.atomic():
        for user in users:
            delivery = delivery_of(user, topic)
            address = user.email.strip()
            if delivery == Delivery.OFF or not address or address.lower() in seen:
                continue
            seen.add(address.lower())
            new += _notice(
                topic=topic,
                key=key,
                address=address,
                user=user,
                language=email_language(user),
                delivery=delivery,
                minutes=preference_of(user).digest_minutes,
                params=params,
                now=now,
            )
        for address in addresses:
            if address.lower() in seen:
                continue
            seen.add(address.lower())
            new += _notice(
                topic=topic,
                key=key,
                address=address,
                user=None,
                language=settings.LANGUAGE_CODE,
                delivery=Delivery.IMMEDIATE,
                minutes=0,
                params=params,
                now=now,
            )
        if new:
            outbox_kick(StaffEmails.name)
    return new


# --- The outbox -----------------------------------------------------------------------------


def preferences_url() -> str:
    return settings.SITE_URL + reverse("staff:notifications")


class StaffEmails(Outbox):
    name = "core.staff_emails"
    model = StaffEmail
    label = _("emails to staff")
    batch_size = 20
    related = ("recipient",)

    def verdict(self, row, now):
        # A member who left is not written to; nor is an email with nothing in it.
        if row.recipient_id is not None and not (row.recipient and row.recipient.is_active):
            return StaffEmail.State.SKIPPED
        if not row.notices.exists():
            return StaffEmail.State.SKIPPED
        return None

    def message(self, row, batch, *, now):
        notices = list(row.notices.order_by("created_at", "pk"))
        with translation.override(row.language):
            sections = []
            for topic in staff_topics():
                own = [notice for notice in notices if notice.topic == topic.key]
                if own:
                    sections.append({"label": topic.label, "items": topic.render(own)})
            items = [item for section in sections for item in section["items"]]
            if items and not row.digest:
                subject = items[0].text
            else:
                subject = ngettext(
                    "Xicheng portal: %(count)d notification",
                    "Xicheng portal: %(count)d notifications",
                    len(items),
                ) % {"count": len(items)}
            body = render_to_string(
                "core/email/staff_notification.txt",
                {
                    "digest": row.digest,
                    "sections": sections,
                    "preferences_url": preferences_url(),
                },
            )
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.address],
            headers={
                "Message-ID": f"<staff-{row.pk}.{row.key}@{host}>",
                "Content-Language": row.language,
                "Auto-Submitted": "auto-generated",
            },
        )


STAFF_EMAILS = StaffEmails()


# --- Failed emails, for administrators ------------------------------------------------------

FAILED_EMAILS = "failed_emails"


def _administrators() -> QuerySet:
    return staff_members().filter(Q(is_superuser=True) | Q(groups__name=STAFF_GROUP_SITE_ADMIN))


def _failed_default(user) -> str:
    return Delivery.IMMEDIATE


def _failed_render(notices: list) -> list[StaffItem]:
    by_name = {outbox.name: outbox for outbox in outboxes()}
    items = []
    for notice in notices:
        for name, count in notice.params.get("counts", {}).items():
            outbox = by_name.get(name)
            if outbox is None:
                continue
            opts = outbox.model._meta
            items.append(
                StaffItem(
                    text=ngettext(
                        "%(count)d email could not be sent: %(label)s",
                        "%(count)d emails could not be sent: %(label)s",
                        count,
                    )
                    % {"count": count, "label": outbox.label},
                    url=settings.SITE_URL
                    + reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                    + "?state__exact=failed",
                )
            )
    return items


staff_topic_register(
    StaffTopic(
        key=FAILED_EMAILS,
        label=_("Failed emails"),
        description=_(
            "Emails the mail server refused for longer than the outbox waits: send them "
            "again from the admin once the cause is fixed."
        ),
        candidates=lambda: _administrators().distinct(),
        default=_failed_default,
        render=_failed_render,
        digest=False,
    )
)


def failed_emails_notify(*, now: datetime | None = None) -> int:
    """Tell administrators once about emails that failed since the last time.

    Those who chose "Failed emails" (by default superusers and Site administrators) and
    the ADMINS addresses. The rows are marked told in the transaction that queues the
    notice, so it goes out once. Returns how many rows it told of.
    """
    now = now or timezone.now()
    with transaction.atomic():
        counts, told = {}, []
        for outbox in outboxes():
            model = outbox.model
            rows = model.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                state=model.State.FAILED, alerted_at__isnull=True
            )
            if model is StaffEmail:
                # An alert that itself failed is listed in the admin, not alerted about:
                # else a broken mail server would make an alert of each alert.
                alerts = rows.filter(notices__topic=FAILED_EMAILS)
                StaffEmail.objects.filter(pk__in=list(alerts.values_list("pk", flat=True))).update(
                    alerted_at=now
                )
                rows = rows.exclude(notices__topic=FAILED_EMAILS)
            ids = list(rows.values_list("pk", flat=True)[:500])
            if ids:
                counts[outbox.name] = len(ids)
                told.append((model, ids))
        if not counts:
            return 0
        users = recipients(FAILED_EMAILS)
        addresses = [address for _name, address in settings.ADMINS]
        if not users and not addresses:
            logger.error("Emails failed and no administrator is told: set ADMINS.")
            transaction.set_rollback(True)
            return 0
        staff_notify(
            FAILED_EMAILS,
            key=f"failed-{now:%Y%m%d%H%M%S%f}",
            users=users,
            addresses=addresses,
            params={"counts": counts},
            now=now,
        )
        for model, ids in told:
            model.objects.filter(pk__in=ids).update(alerted_at=now)
    return sum(counts.values())


def staff_emails_purge(*, now: datetime | None = None) -> int:
    """Delete emails to staff (and their notices) sent or not needed more than
    STAFF_EMAIL_RETENTION_DAYS ago; failed ones stay until staff sent them again.
    A notice's key stays unique only as long as it is kept: every event that owes one is
    long past by then. Returns how many emails."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.STAFF_EMAIL_RETENTION_DAYS)
    old = StaffEmail.objects.filter(
        state__in=[StaffEmail.State.SENT, StaffEmail.State.SKIPPED], created_at__lt=cutoff
    )
    _count, by_model = old.delete()
    return by_model.get(StaffEmail._meta.label, 0)
