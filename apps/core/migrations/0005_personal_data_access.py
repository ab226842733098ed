"""The personal-data log (who saw, exported or changed registrants' data), append-only in
the database like the security log (core/0004_security_event): a row may only lose its
link to an account; any other UPDATE, and any DELETE, raises. PostgreSQL only.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION core_personal_data_access_append_only() RETURNS trigger AS $$
BEGIN
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
    RAISE EXCEPTION 'the personal data log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_personal_data_access_append_only
    BEFORE UPDATE OR DELETE ON core_personaldataaccess
    FOR EACH ROW EXECUTE FUNCTION core_personal_data_access_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_personal_data_access_append_only ON core_personaldataaccess;
DROP FUNCTION IF EXISTS core_personal_data_access_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_security_event"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonalDataAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="when"
                    ),
                ),
                ("actor_name", models.CharField(blank=True, max_length=150, verbose_name="who")),
                ("detail", models.JSONField(blank=True, default=dict, verbose_name="detail")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("list", "List viewed"),
                            ("record", "Record viewed"),
                            ("export", "Exported"),
                            ("change", "Changed by an action"),
                        ],
                        max_length=16,
                        verbose_name="action",
                    ),
                ),
                ("subject", models.CharField(db_index=True, max_length=100, verbose_name="data")),
                ("object_id", models.CharField(blank=True, max_length=64, verbose_name="record")),
                (
                    "row_count",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="rows"),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
            ],
            options={
                "verbose_name": "personal data access",
                "verbose_name_plural": "personal data log",
                "ordering": ["-created_at", "-pk"],
                "abstract": False,
                "indexes": [
                    models.Index(fields=["created_at"], name="personal_data_access_created")
                ],
            },
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
