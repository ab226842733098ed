"""The Celery application: configured from Django settings, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.base")

app = Celery("xicheng_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
