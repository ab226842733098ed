"""The reference of `make bench`: bare Django answering "hello", with no middleware.

Served by gunicorn next to the portal (`gunicorn --chdir scripts bench_hello:application`);
each page's speed is given as a ratio to this one's, measured in the same run.
"""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
    "ROOT_URLCONF": __name__,
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
}


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]

# Configured here, not in a settings module: this file is the whole project.
if not settings.configured:
    settings.configure(**SETTINGS)

application = get_wsgi_application()
