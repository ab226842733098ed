"""Emails to applicants, each rendered in the applicant's language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .models import RequestNotification, ServiceRequest
from .tracking import tracking_code, tracking_url


def _subject(notification: RequestNotification, service_request: ServiceRequest) -> str:
    if notification.kind == RequestNotification.Kind.RECEIVED:
        return gettext("We have received your request %(reference)s") % {
            "reference": service_request.reference
        }
    status = (
        notification.transition.to_status if notification.transition else service_request.status
    )
    return gettext("Your request %(reference)s: %(status)s") % {
        "reference": service_request.reference,
        "status": ServiceRequest.Status(status).label,
    }


def notification_message(notification: RequestNotification) -> EmailMultiAlternatives:
    """One email to the applicant; it never carries an internal note."""
    service_request = notification.request
    transition = notification.transition
    with translation.override(service_request.language):
        context = {
            "kind": notification.kind,
            "service_request": service_request,
            "package": service_request.package,
            "status": ServiceRequest.Status(
                transition.to_status if transition else service_request.status
            ).label,
            "to_status": transition.to_status if transition else service_request.status,
            # Only what the applicant may read: the note to them, never the internal one.
            "note_to_applicant": transition.note_to_applicant if transition else "",
            "tracking_url": tracking_url(service_request),
            "track_page_url": settings.SITE_URL + reverse("service_packages:track"),
            "tracking_code": tracking_code(service_request),
            "LANGUAGE_CODE": service_request.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = " ".join(_subject(notification, service_request).split())
        text = render_to_string("service_packages/email/notification.txt", context)
        html = render_to_string("service_packages/email/notification.html", context)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[service_request.email],
        headers={
            "Message-ID": f"<request-notification-{notification.pk}.{notification.key}@{host}>",
            "Content-Language": service_request.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
