from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "apps.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from .indexing import search_index_connect

        # Every source's rows, and the rows they are made of, queue their documents
        # for the index when they change (registered by the apps' ready(), before ours).
        search_index_connect()
