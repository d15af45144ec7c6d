"""The benchmark's pure parts (bench/): wrk report parsing, the table, its settings, and
the ceiling view that answers only when BENCH_CEILING_VIEW is on. No wrk, no server."""

import importlib
from contextlib import contextmanager

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from bench import run, wrk
from bench.pages import Page
from bench.report import Row, markdown_table, share
from bench.run import parse_args, server_environment

# Real wrk 4.1.0 reports (Debian), with and without errors.
LOADED = """\
Running 2s test @ http://127.0.0.1:18771/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.65ms   21.00ms 231.52ms   97.41%
    Req/Sec   530.57    221.54     0.95k    70.00%
  Latency Distribution
     50%    6.90ms
     75%   10.17ms
     90%   14.37ms
     99%  151.92ms
  1626 requests in 2.01s, 10.59MB read
Requests/sec:    808.95
Transfer/sec:      5.27MB
"""

ERRORS = """\
Running 1s test @ http://127.0.0.1:18771/nope
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.00ms    1.47ms  10.66ms   85.57%
    Req/Sec     1.72k   808.05     2.94k    60.00%
  Latency Distribution
     50%  226.00us
     75%    1.46ms
     90%    3.02ms
     99%    1.20s
  1717 requests in 1.00s, 0.85MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 1717
Requests/sec:   1712.66
Transfer/sec:    869.71KB
"""


def test_a_wrk_report_gives_throughput_and_percentiles():
    result = wrk.parse(LOADED)
    assert result == wrk.WrkResult(
        requests=1626, requests_per_second=808.95, p50_ms=6.90, p99_ms=151.92, errors=0
    )


def test_microseconds_seconds_and_every_kind_of_error_are_read():
    result = wrk.parse(ERRORS)
    assert result.p50_ms == pytest.approx(0.226)
    assert result.p99_ms == pytest.approx(1200.0)
    # 1 717 bad statuses + 5 socket errors: a page that fails cannot pass for a fast one.
    assert result.errors == 1722


@pytest.mark.parametrize(
    "output",
    [
        LOADED.split("  Latency Distribution")[0],  # run without --latency
        "unable to connect to 127.0.0.1:1 Connection refused\n",
        "",
    ],
)
def test_an_incomplete_report_is_an_error_not_zeros(output):
    with pytest.raises(ValueError):
        wrk.parse(output)


@pytest.mark.parametrize(
    "url",
    ["http://example.fr/", "https://127.0.0.1/", "http://10.0.0.1:8000/", "file:///etc/passwd"],
)
def test_wrk_only_loads_the_loopback(url):
    with pytest.raises(ValueError):
        wrk.command(url, connections=16, seconds=10)


def test_wrk_command_is_bounded_and_asks_for_percentiles():
    args = wrk.command("http://127.0.0.1:8123/", connections=1, seconds=5, threads=2)
    assert args[0] == "wrk"
    assert "--latency" in args and "--duration=5s" in args and "--connections=1" in args
    assert "--threads=1" in args  # wrk wants no more threads than connections
    with pytest.raises(ValueError):
        wrk.command("http://127.0.0.1:8123/", connections=16, seconds=0)


def _row(label, rps, queries=3):
    result = wrk.WrkResult(
        requests=int(rps * 10), requests_per_second=rps, p50_ms=5.0, p99_ms=20.0, errors=0
    )
    return Row(label, "/", result, result, queries)


def test_each_page_is_a_share_of_the_mean_ceiling():
    rows = [_row("plafond (début)", 2400), _row("accueil", 50), _row("plafond (fin)", 2600)]
    table = markdown_table(rows).splitlines()
    assert len(table) == 2 + len(rows)
    assert "| accueil | `/` | 50 |" in table[3]
    assert "| 2.0 % |" in table[3]  # 50 / 2 500
    assert share(50, 0) == 0.0


def test_a_table_without_ceiling_is_refused():
    with pytest.raises(ValueError):
        markdown_table([_row("accueil", 50)])


