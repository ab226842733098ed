"""The applicant's two keys to a request: the tracking code and the private link.

Both halves of each secret live here: making the code and checking it, signing the
link and the salt its reader checks it with.
"""

import base64
import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from apps.core.bidi import strip_bidi_controls

from .models import ServiceRequest

TRACKING_SALT = "service_packages.tracking"  # noqa: S105 (a signing namespace, not a secret)


def tracking_link_token(service_request: ServiceRequest) -> str:
    """The signed part of the private tracking link: no personal data, only key and nonce."""
    return signing.dumps(
        {"r": service_request.pk, "n": service_request.tracking_nonce}, salt=TRACKING_SALT
    )


def tracking_url(service_request: ServiceRequest) -> str:
    """The private link, in the active language."""
    return settings.SITE_URL + reverse(
        "service_packages:track_link", kwargs={"token": tracking_link_token(service_request)}
    )


def tracking_code(service_request: ServiceRequest) -> str:
    """The code the applicant types with the reference, e.g. K7QF-9XRM-2HTD-WP4C.

    An HMAC of the request under the site's secret key: a copy of the database alone
    does not reveal it. 80 bits, in groups a person can type.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"service-request-tracking:{service_request.pk}:{service_request.tracking_nonce}".encode(),
        hashlib.sha256,
    ).digest()
    code = base64.b32encode(digest).decode()[:16]
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


def _normalised_code(code: str) -> str:
    # Base32 has no 0 or 1: read them as the letters people mistake them for.
    # A code copied from an Arabic email may carry invisible direction marks.
    text = strip_bidi_controls(code)
    return "".join(text.split()).replace("-", "").upper().replace("0", "O").replace("1", "I")


def request_for_tracking(*, reference: str, code: str) -> ServiceRequest | None:
    """The request a reference and its code open, or None (never saying which was wrong)."""
    service_request = ServiceRequest.objects.filter(reference=reference.strip().upper()).first()
    if service_request is None:
        constant_time_compare("0" * 16, _normalised_code(code))  # the same work either way
        return None
    if not constant_time_compare(
        _normalised_code(tracking_code(service_request)), _normalised_code(code)
    ):
        return None
    return service_request
