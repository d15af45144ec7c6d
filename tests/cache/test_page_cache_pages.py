"""Every public page type is stored for anonymous readers and served without a query;
query strings the view does not read neither fill nor bypass the cache."""

import pytest
from django.core.cache import cache

from articles.models import Status
from pagecache import keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(make_article, sections, author):
    article = make_article(title="Le budget des hôpitaux", tags=["hôpital"])
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": sections["politique"].get_absolute_url(),
        "parent section": sections["financement"].get_absolute_url(),
        "tag": "/tags/hopital/",
        "author": author.get_absolute_url(),
        "feed": "/flux/",
        "section feed": "/flux/rubriques/financement-et-politiques-publiques/",
        "tag feed": "/flux/tags/hopital/",
        "author feed": f"/flux/auteurs/{author.slug}/",
        "sitemap index": "/sitemap.xml",
        "articles sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots": "/robots.txt",
    }


@pytest.mark.parametrize(
    "page",
    ["home", "article", "section", "parent section", "tag", "author", "feed", "section feed",
     "tag feed", "author feed", "sitemap index", "articles sitemap", "news sitemap", "robots"],
)  # fmt: skip
def test_each_page_type_is_served_from_the_cache_without_a_query(
    page, site, seen, django_assert_num_queries
):
    first_label, first = seen(site[page])
    assert first.status_code == 200 and first_label == "miss"
    with django_assert_num_queries(0):
        label, again = seen(site[page])
    assert label == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # The headers the inner middlewares added are kept (CSP, nosniff…).
    assert again.get("Content-Security-Policy") == first.get("Content-Security-Policy")
    assert "Set-Cookie" not in again and not again.cookies


def test_anonymous_pages_do_not_touch_the_session(site, seen):
    for url in site.values():
        _, response = seen(url)
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert not response.cookies, url


def test_unknown_query_parameters_share_the_page_entry(site, seen, django_assert_num_queries):
    seen(site["article"])
    with django_assert_num_queries(0):
        for n in range(5):
            label, response = seen(site["article"], data={"x": n, "utm_source": "lettre"})
            assert (label, response.status_code) == ("hit", 200)
    # A page number the article view does not read does not multiply its entries either.
    with django_assert_num_queries(0):
        assert seen(site["article"], data={"page": "7"})[0] == "hit"


def test_list_pages_are_stored_per_page_number(make_article, sections, seen, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(3):
        make_article(title=f"Article {n}")
    url = sections["politique"].get_absolute_url()
    assert seen(url)[0] == "miss"
    assert seen(url, data={"page": "2"})[0] == "miss"
    assert seen(url, data={"page": "2", "x": "1"})[0] == "hit"
    # Page 1 written three ways is one entry.
    assert seen(url, data={"page": "1"})[0] == "hit"
    assert seen(url, data={"page": "01"})[0] == "hit"
    page_two = seen(url, data={"page": "2"})[1].content.decode()
    assert "Article 0" in page_two and "Article 2" not in page_two


@pytest.mark.parametrize("page", ["abc", "²", "-1", "9999999", "999"])
def test_bad_or_missing_page_numbers_are_404s_never_stored(site, seen, page):
    for _ in range(2):
        label, response = seen(site["section"], data={"page": page})
        assert response.status_code == 404
        assert label in ("bypass", "miss")


def test_404s_are_never_stored(seen, db):
    for _ in range(2):
        label, response = seen("/nulle-part/ici/")
        assert (label, response.status_code) == ("miss", 404)


def test_long_paths_get_a_bounded_key(seen, site):
    from django.test import RequestFactory

    from pagecache import keys

    long_path = "/" + "tres-long/" * 300
    spec = keys.request_spec(RequestFactory().get(long_path))
    assert len(spec.base) < 100
    assert seen(long_path)[1].status_code == 404


def test_draft_and_scheduled_articles_are_not_stored(make_article, seen):
    draft = make_article(status=Status.DRAFT)
    for _ in range(2):
        assert seen(draft.get_absolute_url())[1].status_code == 404
    assert not [key for key in cache._cache if keys.ENTRY_PREFIX in key and draft.slug in key]


def test_head_is_answered_from_the_cache_but_never_fills_it(site, anonymous):
    assert anonymous.head(site["home"])["X-Cache"] == "miss"
    assert anonymous.head(site["home"])["X-Cache"] == "miss"
    anonymous.get(site["home"])
    response = anonymous.head(site["home"])
    assert response.status_code == 200 and response["X-Cache"] == "hit"


def test_search_stays_live(site, seen):
    assert seen("/recherche/", data={"q": "budget"})[0] == "bypass"
    assert seen("/recherche/", data={"q": "budget"})[0] == "bypass"


def test_disabled_cache_serves_every_page_live(site, seen, settings):
    settings.PAGE_CACHE_ENABLED = False
    seen(site["home"])
    label, response = seen(site["home"])
    assert label is None and response.status_code == 200
