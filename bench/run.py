"""Benchmark: the public pages at 100 000 articles, under gunicorn, against the stack's ceiling.

Usage (PostgreSQL on 127.0.0.1:5432 and wrk installed: ``apt-get install wrk``):
    .venv/bin/python bench/run.py [--count 100000] [--seconds 10] [--connections 16]

1. Creates the database of BENCH_DATABASE_URL (default: newsroom_bench_site on the local
   server) if missing, migrates it and, unless it already holds --count articles, seeds the
   demo newsroom and tops it up with ``generate_articles``, then ``rebuild_search_index``.
2. Counts the SQL queries of each page in this process (one anonymous request after a
   warm-up, Django's CaptureQueriesContext), with the server's settings.
3. Serves the site with gunicorn.conf.py as in production (DEBUG off, collected static
   files, WhiteNoise) on a free loopback port, overridden for the bench: 2 sync workers,
   no worker recycling; the access log goes to a temporary file. The trivial view of
   newsroom/ceiling.py is mounted (BENCH_CEILING_VIEW=1): the same stack doing no work.
4. For the ceiling (first and last), then each page: wrk (its own process) warms up for
   2 s, loads it --seconds at --connections (req/s, p50, p99), then --latency-seconds at a
   single connection (p50, p99 of one reader alone).
5. Stops the server (also on Ctrl-C or SIGTERM) and prints a Markdown table, each page's
   throughput as a share of the ceiling (mean of its two runs).

Steps 3-5 run twice, once per mode (--modes): "sans-cache" (PAGE_CACHE_ENABLED=0, no Redis:
every request renders its page) and "avec-cache" (the page cache on Redis as in production,
BENCH_REDIS_URL, default redis://127.0.0.1:6379/15, a database the bench empties first; each
page is primed and checked to be a cache hit before it is loaded). Each mode measures its own
ceiling. docs/performance.md records the results and how to read them.
"""

import argparse
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402
from bench.report import Row, markdown_table  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench_site"
# A Redis database of its own: the bench empties it before the cached run.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
MODES = ("sans-cache", "avec-cache")
CEILING_PATH = "/_banc/plafond/"
WARM_UP_SECONDS = 2


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles à avoir en base")
    parser.add_argument("--seconds", type=int, default=10, help="durée de chaque charge wrk")
    parser.add_argument("--connections", type=int, default=16, help="connexions wrk en charge")
    parser.add_argument("--threads", type=int, default=2, help="threads de wrk")
    parser.add_argument(
        "--latency-seconds", type=int, default=5, help="durée de la mesure à 1 connexion"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers gunicorn")
    parser.add_argument(
        "--worker-class",
        default="sync",
        help="sync, ou newsroom.gunicorn_worker.NewsroomThreadWorker (celui de la production)",
    )
    parser.add_argument("--gunicorn-threads", type=int, default=1, help="threads par worker")
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="modes mesurés, séparés par des virgules : sans-cache, avec-cache",
    )
    args = parser.parse_args(argv)
    args.modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    if not args.modes or set(args.modes) - set(MODES):
        parser.error(f"--modes : parmi {', '.join(MODES)}")
    if min(args.count, args.seconds, args.connections, args.latency_seconds, args.workers) < 1:
        parser.error("les nombres et durées doivent être positifs")
    return args


def server_environment(database_url, static_root, media_root, mode="sans-cache"):
    """The settings shared by this process (query counts) and gunicorn, for one mode."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    if mode == "avec-cache":
        env.update(
            PAGE_CACHE_ENABLED="1", REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
        )
    else:
        env.update(PAGE_CACHE_ENABLED="0")  # every request renders its page
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, no Secure cookies.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        BEHIND_TLS_PROXY="0",
        SERVE_MEDIA="0",
        BENCH_CEILING_VIEW="1",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
    )
    return env


def ensure_database(url):
    """Create the PostgreSQL database if it does not exist (never drops anything)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Ce banc d'essai mesure PostgreSQL : BENCH_DATABASE_URL=postgres://…")
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            print(f"Création de la base {config['NAME']}…", flush=True)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def load(count):
    """Migrate; seed and top up to count articles unless already there; index."""
    from django.core.management import call_command

    from articles.models import Article
    from search.models import SearchEntry

    call_command("migrate", interactive=False, verbosity=0)
    existing = Article.objects.count()
    if existing < count:
        print(f"Chargement : {existing} articles, jusqu'à {count}…", flush=True)
        # Sections, authors, tags, the home page's featured articles, images: a real
        # newsroom's shape (its account passwords are not printed).
        call_command("seed_demo", stdout=io.StringIO())
        existing = Article.objects.count()
        if existing < count:
            call_command("generate_articles", count - existing, seed=42, batch_size=5000)
    if SearchEntry.objects.count() != Article.objects.count():
        print("Indexation de la recherche…", flush=True)
        call_command("rebuild_search_index", cluster=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    return Article.objects.published().count()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env, port, args, log_dir):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config=gunicorn.conf.py",
        f"--bind=127.0.0.1:{port}",
        f"--workers={args.workers}",
        f"--worker-class={args.worker_class}",
        # With more than one thread gunicorn silently swaps sync for gthread.
        f"--threads={args.gunicorn_threads}",
        # Production recycles a worker every ~2 000 requests: at the ceiling's rate that
        # would be a restart every second, weighing on the ceiling more than on the pages.
        "--max-requests=0",
        f"--access-logfile={log_dir / 'access.log'}",
        f"--error-logfile={log_dir / 'error.log'}",
    ]
    # Our own venv's gunicorn, fixed arguments.
    return subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)  # noqa: S603


