"""Cache-Control, CDN tags, ETag and Vary of anonymous pages (pagecache.http, unit level)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_max_age

from pagecache import http

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEYS = frozenset({"article:12", "section:3", "tag:7", "author:2", "home"})


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.PAGE_CACHE_MAX_AGE = 30
    settings.PAGE_CACHE_S_MAXAGE = 600
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 30
    settings.PAGE_CACHE_KEY_HEADER_MAX = 2000
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.noop"
    return settings


def page(body="<html><body>Une page publique assez longue.</body></html>", **headers):
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


def public(response=None, *, keys=KEYS, hard_until=None, now=NOW):
    response = response if response is not None else page()
    request = RequestFactory().get("/")
    return http.apply_public_headers(request, response, keys=keys, hard_until=hard_until, now=now)


def directives(response):
    out = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        out[name] = int(value) if value else True
    return out


# --- Cache-Control ----------------------------------------------------------------------


def test_without_purge_the_cdn_gets_the_browsers_short_lifetime():
    cc = directives(public())
    assert cc == {"public": True, "max-age": 30, "s-maxage": 30, "stale-while-revalidate": 30}


def test_with_a_purge_hook_the_cdn_keeps_the_page_longer(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    cc = directives(public())
    assert cc["max-age"] == 30
    assert cc["s-maxage"] == 600


@pytest.mark.parametrize("seconds", [1, 5, 29, 31, 100, 599, 629, 631, 3600])
def test_nothing_outlives_the_next_scheduled_change(settings, seconds):
    """max-age, s-maxage and the stale window all end by hard_until."""
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    cc = directives(public(hard_until=NOW + timedelta(seconds=seconds)))
    assert cc["max-age"] <= seconds
    assert cc["s-maxage"] <= seconds
    assert cc["s-maxage"] + cc.get("stale-while-revalidate", 0) <= seconds
    assert cc["max-age"] + cc.get("stale-while-revalidate", 0) <= seconds


def test_max_age_counts_down_to_the_boundary():
    boundary = NOW + timedelta(seconds=20)
    assert directives(public(hard_until=boundary))["max-age"] == 20
    later = directives(public(hard_until=boundary, now=NOW + timedelta(seconds=15)))
    assert later["max-age"] == 5
    assert "stale-while-revalidate" not in later


@pytest.mark.parametrize("seconds", [0, 0.4, -5])
def test_an_imminent_boundary_means_revalidate_every_time(seconds):
    response = public(hard_until=NOW + timedelta(seconds=seconds))
    cc = directives(response)
    assert cc == {"public": True, "max-age": 0, "s-maxage": 0, "must-revalidate": True}
    assert get_max_age(response) == 0


def test_a_hit_replaces_the_previous_cache_control(settings):
    """The stored copy's headers are recomputed on every answer, not appended to."""
    response = public(hard_until=NOW + timedelta(seconds=100))
    again = public(
        response, hard_until=NOW + timedelta(seconds=100), now=NOW + timedelta(seconds=90)
    )
    assert directives(again) == {"public": True, "max-age": 10, "s-maxage": 10}


def test_a_view_that_said_private_or_no_store_keeps_it():
    for value in ("private, max-age=0", "no-store", "no-cache, must-revalidate"):
        response = public(page(Cache_Control=value))
        assert response["Cache-Control"] == value
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("Surrogate-Key")


def test_expires_is_dropped():
    response = public(page(Expires="Thu, 01 Jan 2099 00:00:00 GMT"))
    assert not response.has_header("Expires")


# --- Surrogate-Key / Cache-Tag ---------------------------------------------------------------


def test_cdn_tags_name_the_keys_and_all():
    response = public()
    assert response["Surrogate-Key"] == "all article:12 author:2 home section:3 tag:7"
    assert response["Cache-Tag"] == "all,article:12,author:2,home,section:3,tag:7"


def test_keys_a_cdn_would_misread_are_hashed_the_same_way_in_the_purge():
    from pagecache.purge import expand

    odd = "tag:santé publique,2026"
    response = public(keys=frozenset({odd}))
    token = http.header_key(odd)
    assert token.startswith("h-") and " " not in token and "," not in token
    assert response["Surrogate-Key"] == f"all {token}"
    assert token in expand([odd])


