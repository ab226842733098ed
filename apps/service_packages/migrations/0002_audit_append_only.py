"""The audit log refuses changes in the database itself, not only in Django.

A row may only lose its links (request or account set to NULL when those are
deleted); anything else, and any DELETE, raises. PostgreSQL only: the SQLite demo
database relies on the model's own refusal.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION service_packages_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.request_id IS NOT DISTINCT FROM OLD.request_id OR NEW.request_id IS NULL)
       AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
       AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
       AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
       AND NEW.action IS NOT DISTINCT FROM OLD.action
       AND NEW.reference IS NOT DISTINCT FROM OLD.reference
       AND NEW.detail IS NOT DISTINCT FROM OLD.detail THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER service_packages_audit_append_only
    BEFORE UPDATE OR DELETE ON service_packages_auditentry
    FOR EACH ROW EXECUTE FUNCTION service_packages_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS service_packages_audit_append_only ON service_packages_auditentry;
DROP FUNCTION IF EXISTS service_packages_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("service_packages", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
