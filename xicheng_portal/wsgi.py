"""WSGI entry point (gunicorn xicheng_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xicheng_portal.settings.production")

application = get_wsgi_application()
