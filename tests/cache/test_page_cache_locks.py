"""One render per key when many readers miss at once, and races with invalidations.

The middleware's clock and sleep are injected: every wait below is simulated, so the
lock logic is checked step by step, without timing anything.
"""

import pytest
from django.test import RequestFactory
from django.urls import resolve

from pagecache import keys
from pagecache.invalidation import bump
from pagecache.middleware import PageCacheMiddleware
from pagecache.store import Store

pytestmark = pytest.mark.django_db


class Site:
    """A view standing for any page: counts its renders; ``during`` runs inside one."""

    def __init__(self):
        self.renders = 0
        self.during = None
        self.body = "version 1"

    def __call__(self, request):
        from django.http import HttpResponse

        self.renders += 1
        request.resolver_match = resolve("/")
        if self.during:
            self.during()
        from pagecache import declare

        declare("article:1")
        return HttpResponse(self.body)


class Clock:
    def __init__(self, start=1_000_000.0):
        self.now = start
        self.sleeps = 0
        self.on_sleep = None

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps += 1
        self.now += seconds
        if self.on_sleep:
            self.on_sleep()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def site():
    return Site()


@pytest.fixture
def worker(site, clock):
    return PageCacheMiddleware(site, clock=clock, sleep=clock.sleep)


def home_key():
    """The home page's entry key, as the middleware computes it for these requests."""
    return keys.request_spec(RequestFactory().get("/")).base


def get(worker):
    response = worker(RequestFactory().get("/"))
    return response["X-Cache"], response.content.decode()


def hold_lock():
    assert Store().lock(home_key())


def test_second_reader_is_a_hit_without_render(worker, site):
    assert get(worker) == ("miss", "version 1")
    assert get(worker) == ("hit", "version 1")
    assert site.renders == 1


def test_a_reader_waits_for_the_page_another_worker_is_rendering(worker, site, clock):
    hold_lock()
    other = PageCacheMiddleware(Site(), clock=clock)

    def other_worker_stores():
        if clock.sleeps == 3:  # the lock holder stores its render
            request = RequestFactory().get("/")
            other.render(request, keys.request_spec(request), None)

    clock.on_sleep = other_worker_stores
    assert get(worker) == ("hit", "version 1")
    assert site.renders == 0 and clock.sleeps == 3


def test_after_the_bounded_wait_the_reader_renders_itself(worker, site, clock, settings):
    settings.PAGE_CACHE_LOCK_WAIT_MS = 2000
    hold_lock()
    assert get(worker) == ("miss", "version 1")
    assert site.renders == 1
    assert clock.sleeps == 2000 // 50


def test_a_lock_released_without_an_entry_ends_the_wait(worker, site, clock):
    hold_lock()
    clock.on_sleep = lambda: Store().unlock(home_key())  # e.g. the other render was a 404
    assert get(worker)[0] == "miss"
    assert clock.sleeps == 1


def test_past_its_soft_ttl_one_reader_renders_while_the_others_get_the_old_copy(
    worker, site, clock, settings
):
    get(worker)
    clock.now += settings.PAGE_CACHE_TTL + 1
    site.body = "version 2"
    hold_lock()  # another reader is re-rendering it
    assert get(worker) == ("stale", "version 1")
    assert site.renders == 1 and clock.sleeps == 0
    Store().unlock(home_key())
    assert get(worker) == ("miss", "version 2")  # this one takes the lock and renders
    assert get(worker) == ("hit", "version 2")


def test_never_stale_after_an_invalidation(worker, site, clock, settings):
    get(worker)
    clock.now += settings.PAGE_CACHE_TTL + 1
    bump({"article:1"})
    site.body = "version 2"
    hold_lock()
    assert get(worker) == ("miss", "version 2")  # waited, then rendered: never version 1


def test_never_stale_past_hard_until(worker, site, clock, settings):
    from django.core.cache import cache

    get(worker)
    entry = cache.get(home_key())
    cache.set(home_key(), entry._replace(hard_until=clock.now + 5), None)
    clock.now += 5
    site.body = "version 2"
    hold_lock()
    assert get(worker) == ("miss", "version 2")


def test_an_invalidation_during_the_render_keeps_the_page_out_of_the_cache(worker, site):
    site.during = lambda: bump({"article:99"})  # any change: the render may have read it
    assert get(worker)[0] == "miss"
    site.during = None
    assert get(worker)[0] == "miss"  # nothing was stored
    assert get(worker)[0] == "hit"


def test_the_lock_is_released_after_a_render(worker, site):
    get(worker)
    assert Store().get(keys.lock(home_key())) is None


def test_second_bump_on_commit_invalidates_what_was_stored_before_the_commit(
    make_article, seen, django_capture_on_commit_callbacks, monkeypatch
):
    purged = []
    monkeypatch.setattr("pagecache.purge.purge", lambda dep_keys: purged.append(set(dep_keys)))
    article = make_article(title="Avant")
    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks() as callbacks:
        article.title = "Après"
        article.save()
        # A reader renders between the save and the commit (here it sees the new row;
        # in production it would read the old one) and stores under the new versions.
        seen(url)
        assert seen(url)[0] == "hit"
    for callback in callbacks:
        callback()
    assert seen(url)[0] == "miss"
    assert any(f"article:{article.pk}" in each for each in purged)
