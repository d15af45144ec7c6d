"""gzip: pages, feeds and sitemaps compressed for clients that accept it, hits included."""

import gzip

import pytest

from tests.cache.public_pages import public_urls

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "section", "article", "tag", "feed", "articles sitemap"])
def test_compressed_when_accepted_and_the_same_once_decompressed(
    anonymous, make_article, sections, author, kind
):
    # Enough content to be worth it (gzip only sends what is shorter).
    for _ in range(5):
        make_article()
    url = public_urls(make_article, sections, author)[kind]
    plain = anonymous.get(url)
    assert plain.status_code == 200
    assert not plain.has_header("Content-Encoding")
    # The second reader gets the stored copy: compressed too.
    for label in ("hit", "hit"):
        packed = anonymous.get(url, **GZIP)
        assert packed.get("X-Cache") == label
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
        assert "Accept-Encoding" in packed["Vary"]


@pytest.mark.django_db
def test_a_miss_is_compressed_too_and_shares_the_etag(anonymous, make_article, sections, author):
    url = public_urls(make_article, sections, author)["article"]
    packed = anonymous.get(url, **GZIP)
    assert packed.get("X-Cache") == "miss"
    assert packed["Content-Encoding"] == "gzip"
    plain = anonymous.get(url)
    assert plain.get("X-Cache") == "hit"
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(packed.content) == plain.content
    # One weak validator for both encodings: a 304 answers either.
    assert packed["ETag"] == plain["ETag"]
    assert packed["ETag"].startswith('W/"')
    revalidated = anonymous.get(url, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == packed["ETag"]
    assert revalidated["Vary"] == packed["Vary"]


@pytest.mark.django_db
def test_no_compression_without_accept_encoding(anonymous, make_article, sections, author):
    for url in public_urls(make_article, sections, author).values():
        response = anonymous.get(url)
        assert not response.has_header("Content-Encoding"), url
        response = anonymous.get(url, HTTP_ACCEPT_ENCODING="identity")
        assert not response.has_header("Content-Encoding"), url


def test_only_text_types_are_compressed(rf):
    from django.http import HttpResponse

    from pagecache.compression import CompressionMiddleware

    body = b"x" * 5000
    for content_type, compressed in [
        ("text/html; charset=utf-8", True),
        ("application/rss+xml; charset=utf-8", True),
        ("application/xml", True),
        ("application/pdf", False),
        ("image/jpeg", False),
        ("application/zip", False),
    ]:
        middleware = CompressionMiddleware(
            lambda request, content_type=content_type: HttpResponse(body, content_type=content_type)
        )
        response = middleware(rf.get("/", **GZIP))
        assert response.has_header("Content-Encoding") is compressed, content_type
