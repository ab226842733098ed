"""The Celery application: configured from Django settings, tasks autodiscovered."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.base")

app = Celery("xicheng_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

FILESYSTEM_QUEUE_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder")


@app.on_after_configure.connect
def make_filesystem_queue_folders(sender, source, **kwargs):
    """Create the folders of kombu's filesystem queue (no Redis) before anything is queued.

    kombu fails on a folder that does not exist, and the first task is queued by
    whichever process comes first: the web, a command such as load_demo_content, or
    the worker.
    """
    if not source.broker_url.startswith("filesystem://"):
        return
    options = source.broker_transport_options or {}
    for key in FILESYSTEM_QUEUE_FOLDERS:
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