def test_the_server_runs_like_production_but_uncached_and_with_the_ceiling(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("DEBUG", "1")
    env = server_environment("postgres://postgres@127.0.0.1:5432/x", "static", "media")
    assert env["DEBUG"] == "0"
    assert "REDIS_URL" not in env
    assert env["BENCH_CEILING_VIEW"] == "1"
    assert env["SECURE_SSL_REDIRECT"] == "0"
    assert env["DATABASE_URL"].endswith("/x")
    assert env["PAGE_CACHE_ENABLED"] == "0"


def test_the_cached_mode_serves_from_the_benchs_own_redis_database(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.delenv("BENCH_REDIS_URL", raising=False)
    env = server_environment("postgres://postgres@127.0.0.1:5432/x", "s", "m", "avec-cache")
    assert env["PAGE_CACHE_ENABLED"] == "1"
    # Never the caller's Redis database: the bench empties the one it uses.
    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/15"
    monkeypatch.setenv("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    env = server_environment("postgres://postgres@127.0.0.1:5432/x", "s", "m", "avec-cache")
    assert env["REDIS_URL"].endswith("/14")


def test_both_modes_by_default_and_unknown_modes_refused():
    assert parse_args([]).modes == ("sans-cache", "avec-cache")
    assert parse_args(["--modes=avec-cache"]).modes == ("avec-cache",)
    with pytest.raises(SystemExit):
        parse_args(["--modes=turbo"])


def test_the_server_keeps_the_callers_gunicorn_settings_and_path(monkeypatch):
    # gunicorn.conf.py reads GUNICORN_*: the documented way to override the bench's server.
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    env = server_environment("postgres://postgres@127.0.0.1:5432/x", "static", "media")
    assert env["GUNICORN_TIMEOUT"] == "45"
    assert env["PATH"]


@pytest.mark.parametrize("option", ["--seconds=0", "--connections=0", "--count=-1"])
def test_bench_options_must_be_positive(option):
    with pytest.raises(SystemExit):
        parse_args([option])


@contextmanager
def urls_built_with(enabled):
    """newsroom/urls.py reads the setting at import: rebuild it, and restore it after."""

    def rebuild():
        importlib.reload(importlib.import_module("newsroom.urls"))
        clear_url_caches()

    try:
        with override_settings(BENCH_CEILING_VIEW=enabled):
            rebuild()
            yield
    finally:
        rebuild()


@pytest.mark.django_db
def test_the_ceiling_view_is_absent_by_default(client):
    assert client.get("/_banc/plafond/").status_code == 404


@pytest.mark.django_db
def test_the_ceiling_view_is_absent_when_disabled(client):
    with urls_built_with(False):
        assert client.get("/_banc/plafond/").status_code == 404


@pytest.mark.django_db
def test_the_enabled_ceiling_view_answers_without_touching_the_database(
    client, django_assert_num_queries
):
    with urls_built_with(True), django_assert_num_queries(0):
        response = client.get("/_banc/plafond/")
    assert response.status_code == 200
    assert response.content == b"ok"


SLOWER_THAN_THE_RUN = """\
Running 1s test @ http://127.0.0.1:45699/recherche/?q=h%C3%B4pital
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 1.00s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_a_run_where_nothing_answered_has_no_latency_rather_than_zero_ms():
    result = wrk.parse(SLOWER_THAN_THE_RUN)
    assert result.requests == 0
    assert result.p50_ms is None and result.p99_ms is None
    silent = wrk.WrkResult(0, 0.0, None, None, 0)
    table = markdown_table([_row("plafond", 2000), Row("recherche", "/r/", silent, silent, 7)])
    assert "| recherche | `/r/` | 0 | — | — | 0.0 % | — | — | 7 | 0 |" in table


class _Answer:
    def __init__(self, x_cache):
        self.headers = {"X-Cache": x_cache}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _serving(monkeypatch, answers):
    """urlopen answering each path with the X-Cache value of ``answers``."""
    asked = []

    def urlopen(url, timeout):
        path = url.removeprefix("http://127.0.0.1:1")
        asked.append(path)
        return _Answer(answers[path])

    monkeypatch.setattr(run.urllib.request, "urlopen", urlopen)
    return asked


def test_the_cached_mode_refuses_a_page_that_is_not_served_from_the_cache(monkeypatch):
    _serving(monkeypatch, {"/": "hit", "/tags/x/": "miss"})
    with pytest.raises(RuntimeError, match="/tags/x/"):
        run.prime("http://127.0.0.1:1", [Page("accueil", "/"), Page("mot-clé", "/tags/x/")])


def test_the_cached_mode_primes_each_cacheable_page_and_leaves_search_live(monkeypatch):
    asked = _serving(monkeypatch, {"/": "hit", "/recherche/?q=a": "bypass"})
    run.prime("http://127.0.0.1:1", [Page("accueil", "/"), Page("r", "/recherche/?q=a", False)])
    assert asked == ["/", "/"]
