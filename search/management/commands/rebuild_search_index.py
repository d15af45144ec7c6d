"""Index every article for search, e.g. after ``generate_articles`` (bulk inserts send
no signal) or a restore:

    python manage.py rebuild_search_index [--batch-size 5000]

On PostgreSQL each batch is one ``INSERT … SELECT … ON CONFLICT DO UPDATE``; then the
table is analysed so that the planner knows the new word statistics.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import indexing
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche de tous les articles."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.REBUILD_BATCH)

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size doit être au moins 1.")
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} articles ({time.monotonic() - started:.1f} s)")

        total = indexing.rebuild(batch_size=batch_size, progress=progress)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchEntry._meta.db_table)}")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{total} articles indexés en {elapsed:.1f} s."))
