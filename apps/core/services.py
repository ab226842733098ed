"""Writes shared by every app: publishing state, staff accounts and the personal-data log."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import (
    Heartbeat,
    PersonalDataAccess,
    PublishableModel,
    PublishingStatus,
    StaffLanguage,
)

STAFF_GROUP_CONTENT_EDITOR = "Content editor"
STAFF_GROUP_SERVICE_DESK = "Service desk officer"
# Sees and manages event registrants' personal data; content editors see counts only.
STAFF_GROUP_EVENT_REGISTRATIONS = "Event registrations"
STAFF_GROUP_SITE_ADMIN = "Site administrator"
STAFF_GROUPS = (
    STAFF_GROUP_CONTENT_EDITOR,
    STAFF_GROUP_SERVICE_DESK,
    STAFF_GROUP_EVENT_REGISTRATIONS,
    STAFF_GROUP_SITE_ADMIN,
)


def heartbeat_record(*, name: str, at) -> None:
    """Remember that the periodic task `name` ran at `at`: one upsert, no read first."""
    Heartbeat.objects.bulk_create(
        [Heartbeat(name=name, at=at)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["at"],
    )


def publishable_set_status(*, obj: PublishableModel, status: str) -> PublishableModel:
    """Move one piece of content to draft, published or archived."""
    obj.status = PublishingStatus(status)
    obj.full_clean()
    obj.save(update_fields=["status", "updated_at"])
    return obj


@transaction.atomic
def staff_user_create_or_update(
    *, username: str, email: str, password: str, groups: list[str], superuser: bool = False
):
    """Create a staff login, or reset an existing one, and put it in the given groups."""
    unknown = set(groups) - set(STAFF_GROUPS)
    if unknown:
        raise ValueError(f"Unknown staff group(s): {', '.join(sorted(unknown))}")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
    user.email = email
    user.is_staff = True
    user.is_superuser = superuser
    validate_password(password, user=user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    return user, created


def staff_language_remember(*, user, language: str) -> None:
    """Keep the admin language of a staff member for the emails we send them."""
    if not (user.is_authenticated and user.is_staff):
        return
    if language not in {code for code, _name in settings.LANGUAGES}:
        return
    StaffLanguage.objects.update_or_create(user=user, defaults={"language": language})


def staff_language(user) -> str:
    """The language to write to a staff member in: their admin language, else Chinese."""
    try:
        return user.staff_language.language
    except StaffLanguage.DoesNotExist:
        return settings.LANGUAGE_CODE


def personal_data_access_record(
    *,
    user,
    action: str,
    subject: str,
    row_count: int | None = None,
    object_id: str = "",
    **detail,
) -> PersonalDataAccess:
    """Add a line to the personal-data log: who saw, exported or changed which data.

    `detail` says what (the event, the filters, the format) and must hold no personal
    data: callers pass ids, slugs and filter values, never names or addresses.
    """
    return PersonalDataAccess.objects.create(
        action=action,
        subject=subject,
        object_id=str(object_id)[:64],
        row_count=row_count,
        actor=user if user is not None and user.is_authenticated else None,
        actor_name=user.get_username() if user is not None and user.is_authenticated else "",
        detail=detail,
    )
