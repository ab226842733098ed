"""Emails to applicants, each rendered in the applicant's language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .models import RequestNotification, ServiceRequest

TRACKING_SALT = "service_packages.tracking"  # noqa: S105 (a signing namespace, not a secret)


def tracking_link_token(request: ServiceRequest) -> str:
    """The signed part of the private tracking link: no personal data, only key and nonce."""
    return signing.dumps({"r": request.pk, "n": request.tracking_nonce}, salt=TRACKING_SALT)


def tracking_url(request: ServiceRequest) -> str:
    """The private link, in the active language."""
    return settings.SITE_URL + reverse(
        "service_packages:track_link", kwargs={"token": tracking_link_token(request)}
    )


def _subject(notification: RequestNotification, request: ServiceRequest) -> str:
    if notification.kind == RequestNotification.Kind.RECEIVED:
        return gettext("We have received your request %(reference)s") % {
            "reference": request.reference
        }
    status = notification.transition.to_status if notification.transition else request.status
    return gettext("Your request %(reference)s: %(status)s") % {
        "reference": request.reference,
        "status": ServiceRequest.Status(status).label,
    }


def notification_message(notification: RequestNotification) -> EmailMultiAlternatives:
    """One email to the applicant; it never carries an internal note."""
    from .services import tracking_code

    request = notification.request
    transition = notification.transition
    with translation.override(request.language):
        context = {
            "kind": notification.kind,
            "request": request,
            "package": request.package,
            "status": ServiceRequest.Status(
                transition.to_status if transition else request.status
            ).label,
            "to_status": transition.to_status if transition else request.status,
            # Only what the applicant may read: the note to them, never the internal one.
            "note_to_applicant": transition.note_to_applicant if transition else "",
            "tracking_url": tracking_url(request),
            "track_page_url": settings.SITE_URL + reverse("service_packages:track"),
            "tracking_code": tracking_code(request),
            "LANGUAGE_CODE": request.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = " ".join(_subject(notification, request).split())
        text = render_to_string("service_packages/email/notification.txt", context)
        html = render_to_string("service_packages/email/notification.html", context)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
        headers={
            "Message-ID": f"<request-notification-{notification.pk}.{notification.key}@{host}>",
            "Content-Language": request.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
