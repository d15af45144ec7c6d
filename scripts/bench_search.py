"""Search latency on a large PostgreSQL database (a benchmark, not a test).

Usage (the database must exist and be migrated):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_searchbench \\
        .venv/bin/python scripts/bench_search.py [--count 100000] [--runs 30]

Tops the database up to --count articles with ``manage.py generate_articles`` (which
bulk-inserts, so no signal indexes them), runs ``manage.py rebuild_search_index`` when
the index is not complete, then requests /recherche/ with typical queries (single
words, two words, accents, a phrase, filters, sort by date, page 2) through the whole
Django stack, --runs times each in shuffled order after one warm-up round, and prints
the p50/p95 latency in milliseconds, per query and overall, with the time spent in SQL
and the machine's load (other processes make the figures noisy). Target: p95 < 50 ms.

The mix holds long title-like queries too: the exact titles of a recent, a median and
an old article, a long query made of two titles, and near titles (a word dropped, two
words swapped, a word changed, the title followed by its standfirst's first words).
Then --titles articles drawn at random are searched by each kind of title query: how
often a result of that very title comes first (hits@1) and is on the first page
(hits@10) — by title, since the corpus repeats titles — and, for exact titles, how
often the article itself is on the first page. Targets: exact titles 40/40 first;
near titles at least 30/40 first and 38/40 on the first page.
"""

import argparse
import atexit
import html
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Production settings (DEBUG off: no query log, no static files looked up on each
# request), with a throwaway secret key and static files collected to a temporary folder.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
# Plain-HTTP test client: no redirect to HTTPS (on by default with DEBUG off).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
if "STATIC_ROOT" not in os.environ:
    os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="bench-static-")
    atexit.register(shutil.rmtree, os.environ["STATIC_ROOT"], ignore_errors=True)

TARGET_P95_MS = 50


