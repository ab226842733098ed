"""WSGI entry point (gunicorn xicheng_portal.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.production")

application = get_wsgi_application()

# What start-up created (Django, the apps, their models and settings: some 200,000
# objects) lives as long as the process. Python's cyclic collector would walk all of it
# at every full collection, a few milliseconds every few requests; frozen, it walks only
# what requests create. (Each process freezes its own objects, with or without --preload.)
gc.freeze()
