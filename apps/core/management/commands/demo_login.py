"""Create or reuse the demo staff login of `make run` and print it."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.core.services import STAFF_GROUPS, staff_user_create_or_update

USERNAME = "demo"


class Command(BaseCommand):
    help = "Create (or reuse) the demo staff login and print it. Never use on production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file",
            type=Path,
            default=settings.BASE_DIR / "var" / "demo-login.txt",
            help="Where the password is kept between runs (default: var/demo-login.txt).",
        )

    def handle(self, *args, **options):
        # The password is kept beside the demo database so every `make run` prints the
        # same login; a fresh checkout gets a fresh random one.
        secret_file = options["password_file"]
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        if secret_file.exists():
            password = secret_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
        staff_user_create_or_update(
            username=USERNAME,
            email="demo@example.org",
            password=password,
            groups=list(STAFF_GROUPS),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Staff login for {settings.SITE_URL}/admin/ -> "
                f"username: {USERNAME}  password: {password}"
            )
        )
        # The demo runs on the base settings, where the second factor is optional (the
        # production settings require it of this user's groups).
        if settings.STAFF_SECOND_FACTOR_REQUIRED:
            self.stdout.write(
                "A second factor is required: scan the QR code shown after the password "
                "with an authenticator app."
            )
