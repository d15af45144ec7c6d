"""The page cache on the backends it runs on: Redis (real, and down), and files shared
by several processes (the demo's two gunicorn workers)."""

import uuid

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.test import RequestFactory

from pagecache import keys
from pagecache.middleware import PageCacheMiddleware
from pagecache.redis import PageCacheRedisCache as RedisCache
from pagecache.store import Store

pytestmark = pytest.mark.django_db
REDIS = "redis://127.0.0.1:6379/0"
CLOSED_PORT = "redis://127.0.0.1:1/0"


def redis_is_up():
    try:
        RedisCache(REDIS, {}).get("ping")
    except Exception:
        return False
    return True


@pytest.fixture
def redis_settings(settings):
    prefix = f"tests-b1-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.PageCacheRedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_cache_that_is_down_gives_uncached_pages_never_errors(settings, make_article, client):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.PageCacheRedisCache",
            "LOCATION": CLOSED_PORT,
        }
    }
    article = make_article(title="Toujours servi")
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and "Toujours servi" in response.content.decode()
        assert response["X-Cache"] == "miss"
        assert "no-store" in response["Cache-Control"]  # not a page a CDN may keep
    # Saves keep working: their invalidation is lost, never an error.
    article.title = "Toujours modifiable"
    article.save()
    assert "Toujours modifiable" in client.get(article.get_absolute_url()).content.decode()


def test_an_invalidation_lost_while_down_invalidates_everything_once_back(tmp_path):
    from pagecache import store as store_module

    cache = FileBasedCache(str(tmp_path / "cache"), {})
    store = Store(cache)
    store.bump({"article:1"})
    before = store.current(["all"])[0]["all"]
    store_module._health["down_until"] = float("inf")  # the cache is unreachable
    store.bump({"article:1"})
    store_module._health["down_until"] = 0.0  # back: its first answer triggers the bump
    store.get("anything")
    assert store.current(["all"])[0]["all"] != before


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_real_redis(redis_settings, make_article, seen):
    article = make_article(title="Sur Redis")
    url = article.get_absolute_url()
    assert seen(url)[0] == "miss"
    assert seen(url)[0] == "hit"
    article.title = "Sur Redis, modifié"
    article.save()
    label, response = seen(url)
    assert label == "miss" and "Sur Redis, modifié" in response.content.decode()


def two_workers(cache_factory, site):
    return (
        PageCacheMiddleware(site, store=Store(cache_factory())),
        PageCacheMiddleware(site, store=Store(cache_factory())),
    )


def page_view(request):
    from django.http import HttpResponse
    from django.urls import resolve

    from pagecache import declare

    request.resolver_match = resolve("/")
    declare("article:1")
    return HttpResponse(page_view.body)


def check_invalidation_crosses_processes(first_cache, second_cache):
    """A page stored through one worker's cache, invalidated through the other's."""
    first = PageCacheMiddleware(page_view, store=Store(first_cache))
    second = PageCacheMiddleware(page_view, store=Store(second_cache))
    page_view.body = "avant"
    assert first(RequestFactory().get("/"))["X-Cache"] == "miss"
    assert second(RequestFactory().get("/"))["X-Cache"] == "hit"
    page_view.body = "après"
    Store(second_cache).bump({"article:1"})  # a save handled by the second worker
    response = first(RequestFactory().get("/"))
    assert response["X-Cache"] == "miss" and response.content == "après".encode()


def test_two_processes_on_one_file_cache(tmp_path):
    location = str(tmp_path / "cache")
    # Two backend instances on one folder, as two gunicorn workers have.
    check_invalidation_crosses_processes(FileBasedCache(location, {}), FileBasedCache(location, {}))


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_two_processes_on_one_redis():
    prefix = f"tests-b1-{uuid.uuid4().hex[:8]}"
    first, second = (
        RedisCache(REDIS, {"KEY_PREFIX": prefix}),
        RedisCache(REDIS, {"KEY_PREFIX": prefix}),
    )
    try:
        check_invalidation_crosses_processes(first, second)
    finally:
        home = keys.request_spec(RequestFactory().get("/")).base
        first.delete_many([keys.EPOCH, home, keys.version("article:1")])
