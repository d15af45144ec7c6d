"""Fixtures for the page cache tests (pagecache/): an anonymous reader and its X-Cache."""

import pytest
from django.test import Client


@pytest.fixture
def anonymous():
    """A fresh anonymous reader: no cookie, so every public page may come from the cache."""
    return Client()


@pytest.fixture
def seen(anonymous):
    """``seen(url)`` → (X-Cache, response) for an anonymous GET."""

    def get(url, **extra):
        response = anonymous.get(url, **extra)
        return response.get("X-Cache"), response

    return get


@pytest.fixture
def warm(seen):
    """``warm(*urls)``: render and store each page, checking that it is now a hit."""

    def fill(*urls):
        for url in urls:
            seen(url)
            label, response = seen(url)
            assert (label, response.status_code) == ("hit", 200), url

    return fill


@pytest.fixture
def story(make_article):
    """A published article with a tag: on the home page, its section, tag and author pages."""
    return make_article(title="Le budget des hôpitaux", tags=["hôpital"])


@pytest.fixture(autouse=True)
def _cache_reachable():
    """A test that took the cache down leaves no "down" state to the next one."""
    from pagecache.store import reset_health

    reset_health()
    yield
    reset_health()
