"""Print a one-time link with which a staff member sets a new password."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.core.staff_security import login_failures_clear, password_reset_link


class Command(BaseCommand):
    help = (
        "Print a one-time link with which a staff member sets a new password, and unlock "
        "the account after failed logins. The portal has no public password reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = (
            get_user_model()
            .objects.filter(username=username, is_staff=True, is_active=True)
            .first()
        )
        if user is None:
            raise CommandError(f"No active staff login is called {username!r}.")
        link = password_reset_link(user=user)
        unlocked = login_failures_clear(username=username)
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        self.stdout.write(
            f"One-time link for {username}, valid for {hours} hours (until used, or until "
            f"the password changes otherwise):\n{link}"
        )
        if unlocked:
            self.stdout.write(f"The failed logins counted against {username} were cleared.")
        self.stdout.write(
            "Give it to them in person or by a trusted channel: whoever opens it sets the "
            "password. Their second factor stays as it is."
        )
