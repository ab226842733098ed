"""Create or reset a staff login from the command line."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.core.services import STAFF_GROUPS, staff_user_create_or_update


class Command(BaseCommand):
    help = "Create a staff user (or reset an existing one) and put it in staff groups."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help="Password; prompted for when omitted (avoid it on shared machines).",
        )
        parser.add_argument(
            "--group",
            action="append",
            dest="groups",
            choices=STAFF_GROUPS,
            default=[],
            help="Staff group; repeat for several.",
        )
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args, username, email, password, groups, superuser, **options):
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        if not password:
            raise CommandError("A password is required.")
        try:
            user, created = staff_user_create_or_update(
                username=username,
                email=email,
                password=password,
                groups=groups,
                superuser=superuser,
            )
        except (ValidationError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} staff user {user.username!r}."))
