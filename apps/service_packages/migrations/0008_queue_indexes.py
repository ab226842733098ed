"""Indexes of the staff queue at 50,000 requests.

Two b-tree indexes follow the list's default ordering (newest first), alone and after
the status, so a page is read from an index instead of sorting the table. The search
looks for part of a reference, a name or an email: Django's `icontains` compares
`UPPER(column::text) LIKE UPPER('%…%')`, which trigram indexes on that very expression
answer. Those are PostgreSQL only, created here rather than declared on the model: the
SQLite demo database knows no GIN, and rebuilding its table (as SQLite does for many
changes of a field) would try to create every index the model declares. Going back
keeps the pg_trgm extension (Django's TrigramExtension would drop it, and fails on
SQLite when it goes back).
"""

from django.db import migrations, models

TABLE = "service_packages_servicerequest"
# The columns the queue's search reads, and the name of each one's trigram index.
SEARCHED = {
    "reference": "request_reference_trgm",
    "enterprise_name": "request_enterprise_trgm",
    "contact_name": "request_contact_trgm",
    "email": "request_email_trgm",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A trusted extension: the database's owner may create it without being a superuser.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    for column, name in SEARCHED.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)',
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED.values():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"', params=None)


class Migration(migrations.Migration):
    dependencies = [("service_packages", "0007_picture")]

    operations = [
        migrations.AddIndex(
            model_name="servicerequest",
            index=models.Index(fields=["-submitted_at", "-id"], name="request_queue_order"),
        ),
        migrations.AddIndex(
            model_name="servicerequest",
            index=models.Index(
                fields=["status", "-submitted_at", "-id"], name="request_status_queue"
            ),
        ),
        migrations.RunPython(create, drop),
    ]
