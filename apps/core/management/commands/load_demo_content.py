"""Load the demo content of every app that has a `demo` module: what is missing only."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.demo_loading import lock_until_commit


class Command(BaseCommand):
    help = (
        "Create the demo content that is missing from every app; rows that exist, and "
        "everything under them, are left as they are. Safe to repeat."
    )

    def handle(self, *args, **options):
        # INSTALLED_APPS order is dependency order, so partners exist before events.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("apps.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                lock_until_commit()
                summary = import_module(module_name).load()
            self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content: missing rows created; existing rows left as they were."
            )
        )