def test_hundreds_of_keys_collapse_to_coarse_keys_under_the_bound(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    many = frozenset(
        {f"article:{n}" for n in range(500)}
        | {f"author:{n}" for n in range(80)}
        | {"section:3", "home", "nav", "list:section:3"}
    )
    response = public(keys=many)
    header = response["Surrogate-Key"]
    assert len(header) <= 2000
    assert len(response["Cache-Tag"]) <= 2000
    tokens = header.split(" ")
    # The biggest kind went first; the small ones stay exact.
    assert "article:all" in tokens
    assert not any(token.startswith("article:") and token != "article:all" for token in tokens)
    assert {"section:3", "home", "nav", "list:section:3", "all"} <= set(tokens)
    # Still purged key by key: the CDN keeps its long lifetime.
    assert directives(response)["s-maxage"] == 600


def test_purging_one_key_purges_the_coarse_key_of_pages_that_collapsed_it():
    from pagecache.purge import expand

    assert expand(["article:12"]) == ["article:12", "article:all"]
    assert expand(["list:section:3", "home"]) == ["home", "list:all", "list:section:3"]


def test_when_even_coarse_keys_do_not_fit_only_all_remains_and_the_cdn_is_short(settings):
    settings.PAGE_CACHE_PURGE_HOOK = "pagecache.purge.http_purge"
    settings.PAGE_CACHE_KEY_HEADER_MAX = 40
    many = frozenset({f"kind{n}:{n}" for n in range(30)} | {"home"})
    response = public(keys=many)
    assert response["Surrogate-Key"] == "all"
    assert response["Cache-Tag"] == "all"
    assert directives(response)["s-maxage"] == 30


# --- ETag ---------------------------------------------------------------------------------


def test_a_weak_etag_from_the_content():
    first = public()
    second = public(page())
    other = public(page("<html><body>Une autre page, un autre contenu.</body></html>"))
    assert first["ETag"].startswith('W/"')
    assert first["ETag"] == second["ETag"]
    assert first["ETag"] != other["ETag"]


def test_a_view_etag_is_kept_but_made_weak():
    assert public(page(ETag='"v7"'))["ETag"] == 'W/"v7"'
    assert public(page(ETag='W/"v7"'))["ETag"] == 'W/"v7"'


# --- Vary ---------------------------------------------------------------------------------


def test_vary_is_only_accept_encoding_on_html():
    response = public(page(Vary="Accept-Language, Cookie"))
    assert response["Vary"] == "Accept-Encoding"


def test_vary_keeps_what_a_view_really_varies_on():
    response = public(page(Vary="Origin, Cookie, accept-encoding"))
    assert response["Vary"] == "Origin, accept-encoding"


def test_no_vary_on_a_type_that_is_not_compressed():
    response = HttpResponse(b"\x89PNG...", content_type="image/png")
    response.headers["Vary"] = "Cookie"
    assert not public(response).has_header("Vary")


def test_accept_language_is_kept_on_a_multilingual_site(settings):
    settings.LANGUAGES = [("fr", "Français"), ("en", "English")]
    assert public(page(Vary="Accept-Language"))["Vary"] == "Accept-Language, Accept-Encoding"


# --- apply_private_headers ------------------------------------------------------------------


def test_private_headers_forbid_any_shared_store():
    response = page(Cache_Control="public, max-age=300", Surrogate_Key="all home")
    response.headers["Cache-Tag"] = "all,home"
    http.apply_private_headers(response)
    cc = directives(response)
    assert "public" not in cc
    assert cc["private"] and cc["no-store"]
    assert not response.has_header("Surrogate-Key")
    assert not response.has_header("Cache-Tag")


def test_private_headers_keep_a_views_never_cache():
    response = page(Cache_Control="max-age=0, no-cache, no-store, must-revalidate, private")
    http.apply_private_headers(response)
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_private_headers_never_leave_public_beside_no_cache():
    response = page(Cache_Control="public, no-cache")
    http.apply_private_headers(response)
    assert "public" not in directives(response)
    assert directives(response)["private"]
