"""Each public page announces its RSS feeds in <head>."""

import re

import pytest

FEED_LINK = re.compile(
    r'<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="([^"]+)">'
)


@pytest.fixture
def article(make_article):
    return make_article(title="Le PLFSS adopté", tags=["plfss"])


def announced_feeds(client, url):
    response = client.get(url)
    assert response.status_code == 200
    head = response.content.decode().split("</head>")[0]
    return FEED_LINK.findall(head)


def test_home_announces_the_main_feed(client, article):
    assert announced_feeds(client, "/") == ["/flux/"]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("section", "/flux/rubriques/financement-et-politiques-publiques/politique-de-sante/"),
        ("article", "/flux/rubriques/financement-et-politiques-publiques/politique-de-sante/"),
        ("tag", "/flux/tags/plfss/"),
        ("author", "/flux/auteurs/claire-dubois/"),
    ],
)
def test_pages_announce_their_own_feed(client, article, author, sections, page, feed):
    url = {
        "section": sections["politique"].get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": "/tags/plfss/",
        "author": author.get_absolute_url(),
    }[page]
    feeds = announced_feeds(client, url)
    assert feeds[0] == "/flux/"
    assert feed in feeds
    for href in feeds:
        assert client.get(href).status_code == 200


@pytest.mark.parametrize("url", ["/", "/tags/plfss/", "/auteurs/claire-dubois/"])
def test_every_page_has_the_search_form_in_its_header(client, article, url):
    header = client.get(url).content.decode().split("</header>")[0]
    assert 'role="search"' in header
    assert 'action="/recherche/"' in header
