"""Anniversary notices become rows of the one outbox (apps/core/outbox.py)."""

import django.utils.timezone
from django.db import migrations, models


def to_outbox(apps, schema_editor):
    notice = apps.get_model("sister_cities", "AnniversaryNotice")
    for row in notice.objects.all().only("pk", "years"):
        notice.objects.filter(pk=row.pk).update(key=str(row.years))
    # A failed notice used to be tried again on the next daily run: now it waits in the
    # queue. A notice left "sending" by a crash is resolved by the outbox's in-doubt rule
    # (sending_since is empty, so the next dispatch sends it again).
    notice.objects.filter(state="failed").update(state="pending")


class Migration(migrations.Migration):
    dependencies = [
        ("sister_cities", "0002_coordinates_message"),
    ]

    operations = [
        migrations.AddField(
            model_name="anniversarynotice",
            name="key",
            field=models.CharField(default="", editable=False, max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="not_before",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="next attempt"
            ),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="queued_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="handed to a worker"
            ),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="last_error",
            field=models.TextField(blank=True, verbose_name="last error"),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="sending_since",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sending since"),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="failing_since",
            field=models.DateTimeField(blank=True, null=True, verbose_name="failing since"),
        ),
        migrations.AddField(
            model_name="anniversarynotice",
            name="alerted_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="administrators told"
            ),
        ),
        migrations.AlterField(
            model_name="anniversarynotice",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created"),
        ),
        migrations.AlterField(
            model_name="anniversarynotice",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent"),
        ),
        migrations.AlterField(
            model_name="anniversarynotice",
            name="state",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("queued", "Handed to a worker"),
                    ("sending", "Sending"),
                    ("sent", "Sent"),
                    ("failed", "Failed"),
                    ("skipped", "Not needed any more"),
                ],
                default="pending",
                max_length=8,
                verbose_name="state",
            ),
        ),
        migrations.AlterModelOptions(
            name="anniversarynotice",
            options={
                "ordering": ["-created_at", "pk"],
                "verbose_name": "anniversary reminder",
                "verbose_name_plural": "anniversary reminders",
            },
        ),
        migrations.RunPython(to_outbox, migrations.RunPython.noop),
    ]
