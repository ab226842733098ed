"""Fixtures of the service-desk tests: staff of each group, the site address."""

import pytest

SITE_URL = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def officer_client(client, django_user_model):
    from django.contrib.auth.models import Group

    from apps.core.services import STAFF_GROUP_SERVICE_DESK

    officer = django_user_model.objects.create_user(
        username="officer",
        password="a long test password",
        email="officer@example.org",
        is_staff=True,
    )
    officer.groups.add(Group.objects.get(name=STAFF_GROUP_SERVICE_DESK))
    client.force_login(officer)
    client.officer = officer
    return client


@pytest.fixture
def going_abroad(db):
    from .factories import going_abroad_package

    return going_abroad_package()
