from celery import shared_task

from .indexing import search_index_pending
from .services import search_query_counts_save


@shared_task(name="search.index_pending", ignore_result=True)
def index_pending():
    """Index the content changed since the last run (kicked after each change; beat
    runs it every minute as a backstop)."""
    return search_index_pending()


@shared_task(name="search.save_query_counts", ignore_result=True)
def save_query_counts():
    return search_query_counts_save()
