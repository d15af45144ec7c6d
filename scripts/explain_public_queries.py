"""Server time, query count and query plans of every public page, uncached (issue 9, item 1).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_a \\
    DJANGO_SETTINGS_MODULE=newsroom.settings DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 \\
    .venv/bin/python scripts/explain_public_queries.py [--explain] [--runs 20] [--only LABEL]

Pages are bench/pages.py's (home, largest top-level section page 1 and page 500, an article
with tags, the most used tag, search, RSS) plus an author page. For each: the median server
time of ``--runs`` requests through Django's test client after a warm-up (page cache off),
(and the CPU time of this process alone: Python, without the database's), and the number
of queries. With ``--explain``, every query of the page is run again under
EXPLAIN (ANALYZE, BUFFERS) and its plan printed; a "Seq Scan" on a table of articles, tags
or bylines, or a Sort over more than a page's worth of rows, is flagged with "!!".
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import Page, pick_pages  # noqa: E402

HOST = "127.0.0.1"
BIG_TABLES = (
    "articles_article",
    "articles_listingentry",
    "taggit_taggeditem",
    "articles_articleauthor",
    "search_searchentry",
)
# No collectstatic needed: static URLs unhashed, as in the tests.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SORTED_ROWS = re.compile(r"Sort .*rows=(\d+)")


def pages():
    from authors.models import Author

    found = pick_pages()
    author = Author.objects.order_by("pk").first()
    if author is not None:
        found.append(Page("auteur", author.get_absolute_url()))
    return found


def get(client, path):
    response = client.get(path, HTTP_HOST=HOST, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{path} répond {response.status_code}")
    return response


def measure(client, page, runs):
    for _ in range(3):
        get(client, page.path)
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        get(client, page.path)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        get(client, page.path)
    return statistics.median(timings), statistics.median(cpu), captured.captured_queries


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [row[0] for row in cursor.fetchall()]


def flagged(line):
    if "Seq Scan" in line and any(f" on {table} " in line for table in BIG_TABLES):
        return True
    match = SORTED_ROWS.search(line)
    return bool(match and "actual" in line and int(match.group(1)) > 200)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", help="pages whose label contains this text")
    args = parser.parse_args()
    client = Client()
    problems = 0
    with override_settings(PAGE_CACHE_ENABLED=False, STORAGES=STORAGES):
        for page in pages():
            if args.only and args.only not in page.label:
                continue
            try:
                median, cpu, queries = measure(client, page, args.runs)
            except Exception as error:  # noqa: BLE001 - report the page, go on with the others
                print(f"{page.label:<40} ÉCHEC : {error!r}"[:200])
                continue
            print(
                f"{page.label:<40} {median:7.1f} ms (Python {cpu:5.1f} ms)"
                f"  {len(queries):3d} requêtes  {page.path}"
            )
            if not args.explain:
                continue
            for query in queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                plan = explain(sql)
                print("\n  " + sql[:600])
                for line in plan:
                    mark = "!!" if flagged(line) else "  "
                    problems += mark == "!!"
                    print(f"  {mark} {line}")
            print()
    if args.explain:
        print(f"{problems} ligne(s) signalée(s) (!!).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
