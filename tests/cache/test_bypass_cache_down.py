"""A cache server that is down degrades to uncached pages, never to errors."""

import socket

import pytest

from tests.cache.public_pages import public_urls
from tests.helpers import logged_in_reporting_500s


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_pages_are_served_uncached(redis_down, make_article, sections, author, editor):
    urls = public_urls(make_article, sections, author)
    reader = logged_in_reporting_500s()
    for _ in range(2):
        for kind, url in urls.items():
            response = reader.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200, (kind, response.status_code)
            assert response["X-Cache"] == "miss", kind
            # Not stored: no shared cache may keep it either.
            assert "public" not in response.get("Cache-Control", ""), kind


def test_saves_still_work_and_show(redis_down, make_article):
    """Invalidation cannot reach the cache: the save succeeds, the page shows it."""
    article = make_article(title="Avant")
    reader = logged_in_reporting_500s()
    assert reader.get(article.get_absolute_url()).status_code == 200
    article.refresh_from_db()
    article.title = "Après"
    article.save()
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Après" in response.content.decode()
