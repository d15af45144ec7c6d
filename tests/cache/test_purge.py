"""The purge hook: keys reach the CDN's API; a CDN down or slow never breaks a save."""

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pagecache import purge

received = []


def record(keys):
    received.append(list(keys))


def explode(keys):
    raise RuntimeError("CDN en panne")


@pytest.fixture(autouse=True)
def _reset(settings):
    received.clear()
    settings.PAGE_CACHE_PURGE_BATCH_SIZE = 100
    settings.PAGE_CACHE_PURGE_TIMEOUT = 0.5
    settings.PAGE_CACHE_PURGE_TOKEN = "jeton-secret"
    settings.PAGE_CACHE_PURGE_SOFT = False


class Server:
    """A local purge API in a thread: records each request; ``delay`` makes it slow."""

    def __init__(self, status=200, delay=0.0):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
                )
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"status": "ok"}')

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/purge"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- purge(): the hook, deduplication, batches, never raising ---------------------------------


def test_noop_by_default_sends_nothing(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.noop"
    assert purge.reaches_cdn() is False
    purge.purge(["article:1"])  # nothing to observe, nothing raised


def test_keys_are_deduplicated_and_sent_with_their_coarse_keys(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.record"
    assert purge.reaches_cdn() is True
    purge.purge(["article:1", "article:1", "home", "section:2", "home"])
    assert received == [["article:1", "article:all", "home", "section:2", "section:all"]]


def test_batches_are_bounded(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.record"
    settings.PAGE_CACHE_PURGE_BATCH_SIZE = 30
    purge.purge([f"tag:{n}" for n in range(100)])
    assert [len(batch) for batch in received] == [30, 30, 30, 11]
    sent = [key for batch in received for key in batch]
    assert len(sent) == len(set(sent)) == 101


def test_too_many_keys_purge_everything_in_one_request(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.record"
    purge.purge([f"article:{n}" for n in range(5000)])
    assert received == [["all"]]


def test_nothing_to_purge_sends_nothing(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.record"
    purge.purge([])
    assert received == []


def test_a_failing_hook_is_logged_not_raised(settings, caplog):
    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.explode"
    with caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        purge.purge(["article:1"])
    assert "Purge CDN en échec" in caplog.text


def test_a_hook_that_does_not_exist_is_logged_not_raised(settings, caplog):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.n_existe_pas"
    with caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        purge.purge(["article:1"])
    assert "ne se charge pas" in caplog.text


# --- The shipped HTTP hooks against a local server ---------------------------------------------


def test_http_purge_posts_the_keys_with_the_token(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    with Server() as server:
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["article:12", "home"])
    [request] = server.requests
    assert request["path"] == "/purge"
    assert request["headers"]["Authorization"] == "Bearer jeton-secret"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"] == {"keys": ["article:12", "article:all", "home"]}


def test_fastly_shape(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.fastly_purge"
    settings.PAGE_CACHE_PURGE_SOFT = True
    with Server() as server:
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["tag:7"])
    [request] = server.requests
    assert request["headers"]["Fastly-Key"] == "jeton-secret"
    assert request["headers"]["Fastly-Soft-Purge"] == "1"
    assert request["json"] == {"surrogate_keys": ["tag:7", "tag:all"]}


def test_cloudflare_shape(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.cloudflare_purge"
    with Server() as server:
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["author:2"])
    [request] = server.requests
    assert request["headers"]["Authorization"] == "Bearer jeton-secret"
    assert request["json"] == {"tags": ["author:2", "author:all"]}


def test_batches_are_separate_requests(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    settings.PAGE_CACHE_PURGE_BATCH_SIZE = 2
    with Server() as server:
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["article:1", "home", "nav"])
    assert [r["json"]["keys"] for r in server.requests] == [
        ["article:1", "article:all"],
        ["home", "nav"],
    ]


def test_a_server_down_is_logged_at_once(settings, caplog):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    settings.PAGE_CACHE_PURGE_URL = f"http://127.0.0.1:{closed_port()}/purge"
    with caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        purge.purge(["article:1"])
    assert "Purge CDN en échec" in caplog.text
    assert "Connection refused" in caplog.text


def test_an_error_answer_is_logged(settings, caplog):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    with Server(status=403) as server, caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["article:1"])
    assert "HTTP Error 403" in caplog.text


def test_a_slow_server_costs_one_timeout_not_one_per_batch(settings, caplog):
    """Bounded: the first batch times out, the others are not sent (logged)."""
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    settings.PAGE_CACHE_PURGE_TIMEOUT = 0.2
    settings.PAGE_CACHE_PURGE_BATCH_SIZE = 1
    with Server(delay=1.5) as server, caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        settings.PAGE_CACHE_PURGE_URL = server.url
        purge.purge(["article:1", "home", "nav", "cta"])
        sent = len(server.requests)
    assert sent == 1
    assert "timed out" in caplog.text
    assert "4 autres non envoyées" in caplog.text


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://cdn.example/purge"])
def test_only_http_urls(settings, caplog, url):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    settings.PAGE_CACHE_PURGE_URL = url
    with caplog.at_level(logging.ERROR, logger="pagecache.purge"):
        purge.purge(["article:1"])
    assert "n'est pas une adresse http(s)" in caplog.text


# --- From a save to the CDN -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_save_purges_the_keys_its_page_was_tagged_with(
    settings, make_article, django_capture_on_commit_callbacks
):
    from tests.helpers import logged_in

    settings.PAGE_CACHE_PURGE_HOOK = "tests.cache.test_purge.record"
    article = make_article(title="Avant correction")
    page = logged_in().get(article.get_absolute_url())
    tagged = set(page["Surrogate-Key"].split(" "))
    assert f"article:{article.pk}" in tagged
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.refresh_from_db()
        article.title = "Après correction"
        article.save()
    purged = {key for batch in received for key in batch}
    # The key the CDN holds the page under, in the same form, and its coarse key.
    assert {f"article:{article.pk}", "article:all"} <= purged
