from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationWorkspaceConfig(AppConfig):
    name = "apps.translation_workspace"
    label = "translation_workspace"
    verbose_name = _("Translation workspace")

    def ready(self):
        from .services import translation_state_connect

        # Every model registered with modeltranslation keeps its translations' state
        # on save (the content apps register theirs before this app is ready).
        translation_state_connect()
