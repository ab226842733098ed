"""Load the demo content of every app that has a `demo` module (idempotent)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo content from the source article into every app; safe to repeat."

    def handle(self, *args, **options):
        # INSTALLED_APPS order is dependency order, so partners exist before events.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("apps.") or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                summary = import_module(module_name).load()
            self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
