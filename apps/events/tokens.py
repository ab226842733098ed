"""The registrant's private link: a signed token and the registration it stands for.

Both halves of the secret live here; emails, pages and the .ics link use them.
"""

from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from .models import Registration

TOKEN_SALT = "events.registration"  # noqa: S105 (a signing namespace, not a secret)


class TokenInvalid(Exception):
    """A management link that was not made by this site (or was mangled on the way)."""


class TokenExpired(Exception):
    """A genuine management link whose registration was replaced or deleted."""


def registration_token(registration: Registration) -> str:
    """The signed secret of the management link: the key and a per-registration secret.

    Not timestamped: every email carries the same link, which stays valid until the
    registration's secret changes or its data is deleted.
    """
    signer = signing.Signer(salt=TOKEN_SALT)
    return signer.sign_object({"r": registration.pk, "s": registration.secret})


def registration_from_token(token: str) -> Registration:
    """The registration a management link stands for, or TokenInvalid / TokenExpired."""
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
        pk, secret = int(data["r"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid from exc
    registration = (
        Registration.objects.select_related("event", "event__venue").filter(pk=pk).first()
    )
    if registration is None or not constant_time_compare(registration.secret, secret):
        raise TokenExpired
    return registration


def registration_manage_url(registration: Registration) -> str:
    """The path of the registrant's own page, where they see and cancel their place."""
    return reverse("events:registration", kwargs={"token": registration_token(registration)})