def wait_until_ready(base_url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn s'est arrêté au démarrage ({server.returncode})")
        try:
            url = base_url + CEILING_PATH  # http://127.0.0.1:<port>, built above
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn ne répond pas après {seconds} s")


def stop_server(server):
    if server.poll() is None:
        server.terminate()  # graceful: workers finish their request
        try:
            server.wait(timeout=35)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def show_server_log(path, lines=40):
    """The end of gunicorn's error log, before the temporary folder goes away."""
    try:
        tail = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return
    print("--- journal d'erreurs de gunicorn (fin) ---", *tail, sep="\n", file=sys.stderr)


def measure(base_url, label, path, queries, args):
    url = base_url + path
    print(f"  {label} : {path}", flush=True)
    wrk.run(url, connections=args.connections, seconds=WARM_UP_SECONDS, threads=args.threads)
    loaded = wrk.run(url, connections=args.connections, seconds=args.seconds, threads=args.threads)
    alone = wrk.run(url, connections=1, seconds=args.latency_seconds, threads=1)
    return Row(label, path, loaded, alone, queries)


def git_revision():
    try:
        revision = subprocess.run(  # noqa: S603 (fixed arguments)
            ["git", "describe", "--always", "--dirty"],  # noqa: S607 (git from the PATH)
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "inconnue (pas de dépôt git)"
    return revision.stdout.strip()


def main(argv=None):
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk est introuvable : apt-get install -y wrk")
    # SIGTERM/SIGHUP unwind like Ctrl-C, so the finally below stops the server.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        # This process (query counts) runs with the server's settings, uncached.
        env = server_environment(database_url, work / "static", ROOT / "var" / "bench-media")
        os.environ.clear()
        os.environ.update(env)
        ensure_database(database_url)
        import django

        django.setup()
        from django.db import connection

        from bench.pages import count_queries, pick_pages

        published = load(args.count)
        pages = pick_pages()
        paths = [CEILING_PATH, *(page.path for page in pages)]
        queries = {
            "sans-cache": {path: count_queries(path) for path in paths},
            "avec-cache": {path: count_queries(path, cached=True) for path in paths},
        }
        connection.close()

        started = datetime.now(UTC)
        load_before = os.getloadavg()
        tables = {}
        for mode in args.modes:
            mode_env = server_environment(
                database_url, work / "static", ROOT / "var" / "bench-media", mode
            )
            if mode == "avec-cache":
                empty_redis(mode_env["REDIS_URL"])
            tables[mode] = run_mode(mode, mode_env, pages, queries[mode], args, work)
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{started:%Y-%m-%d %H:%M} UTC, révision {git_revision()}, {published} articles publiés")
    print(
        f"{os.cpu_count()} cœurs ; charge (1, 5, 15 min) avant "
        f"{' '.join(f'{x:.1f}' for x in load_before)}, après "
        f"{' '.join(f'{x:.1f}' for x in load_after)}"
    )
    print(
        f"gunicorn : {args.workers} workers {args.worker_class} × {args.gunicorn_threads} thread ;"
        f" wrk : {args.seconds} s à {args.connections} connexions ({args.threads} threads),"
        f" puis {args.latency_seconds} s à 1 connexion"
    )
    for mode, rows in tables.items():
        print()
        print(f"### {mode}")
        print()
        print(markdown_table(rows))


def empty_redis(url):
    """The bench's own Redis database starts empty: no entry from an earlier run."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def prime(base_url, pages):
    """Each cacheable page twice: the second answer must come from the page cache."""
    for page in (p for p in pages if p.cacheable):
        for _ in range(2):
            # http://127.0.0.1:<port>, built by this script.
            with urllib.request.urlopen(base_url + page.path, timeout=30) as response:  # noqa: S310
                status = response.headers.get("X-Cache", "")
        if status != "hit":
            raise RuntimeError(f"{page.path} n'est pas servie par le cache (X-Cache: {status!r})")


def run_mode(mode, env, pages, queries, args, work):
    """Serve the site in one mode and measure the ceiling (first and last) and every page."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    print(f"{mode} : gunicorn sur {base_url}, mesures…", flush=True)
    server = start_server(env, port, args, work)
    try:
        wait_until_ready(base_url, server)
        if mode == "avec-cache":
            prime(base_url, pages)
        ceiling_queries = queries[CEILING_PATH]
        rows = [measure(base_url, "plafond (début)", CEILING_PATH, ceiling_queries, args)]
        for page in pages:
            rows.append(measure(base_url, page.label, page.path, queries[page.path], args))
        rows.append(measure(base_url, "plafond (fin)", CEILING_PATH, ceiling_queries, args))
    except Exception:
        show_server_log(work / "error.log")
        raise
    finally:
        stop_server(server)
    return rows


if __name__ == "__main__":
    main()
