"""Anonymous pages carry no cookie and no Vary: Cookie, so that a CDN can share them."""

import pytest

from tests.cache.public_pages import public_urls


@pytest.mark.django_db
def test_no_cookie_nor_vary_cookie_on_any_public_page(anonymous, make_article, sections, author):
    urls = public_urls(make_article, sections, author)
    for label in ("miss", "hit"):
        for kind, url in urls.items():
            response = anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200, (kind, url)
            assert response.get("X-Cache") == label, (kind, url)
            assert not response.cookies, (kind, response.cookies)
            assert "set-cookie" not in {name.lower() for name in response.headers}, kind
            assert "cookie" not in response.get("Vary", "").lower(), (kind, response["Vary"])
            assert response["Cache-Control"].startswith("public"), kind
    # No cookie was handed over either: the client still has none.
    assert not anonymous.cookies


@pytest.mark.django_db
def test_vary_is_accept_encoding_alone(anonymous, make_article, sections, author):
    """Not Accept-Language (a French-only site) nor Cookie: each would split the CDN entry."""
    for kind, url in public_urls(make_article, sections, author).items():
        response = anonymous.get(url)
        assert response["Vary"] == "Accept-Encoding", (kind, response["Vary"])
