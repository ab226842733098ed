"""The outbox of anniversary notices: a content editor told of a round anniversary.

The daily task records the notices owed (`services.anniversary_reminders_send`); the
one send loop of `apps/core/outbox.py` sends them with the retries, the in-doubt rule
and the alerts of every other email.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.core.outbox import Outbox, outbox_kick
from apps.core.services import staff_language

from .anniversaries import Anniversary, anniversary_date
from .models import AnniversaryNotice, SisterCity


class AnniversaryNotices(Outbox):
    name = "sister_cities.anniversary_notices"
    model = AnniversaryNotice
    label = _("anniversary reminders to editors")
    related = ("city", "recipient")

    def verdict(self, row, now: datetime):
        city, recipient = row.city, row.recipient
        if not (
            city.is_published and city.relationship_status == SisterCity.RelationshipStatus.ACTIVE
        ):
            return AnniversaryNotice.State.SKIPPED
        if not (recipient.is_active and recipient.email):
            return AnniversaryNotice.State.SKIPPED
        return None

    def message(self, row, batch, *, now: datetime):
        city, recipient = row.city, row.recipient
        anniversary = Anniversary(row.years, anniversary_date(city.established_on, row.years))
        with translation.override(staff_language(recipient)):
            admin_path = reverse("admin:sister_cities_sistercity_change", args=[city.pk])
            context = {
                "city": city,
                "anniversary": anniversary,
                # Days are Beijing days, as the anniversary dates are.
                "days": anniversary.days_from(timezone.localdate(now)),
                "recipient": recipient,
                "admin_url": f"{settings.SITE_URL}{admin_path}",
                "page_url": f"{settings.SITE_URL}{city.get_absolute_url()}",
            }
            subject = render_to_string("sister_cities/email/anniversary_subject.txt", context)
            body = render_to_string("sister_cities/email/anniversary_body.txt", context)
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[recipient.email],
            headers={
                "Message-ID": f"<anniversary-{row.pk}.{row.key}@{host}>",
                "Auto-Submitted": "auto-generated",
            },
        )


ANNIVERSARY_NOTICES = AnniversaryNotices()


def anniversary_notices_kick() -> None:
    outbox_kick(AnniversaryNotices.name)
