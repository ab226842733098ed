"""The security log (staff logins, refusals, second factors), append-only in the database.

As the service desk's audit log (service_packages/0002_audit_append_only): a row may
only lose its link to an account (actor set to NULL when the account is deleted);
any other UPDATE, and any DELETE, raises. PostgreSQL only: the SQLite demo database
relies on the model's own refusal.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION core_security_event_append_only() RETURNS trigger AS $$
BEGIN
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
    RAISE EXCEPTION 'the security log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_security_event_append_only
    BEFORE UPDATE OR DELETE ON core_securityevent
    FOR EACH ROW EXECUTE FUNCTION core_security_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_security_event_append_only ON core_securityevent;
DROP FUNCTION IF EXISTS core_security_event_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_content_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SecurityEvent",
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
                            ("login", "Logged in"),
                            ("login_failed", "Wrong password"),
                            ("locked_out", "Refused: too many failed logins"),
                            ("code_failed", "Wrong second-factor code"),
                            ("recovery_code", "Logged in with a recovery code"),
                            ("enrolled", "Second factor set up"),
                            ("recovery_codes", "New recovery codes"),
                            ("reset", "Second factor reset"),
                            ("unlocked", "Failed logins cleared"),
                            ("session_ended", "Session ended"),
                            ("password_link", "Password link issued"),
                            ("password_set", "Password set with a link"),
                        ],
                        max_length=16,
                        verbose_name="action",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        blank=True, db_index=True, max_length=150, verbose_name="account"
                    ),
                ),
                (
                    "address",
                    models.CharField(blank=True, max_length=64, verbose_name="client address"),
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
                "verbose_name": "security event",
                "verbose_name_plural": "security log",
                "ordering": ["-created_at", "-pk"],
                "abstract": False,
                "indexes": [models.Index(fields=["created_at"], name="security_event_created")],
            },
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
