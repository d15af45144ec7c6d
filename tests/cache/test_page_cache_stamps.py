"""What a hit reads: the entry and the epoch, in one cache call, until something is
invalidated; then one check of the entry's versions, which stamps it again.

The stamp must never hide an invalidation, whatever the interleaving with a bump on a
backend that writes several keys one by one (files)."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from pagecache import declare, keys
from pagecache.middleware import PageCacheMiddleware
from pagecache.store import Store

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """The cache methods the Store calls, in order."""
    calls = []
    original = Store._call

    def record(self, method, *args, **kwargs):
        calls.append(method)
        return original(self, method, *args, **kwargs)

    monkeypatch.setattr(Store, "_call", record)
    return calls


def test_a_hit_is_one_cache_call(story, seen, counted):
    seen(story.get_absolute_url())
    counted.clear()
    assert seen(story.get_absolute_url())[0] == "hit"
    assert counted == ["get_many"]  # the entry and the epoch together


def test_after_an_unrelated_change_one_hit_checks_the_versions_then_hits_cheaply(
    story, seen, counted
):
    seen("/")
    Store().bump({keys.article(10**9)})  # an article the home page does not show
    counted.clear()
    assert seen("/")[0] == "hit"
    assert counted == ["get_many", "get_many", "set"]  # entry+epoch, versions, new stamp
    counted.clear()
    assert seen("/")[0] == "hit"
    assert counted == ["get_many"]


def test_a_change_it_shows_is_a_miss_even_after_a_restamp(seen, story):
    url = story.get_absolute_url()
    seen(url)
    Store().bump({keys.article(10**9)})
    assert seen(url)[0] == "hit"  # re-stamped under the new epoch
    story.title = "Le budget des hôpitaux, corrigé"
    story.save()
    label, response = seen(url)
    assert label == "miss" and "corrigé" in response.content.decode()


class OneByOneCache(LocMemCache):
    """A cache whose set_many writes key by key (as files do) and lets a test act
    between the first key written (the epoch) and the others."""

    between = None

    def set_many(self, data, timeout=None, version=None):
        for index, (key, value) in enumerate(data.items()):
            self.set(key, value, timeout, version)
            if index == 0 and self.between is not None:
                between, self.between = self.between, None
                between()
        return []


def page_view(request):
    request.resolver_match = resolve("/")
    declare("article:1")
    return HttpResponse(page_view.body)


def test_a_check_made_in_the_middle_of_a_bump_cannot_hide_it():
    cache = OneByOneCache("stamps", {})
    store = Store(cache)
    worker = PageCacheMiddleware(page_view, store=store)
    page_view.body = "avant"

    def get():
        response = worker(RequestFactory().get("/"))
        return response["X-Cache"], response.content

    assert get() == ("miss", b"avant")
    store.bump({keys.article(2)})  # unrelated: the next hit re-checks and re-stamps
    assert get() == ("hit", b"avant")

    page_view.body = "après"
    seen_during = []
    # A reader comes after the bump wrote its first epoch and before the versions: it
    # finds the old versions still current and stamps the old page with that epoch.
    cache.between = lambda: seen_during.append(get())
    store.bump({"article:1"})
    assert seen_during == [("hit", b"avant")]
    # The bump's last epoch makes that stamp obsolete: the next reader sees the change.
    assert get() == ("miss", "après".encode())
    assert get() == ("hit", "après".encode())


class LastEpochRefused(LocMemCache):
    """Writes the bump's versions (set_many) but refuses its last epoch (a set)."""

    def set_many(self, data, timeout=None, version=None):
        for key, value in data.items():
            super().set(key, value, timeout, version)
        return []

    refuse = True

    def set(self, key, *args, **kwargs):
        if key == keys.EPOCH and self.refuse:
            self.refuse = False
            raise ConnectionError("cache down")
        return super().set(key, *args, **kwargs)


def test_a_bump_whose_last_epoch_is_lost_invalidates_everything_once_back():
    from pagecache import store as store_module

    store = Store(LastEpochRefused("lost-epoch", {}))
    before = store.current([keys.ALL])[0][keys.ALL]
    store.bump({"article:1"})  # its last epoch is refused: the cache counts as down
    store_module._health["down_until"] = 0.0  # back: its first answer bumps "all"
    store.get("anything")
    assert store.current([keys.ALL])[0][keys.ALL] != before


def form_view(request):
    from django.middleware.csrf import get_token

    request.resolver_match = resolve("/")
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def test_a_page_that_uses_the_csrf_token_is_never_stored(settings):
    """A stored page must hold nobody's token: Django's CSRF middleware marks such a page
    (cookie, Vary: Cookie), and the page cache stores neither."""
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.middleware.csrf import CsrfViewMiddleware

    def site(request):
        csrf = CsrfViewMiddleware(form_view)
        return SessionMiddleware(csrf)(request)

    store = Store(LocMemCache("csrf-form", {}))
    worker = PageCacheMiddleware(site, store=store)
    for _ in range(2):
        response = worker(RequestFactory().get("/"))
        assert response["X-Cache"] == "miss"
    reader = RequestFactory(HTTP_COOKIE="csrftoken=" + "b" * 32).get("/")
    assert worker(reader)["X-Cache"] == "miss"
