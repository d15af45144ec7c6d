"""A hit answers like the render it replays: its length, the same validator, no body hashing."""

import hashlib

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_url(make_article):
    return make_article(title="Les urgences en tension").get_absolute_url()


def test_a_hit_carries_its_content_length_and_the_renders_etag(article_url, seen):
    miss, rendered = seen(article_url)
    hit, replayed = seen(article_url)
    assert (miss, hit) == ("miss", "hit")
    assert replayed.content == rendered.content
    # Without it a keep-alive client gets a chunked answer for a page of known size.
    assert replayed["Content-Length"] == str(len(replayed.content))
    assert replayed["ETag"] == rendered["ETag"]
    assert replayed["ETag"].startswith('W/"')


def test_a_hit_does_not_hash_the_page_again(article_url, seen, monkeypatch):
    seen(article_url)
    hashed = []
    real_md5 = hashlib.md5

    def counting_md5(*args, **kwargs):
        hashed.append(args)
        return real_md5(*args, **kwargs)

    monkeypatch.setattr("pagecache.http.hashlib.md5", counting_md5)
    hit, response = seen(article_url)
    assert hit == "hit"
    assert response["ETag"]
    assert hashed == []
