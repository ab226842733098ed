from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A concrete app that exercises the abstract core models in tests only."""

    name = "tests.testapp"
    label = "testapp"
