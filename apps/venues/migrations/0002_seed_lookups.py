from django.db import migrations

from apps.venues.lookups import CATEGORIES, FACILITIES, SERVICE_LANGUAGES


def seed(apps, schema_editor):
    for model_name, rows in (
        ("ResourceCategory", CATEGORIES),
        ("Facility", FACILITIES),
        ("ServiceLanguage", SERVICE_LANGUAGES),
    ):
        model = apps.get_model("venues", model_name)
        # Only the name columns this migration's models have: names for a language added
        # later (in a later migration) would have no column here.
        columns = {field.name for field in model._meta.get_fields()}
        for position, (code, names) in enumerate(rows):
            values = {
                f"name_{suffix}": name
                for suffix, name in names.items()
                if f"name_{suffix}" in columns
            }
            values["name"] = names["zh_hans"]
            model.objects.update_or_create(code=code, defaults={**values, "position": position})


class Migration(migrations.Migration):
    """The visit-pool categories, facilities and languages staff start with."""

    dependencies = [("venues", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
