"""Conditional GETs: a 304 for a matching ETag, carrying the page's caching headers."""

from datetime import UTC, datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date

from pagecache import http

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPEATED = ("Cache-Control", "ETag", "Vary", "Surrogate-Key", "Cache-Tag")


def cached_page():
    response = HttpResponse("<html><body>" + "Texte. " * 50 + "</body></html>")
    response.set_cookie("sessionid", "ne-doit-pas-fuir")
    http.apply_public_headers(
        RequestFactory().get("/"),
        response,
        keys=frozenset({"article:1", "home"}),
        hard_until=None,
        now=NOW,
    )
    return response


def conditional(method="get", **meta):
    return getattr(RequestFactory(), method)("/", **meta)


def test_matching_etag_is_a_304_with_the_same_caching_headers():
    response = cached_page()
    answer = http.not_modified(conditional(HTTP_IF_NONE_MATCH=response["ETag"]), response)
    assert answer.status_code == 304
    assert answer.content == b""
    for header in REPEATED:
        assert answer[header] == response[header], header
    assert "public" in answer["Cache-Control"]
    assert not answer.cookies


def test_weak_comparison_strong_form_and_lists_match():
    response = cached_page()
    opaque = response["ETag"].removeprefix("W/")
    for value in (opaque, f'"autre", {response["ETag"]}', f'"a", "b", {opaque}', "*"):
        answer = http.not_modified(conditional(HTTP_IF_NONE_MATCH=value), response)
        assert answer is not None and answer.status_code == 304, value


@pytest.mark.parametrize(
    "value",
    [
        '"autre"',
        'W/"autre"',
        "n'importe quoi",
        "",
        ",,,,",
        '"' * 5000,
        "W/" * 3000,
        ", ".join(f'"{n}"' for n in range(2000)),
        "\x00\x01",
        '"abc',
    ],
)
def test_other_or_garbled_etags_get_the_page(value):
    assert http.not_modified(conditional(HTTP_IF_NONE_MATCH=value), cached_page()) is None


def test_no_validator_no_304():
    assert http.not_modified(conditional(), cached_page()) is None


def test_only_get_and_head_of_a_200():
    response = cached_page()
    etag = response["ETag"]
    assert http.not_modified(conditional("post", HTTP_IF_NONE_MATCH=etag), response) is None
    assert (
        http.not_modified(conditional("head", HTTP_IF_NONE_MATCH=etag), response).status_code == 304
    )
    response.status_code = 404
    assert http.not_modified(conditional(HTTP_IF_NONE_MATCH=etag), response) is None


def test_if_modified_since_with_a_last_modified():
    response = cached_page()
    response.headers["Last-Modified"] = http_date(NOW.timestamp())
    same = conditional(HTTP_IF_MODIFIED_SINCE=http_date(NOW.timestamp()))
    older = conditional(HTTP_IF_MODIFIED_SINCE=http_date(NOW.timestamp() - 60))
    garbage = conditional(HTTP_IF_MODIFIED_SINCE="hier soir")
    assert http.not_modified(same, response).status_code == 304
    assert http.not_modified(same, response)["Last-Modified"] == response["Last-Modified"]
    assert http.not_modified(older, response) is None
    assert http.not_modified(garbage, response) is None


def test_if_none_match_wins_over_if_modified_since():
    response = cached_page()
    response.headers["Last-Modified"] = http_date(NOW.timestamp())
    request = conditional(
        HTTP_IF_NONE_MATCH='"autre"', HTTP_IF_MODIFIED_SINCE=http_date(NOW.timestamp())
    )
    assert http.not_modified(request, response) is None


# --- Through the page cache -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reader_revalidating_a_page_gets_a_304_miss_or_hit(anonymous, make_article):
    article = make_article()
    url = article.get_absolute_url()
    first = anonymous.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    # The first render (miss) and the stored copy (hit) have the same validator.
    second = anonymous.get(url)
    assert second.get("X-Cache") == "hit"
    assert second["ETag"] == etag
    again = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    for header in ("ETag", "Surrogate-Key", "Cache-Tag", "Vary"):
        assert again[header] == first[header], header
    assert again["Cache-Control"].startswith("public")


@pytest.mark.django_db
def test_a_changed_page_is_a_200_with_a_new_etag(anonymous, make_article):
    article = make_article()
    url = article.get_absolute_url()
    etag = anonymous.get(url)["ETag"]
    article.refresh_from_db()
    article.title = "Un titre corrigé"
    article.save()
    answer = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert answer.status_code == 200
    assert "Un titre corrigé" in answer.content.decode()
    assert answer["ETag"] != etag
