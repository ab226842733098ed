import logging

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals
        from .content import content_version_connect
        from .images import imagekit_model_receivers_disconnect
        from .media_cleanup import media_cleanup_connect
        from .outbox import outbox_register
        from .staff_notifications import STAFF_EMAILS
        from .staff_security import staff_security_connect

        # Runs after every migrate, so permissions of apps that land later reach the
        # staff groups without another data migration.
        post_migrate.connect(signals.sync_staff_group_permissions)
        user_logged_in.connect(signals.remember_staff_language)
        content_version_connect()
        # Logins and refusals go to the security log (after axes, which decides them).
        staff_security_connect()
        # Before django_cleanup's ready(), which reads the models it leaves alone.
        media_cleanup_connect()
        imagekit_model_receivers_disconnect()
        # Emails to staff (notifications, the failed-email alert) go through the outbox.
        outbox_register(STAFF_EMAILS)

        for old, new in getattr(settings, "RENAMED_SETTINGS", []):
            logging.getLogger(__name__).warning(
                "The setting %s is read for one more release: rename it %s.", old, new
            )
