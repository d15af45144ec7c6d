"""Odd If-None-Match / If-Modified-Since values never make a 500 (miss or hit)."""

import pytest

from tests.cache.public_pages import public_urls
from tests.helpers import logged_in_reporting_500s

ODD = [
    "*",
    "",
    "n'importe quoi",
    '"' * 4000,
    "W/" * 2000,
    ", ".join(f'"etag-{n}"' for n in range(500)),
    ", ".join(f'W/"{n}"' for n in range(500)) + ", *",
    '"pas fermé',
    "W/",
    '"\u00e9t\u00e9"',
    "\t,\t,",
]


@pytest.mark.parametrize("value", ODD)
def test_odd_validators_never_500(value, make_article, sections, author):
    urls = public_urls(make_article, sections, author)
    reader = logged_in_reporting_500s()
    for _ in range(2):  # a miss, then a hit
        for kind in ("home", "article", "articles sitemap"):
            response = reader.get(
                urls[kind], HTTP_IF_NONE_MATCH=value, HTTP_IF_MODIFIED_SINCE=value[:200]
            )
            assert response.status_code in (200, 304), (kind, response.status_code)
            if value == "*":
                # "any current representation": the page exists, so not modified.
                assert response.status_code == 304
            elif response.status_code == 200:
                assert response.content


def test_odd_if_modified_since_never_500(make_article, sections, author):
    urls = public_urls(make_article, sections, author)
    reader = logged_in_reporting_500s()
    for value in ("hier", "Mon, 99 Foo 2026 99:99:99 GMT", "0", "-1", "9" * 400):
        for _ in range(2):
            response = reader.get(urls["articles sitemap"], HTTP_IF_MODIFIED_SINCE=value)
            assert response.status_code == 200, value
