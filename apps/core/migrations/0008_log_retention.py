"""Retention of the security and personal-data logs: the append-only triggers of
core/0004 and core/0005 now let one deliberate path delete old lines.

A DELETE passes only inside a transaction that set `xicheng.purge_logs_before` (with
`set_config(..., true)`, so it ends with the transaction) and only for a line written
before that instant: `apps.core.services.logs_purge` does so with the retention period.
Anything else (an UPDATE beyond unlinking the account, a DELETE without the setting or of
a newer line) still raises. PostgreSQL only, as before.
"""

from django.db import migrations

# NULLIF: a setting once set in a session reads as '' after its transaction ended.
PURGE_ALLOWED = (
    "TG_OP = 'DELETE' AND OLD.created_at < "
    "NULLIF(current_setting('xicheng.purge_logs_before', true), '')::timestamptz"
)

SECURITY_EVENT = """
CREATE OR REPLACE FUNCTION core_security_event_append_only() RETURNS trigger AS $$
BEGIN
    IF %(purge)s THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
       AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
       AND NEW.action IS NOT DISTINCT FROM OLD.action
       AND NEW.username IS NOT DISTINCT FROM OLD.username
       AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
       AND NEW.address IS NOT DISTINCT FROM OLD.address
       AND NEW.detail IS NOT DISTINCT FROM OLD.detail THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the security log is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""

PERSONAL_DATA_ACCESS = """
CREATE OR REPLACE FUNCTION core_personal_data_access_append_only() RETURNS trigger AS $$
BEGIN
    IF %(purge)s THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
       AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
       AND NEW.action IS NOT DISTINCT FROM OLD.action
       AND NEW.subject IS NOT DISTINCT FROM OLD.subject
       AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id
       AND NEW.row_count IS NOT DISTINCT FROM OLD.row_count
       AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
       AND NEW.detail IS NOT DISTINCT FROM OLD.detail THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the personal data log is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def _functions(purge: str) -> str:
    return (SECURITY_EVENT + PERSONAL_DATA_ACCESS) % {"purge": purge}


def allow_purge(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_functions(PURGE_ALLOWED), params=None)


def refuse_purge(apps, schema_editor):
    # Back to the functions of 0004 and 0005: no DELETE at all.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_functions("false"), params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_heartbeat")]

    operations = [migrations.RunPython(allow_purge, refuse_purge)]
