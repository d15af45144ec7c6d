"""Index every article for search, e.g. after ``generate_articles`` (bulk inserts send
no signal) or a restore:

    python manage.py rebuild_search_index [--batch-size 2000] [--jobs N] [--cluster]

On PostgreSQL each batch is one ``INSERT … SELECT … ON CONFLICT DO UPDATE``, run by
--jobs parallel connections (default: one per CPU); then the search and article
tables are analysed, so that the planner knows the new word and date statistics.
--cluster then rewrites the search tables newest first (CLUSTER, which locks it for a
few seconds per 100 000 articles): the candidates query reads it in that order, and
re-indexing an existing table leaves its rows scattered.
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.models import Article
from search import indexing
from search.models import SearchEntry, SearchHead


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche de tous les articles."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.REBUILD_BATCH)
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--cluster", action="store_true", help="Range la table (PostgreSQL).")

    def handle(self, *args, batch_size, jobs, cluster, **options):
        if batch_size < 1 or jobs < 1:
            raise CommandError("--batch-size et --jobs doivent être au moins 1.")
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} articles ({time.monotonic() - started:.1f} s)")

        qn = connection.ops.quote_name
        total = indexing.rebuild(batch_size=batch_size, jobs=jobs, progress=progress)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if cluster:
                    cursor.execute(
                        f"CLUSTER {qn(SearchEntry._meta.db_table)} USING search_entry_published_idx"
                    )
                    cursor.execute(
                        f"CLUSTER {qn(SearchHead._meta.db_table)} USING search_head_published_idx"
                    )
                for model in (SearchEntry, SearchHead, Article):
                    cursor.execute(f"ANALYZE {qn(model._meta.db_table)}")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{total} articles indexés en {elapsed:.1f} s."))
