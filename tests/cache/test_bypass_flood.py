"""A flood of distinct query strings neither fills the page cache nor gets past it."""

import pytest
from django.core.cache import caches

from tests.cache.public_pages import public_urls


def entries():
    # tests/settings.py: a LocMemCache; its dict is every key stored (entries, versions…).
    return len(caches["default"]._cache)


@pytest.fixture
def urls(make_article, sections, author):
    return public_urls(make_article, sections, author)


@pytest.mark.parametrize("kind", ["home", "section", "article", "tag", "author", "feed"])
def test_unknown_parameters_are_hits_on_the_same_entry(anonymous, urls, kind):
    url = urls[kind]
    first = anonymous.get(url)
    assert first["X-Cache"] == "miss"
    stored = entries()
    for n in range(1, 501):
        response = anonymous.get(f"{url}?x={n}&utm_source=flood{n}")
        assert response["X-Cache"] == "hit", n
        assert response.content == first.content
    assert entries() == stored


def test_garbage_page_numbers_are_not_stored(anonymous, urls):
    url = urls["section"]
    anonymous.get(url)
    stored = entries()
    for n in range(1, 51):
        for value in (f"abc{n}", f"-{n}", f"{n}.5", "9" * 7 + str(n)):
            response = anonymous.get(f"{url}?page={value}")
            assert response.status_code in (200, 404), value
    assert entries() == stored


def test_page_numbers_past_the_end_are_not_stored(anonymous, urls):
    """Each real page number is an entry; numbers past the last page are 404s, not kept."""
    url = urls["section"]
    anonymous.get(url)
    stored = entries()
    for n in range(2, 102):
        assert anonymous.get(f"{url}?page={n}").status_code == 404, n
    assert entries() == stored


def test_a_flood_of_paths_that_do_not_exist_stores_nothing(anonymous, urls):
    anonymous.get("/")
    stored = entries()
    for n in range(100):
        assert anonymous.get(f"/rubrique-inventee-{n}/").status_code == 404
    assert entries() == stored
