from django.core.management.base import BaseCommand

from apps.search.indexing import search_index_pending, search_rebuild, search_sources


class Command(BaseCommand):
    help = "Index every public page again (partner cities, events, venues, routes, services)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=list(search_sources()),
            help="only this kind of page (repeat for more)",
        )

    def handle(self, *args, kind=None, **options):
        counts = search_rebuild(kinds=kind, stdout=self.stdout)
        # Changes made during the rebuild may be newer than the texts it stored.
        search_index_pending()
        self.stdout.write(f"Indexed {sum(counts.values())} pages.")
