"""The audit log is append-only, in Django and in PostgreSQL itself."""

import pytest
from django.db import DatabaseError, transaction

from apps.service_packages.models import AuditEntry
from apps.service_packages.services import audit_record

from .factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(going_abroad, service_desk_officer):
    service_request = submit(going_abroad)
    return audit_record(
        action=AuditEntry.Action.EXPORT, actor=service_desk_officer, service_request=service_request
    )


def test_the_model_refuses_to_change_or_delete_an_entry(entry):
    entry.reference = "XC-0000-000000"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


@pytest.mark.parametrize(
    "change",
    [
        lambda qs: qs.update(reference="XC-0000-000000"),
        lambda qs: qs.update(action=AuditEntry.Action.PURGE),
        lambda qs: qs.update(detail={"forged": True}),
        lambda qs: qs.update(actor_name="someone else"),
        lambda qs: qs.delete(),
    ],
)
def test_the_database_refuses_bulk_changes_and_deletes(entry, change):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change(AuditEntry.objects.filter(pk=entry.pk))
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert (fresh.reference, fresh.action, fresh.detail) == (
        entry.reference,
        entry.action,
        entry.detail,
    )


def test_an_entry_outlives_the_account_and_the_request(entry, service_desk_officer):
    reference = entry.reference
    service_desk_officer.delete()
    entry.request.delete()
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert fresh.actor_id is None and fresh.request_id is None
    assert fresh.actor_name == "desk" and fresh.reference == reference
