"""Writes shared by every app: publishing state, staff accounts, the security and
personal-data logs' retention and the personal-data log."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import connection, transaction
from django.utils import timezone

from .models import (
    Heartbeat,
    PersonalDataAccess,
    PublishableModel,
    PublishingStatus,
    SecurityEvent,
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


# --- Retention of the logs ------------------------------------------------------------

# Rows deleted per transaction: a first purge of a long log neither holds locks for long
# nor loses its progress if the task is stopped (each batch is committed).
LOG_PURGE_BATCH = 1000
# The one way past the append-only triggers (core/0008_log_retention): lines written
# before this instant may be deleted within the transaction that sets it.
LOG_PURGE_SETTING = "xicheng.purge_logs_before"


def logs_purge(*, now: datetime | None = None, batch_size: int = LOG_PURGE_BATCH) -> dict:
    """Delete security-log lines older than SECURITY_LOG_RETENTION_DAYS and personal-data
    log lines older than PERSONAL_DATA_LOG_RETENTION_DAYS, in batches.

    Ages are counted in instants (aware, UTC), not calendar days, so the result is the same
    whatever the zone of the server. Returns how many lines went from each log; a second
    run deletes nothing more.
    """
    now = (now or timezone.now()).astimezone(UTC)
    return {
        "security": _log_purge(
            SecurityEvent, now - timedelta(days=settings.SECURITY_LOG_RETENTION_DAYS), batch_size
        ),
        "personal_data": _log_purge(
            PersonalDataAccess,
            now - timedelta(days=settings.PERSONAL_DATA_LOG_RETENTION_DAYS),
            batch_size,
        ),
    }


def _log_purge(model, cutoff: datetime, batch_size: int) -> int:
    deleted = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Local to this transaction (the third argument): nothing else is let
                    # through, and the trigger itself refuses any line newer than cutoff.
                    cursor.execute(
                        "SELECT set_config(%s, %s, true)", [LOG_PURGE_SETTING, cutoff.isoformat()]
                    )
            batch = list(
                model.objects.filter(created_at__lt=cutoff)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            # A queryset's delete(), not the model's (which refuses): plain DELETE ... IN.
            count, _by_model = model.objects.filter(pk__in=batch).delete()
        # What this run deleted: a purge running alongside may have taken some already.
        deleted += count
        if len(batch) < batch_size:
            return deleted
