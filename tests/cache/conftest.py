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


@pytest.fixture(autouse=True)
def _cache_reachable():
    """A test that took the cache down leaves no "down" state to the next one."""
    from pagecache.store import reset_health

    reset_health()
    yield
    reset_health()