def title_queries():
    """(label, GET parameters) of pasted titles: recent, median and old articles."""
    from articles.models import Article

    published = Article.objects.published().order_by("-published_at")
    total = published.count()
    recent, median, old = (published[i].title for i in (0, total // 2, total - 1))
    return [
        ("titre exact récent", {"q": recent}),
        ("titre exact médian", {"q": median}),
        ("titre exact ancien", {"q": old}),
        ("deux titres (long)", {"q": f"{recent} {old}"}),
    ]


# Words a reader may put in place of one of the title's (one word changed).
OTHER_WORDS = ["réseau", "budget", "territoires", "patients", "qualité", "parcours", "accès"]


def _content_positions(words):
    """Positions of the words that carry meaning (not short function words)."""
    return [i for i, word in enumerate(words) if len(word.strip(",:;.!?'’")) >= 4]


def near_title(title, standfirst, kind, rng):
    """The title as a reader might remember it: ``kind`` is one of NEAR_KINDS."""
    words = title.split()
    positions = _content_positions(words) or list(range(len(words)))
    if kind == "titre exact":
        return title
    if kind == "un mot en moins":
        i = rng.choice(positions)
        return " ".join(words[:i] + words[i + 1 :])
    if kind == "deux mots inversés" and len(positions) >= 2:
        i, j = sorted(rng.sample(positions, 2))
        words[i], words[j] = words[j], words[i]
        return " ".join(words)
    if kind == "un mot changé":
        i = rng.choice(positions)
        words[i] = rng.choice([w for w in OTHER_WORDS if w not in title.lower()])
        return " ".join(words)
    if kind == "titre + chapô (long)":
        return f"{title} {' '.join(standfirst.split()[:10])}"
    return title


NEAR_KINDS = [
    "titre exact",
    "un mot en moins",
    "deux mots inversés",
    "un mot changé",
    "titre + chapô (long)",
]


def near_title_queries():
    """(label, GET parameters): each kind of near title, from a median article."""
    from articles.models import Article

    published = Article.objects.published().order_by("-published_at")
    article = published[published.count() // 3]
    rng = random.Random(3)
    return [
        (f"{kind}", {"q": near_title(article.title, article.standfirst, kind, rng)})
        for kind in NEAR_KINDS[1:]
    ]


def typical_queries(section, tag, author, last_year):
    """(label, GET parameters) of typical reader searches."""
    return [
        ("un mot", {"q": "hôpital"}),
        ("un mot sans accent", {"q": "sante"}),
        ("pluriel, accents", {"q": "hôpitaux"}),
        ("mot rare", {"q": "biosimilaires"}),
        ("sigle", {"q": "PLFSS"}),
        ("deux mots", {"q": "pénuries médicaments"}),
        ("deux mots sans accent", {"q": "deserts medicaux"}),
        ("trois mots", {"q": "intelligence artificielle radiologie"}),
        ("expression", {"q": '"santé mentale"'}),
        ("exclusion", {"q": "financement -hôpital"}),
        ("aucun résultat", {"q": "zzyzx quokka"}),
        ("par date", {"q": "cybersécurité", "tri": "date"}),
        ("rubrique", {"q": "financement", "rubrique": section}),
        ("mot-clé", {"q": "urgences", "tag": tag}),
        ("auteur", {"q": "ARS", "auteur": author}),
        ("période", {"q": "vaccination", "du": f"{last_year}-01-01", "au": f"{last_year}-12-31"}),
        ("page 2", {"q": "hôpital", "page": "2"}),
        ("filtres seuls", {"rubrique": section, "tri": "date"}),
    ]


CARD = re.compile(r'<h2 class="card__title"><a href="([^"]*)">(.*?)</a></h2>', re.S)


def title_hits(client, count):
    """Out of ``count`` articles drawn at random, searched by each kind of title query:
    {kind: (a result of that title first, that title on the first page)}, the
    article itself on the first page for its exact title, and the sample size."""
    from articles.models import Article

    ids = list(Article.objects.published().values_list("pk", flat=True))
    sample = random.Random(2).sample(ids, min(count, len(ids)))
    rng = random.Random(4)
    hits = {kind: [0, 0] for kind in NEAR_KINDS}
    itself = 0
    for article in Article.objects.filter(pk__in=sample).select_related("section"):
        for kind in NEAR_KINDS:
            q = near_title(article.title, article.standfirst, kind, rng)
            response = client.get("/recherche/", {"q": q}, HTTP_HOST="127.0.0.1")
            cards = [(url, html.unescape(t)) for url, t in CARD.findall(response.content.decode())]
            found = [title for _, title in cards]
            hits[kind][0] += found[:1] == [article.title]
            hits[kind][1] += article.title in found[:10]
            if kind == "titre exact":
                itself += article.get_absolute_url() in [url for url, _ in cards]
    return hits, itself, len(sample)


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def load(count):
    from django.core.management import call_command

    from articles.models import Article
    from search.models import SearchEntry, SearchHead

    existing = Article.objects.count()
    loaded = existing < count
    if loaded:
        print(f"Chargement : {existing} articles, {count - existing} à créer…", flush=True)
        call_command("generate_articles", count - existing, seed=42, batch_size=5000)
    if SearchEntry.objects.count() != Article.objects.count():
        loaded = True
        print("Indexation…", flush=True)
        call_command("rebuild_search_index", cluster=True)
    if loaded:
        # Fresh bulk-loaded rows are slow to read until vacuumed (hint bits, visibility
        # map: several times slower); autovacuum settles them later, in production.
        from django.db import connection

        print("VACUUM ANALYZE…", flush=True)
        with connection.cursor() as cursor:
            for model in (Article, SearchEntry, SearchHead):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return Article.objects.count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles to have")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query")
    parser.add_argument("--titles", type=int, default=40, help="exact titles checked")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from articles.models import Section
    from authors.models import Author

    if connection.vendor != "postgresql":
        sys.exit("Ce banc d'essai mesure PostgreSQL : définissez DATABASE_URL=postgres://…")

    total = load(args.count)
    call_command("collectstatic", interactive=False, verbosity=0)
    from taggit.models import Tag

    section = Section.objects.filter(parent__isnull=True).order_by("position").first()
    tag = Tag.objects.filter(name__iexact="urgences").first() or Tag.objects.first()
    author = Author.objects.order_by("pk").first()
    queries = typical_queries(section.path, tag.slug, author.slug, timezone.localdate().year - 1)
    queries += title_queries() + near_title_queries()

    client = Client()
    timings = {label: [] for label, _ in queries}
    sql_timings = {label: [] for label, _ in queries}

    sql_time = [0.0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_time[0] += time.perf_counter() - started

    def run(label, params):
        sql_time[0] = 0.0
        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get("/recherche/", params, HTTP_HOST="127.0.0.1")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{label} : réponse {response.status_code}")
        # Time in SQL, client side (round trips included).
        sql_timings[label].append(sql_time[0] * 1000)
        return elapsed

    load_before = os.getloadavg()[0]
    for label, params in queries:  # warm-up: caches, connections, plans
        run(label, params)
    order = [q for q in queries for _ in range(args.runs)]
    random.Random(1).shuffle(order)
    for label, params in order:
        timings[label].append(run(label, params))

    load_after = os.getloadavg()[0]
    print(f"\n{total} articles, {args.runs} mesures par requête (vue /recherche/ complète)")
    print(f"charge de la machine (1 min) : {load_before:.1f} avant, {load_after:.1f} après\n")
    print(f"{'requête':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL p50':>8}")
    for label, _ in queries:
        values = timings[label]
        print(
            f"{label:<24} {statistics.median(values):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {max(values):>8.1f} "
            f"{statistics.median(sql_timings[label]):>8.1f}"
        )
    every = [v for values in timings.values() for v in values]
    every_sql = [v for values in sql_timings.values() for v in values]
    p95 = percentile(every, 0.95)
    print(
        f"{'toutes':<24} {statistics.median(every):>8.1f} {p95:>8.1f} {max(every):>8.1f} "
        f"{statistics.median(every_sql):>8.1f}"
    )
    verdict = "atteint" if p95 < TARGET_P95_MS else "NON atteint"
    print(f"\nObjectif p95 < {TARGET_P95_MS} ms : {verdict}.")
    hits, itself, checked = title_hits(client, args.titles)
    print(f"\n{checked} articles tirés au hasard, cherchés par leur titre :")
    print(f"{'requête':<24} {'hits@1':>8} {'hits@10':>8}")
    for kind, (first, top) in hits.items():
        print(f"{kind:<24} {first:>5}/{checked} {top:>5}/{checked}")
    print(f"Titre exact : l'article même en première page {itself}/{checked}.")


if __name__ == "__main__":
    main()
