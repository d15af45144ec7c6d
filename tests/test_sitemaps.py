"""Sitemaps and robots.txt: valid against the sitemaps.org schema, listing only public pages."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from lxml import etree

from articles.models import Section, Status
from articles.sitemaps import ArticleSitemap
from authors.models import Author
from tests.helpers import ago

DATA = Path(__file__).parent / "data"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}  # fmt: skip
SCHEMAS = {
    name: etree.XMLSchema(etree.parse(str(DATA / f"{name}.xsd")))
    for name in ("sitemap", "siteindex", "sitemap-with-news")
}
HOST = "www.example.fr"


@pytest.fixture(autouse=True)
def public_host(settings):
    settings.ALLOWED_HOSTS = [HOST]


def fetch(client, url, schema="sitemap", **params):
    """The parsed document, after checking that it is well-formed and valid."""
    response = client.get(url, params, headers={"host": HOST}, secure=True)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)  # Raises if not well-formed.
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    if not SCHEMAS[schema].validate(root):
        raise AssertionError(f"{url} is not valid: {SCHEMAS[schema].error_log}")
    return root


def locs(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def absolute(path):
    return f"https://{HOST}{path}"


def lastmods(root):
    return {
        url.findtext("sm:loc", namespaces=NS): parse_datetime(url.findtext("sm:lastmod", "", NS))
        for url in root.iterfind("sm:url", NS)
    }


@pytest.fixture
def unpublished(make_article, sections):
    now = timezone.now()
    hidden_author = Author.objects.create(name="Plume Cachée")
    common = {"tags": ["Confidentiel"], "authors": [hidden_author]}
    return [
        make_article(title="Brouillon", status=Status.DRAFT, **common),
        make_article(title="À relire", status=Status.REVIEW, **common),
        make_article(
            title="Programmé",
            status=Status.SCHEDULED,
            published_at=now + timedelta(hours=1),
            **common,
        ),
        make_article(
            title="Expiré",
            published_at=now - timedelta(hours=5),
            unpublish_at=now - timedelta(hours=1),
            **common,
        ),
        make_article(
            title="Dépublié",
            status=Status.UNPUBLISHED,
            published_at=now - timedelta(hours=3),
            **common,
        ),
    ]


@pytest.fixture
def newsroom(make_article, sections, unpublished):
    return {
        "recent": make_article(
            title="Le « Ségur » & l'hôpital 🏥",
            section=sections["politique"],
            tags=["Hôpital"],
            published_at=ago(hours=2),
        ),
        "older": make_article(
            title="Le DMP relancé", section=sections["esante"], published_at=ago(days=3)
        ),
    }


def test_index_lists_every_sitemap_with_absolute_urls(client, newsroom):
    root = fetch(client, "/sitemap.xml", schema="siteindex")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locs(root) == [
        absolute("/sitemap-articles.xml"),
        absolute("/sitemap-rubriques.xml"),
        absolute("/sitemap-tags.xml"),
        absolute("/sitemap-auteurs.xml"),
    ]
    for loc in locs(root):
        fetch(client, loc.removeprefix(f"https://{HOST}"))
    # lastmod of each sitemap: its newest change, with a time zone.
    for lastmod in root.iterfind(".//sm:lastmod", NS):
        assert parse_datetime(lastmod.text) == newsroom["recent"].published_at.replace(
            microsecond=0
        )


def test_index_leaves_out_empty_sitemaps(client, sections):
    # No article yet: only the sections have pages to list (an empty urlset is invalid).
    root = fetch(client, "/sitemap.xml", schema="siteindex")
    assert locs(root) == [absolute("/sitemap-rubriques.xml")]


def test_articles_sitemap(client, newsroom, unpublished):
    root = fetch(client, "/sitemap-articles.xml")
    assert locs(root) == [
        absolute(newsroom["recent"].get_absolute_url()),
        absolute(newsroom["older"].get_absolute_url()),
    ]
    body = etree.tostring(root, encoding="unicode")
    for article in unpublished:
        assert article.slug not in body


def test_article_lastmod_is_its_update_or_its_publication(client, newsroom):
    updated = newsroom["older"]
    updated.mark_updated(ago(hours=1))
    updated.save()
    dates = lastmods(fetch(client, "/sitemap-articles.xml"))
    assert dates[absolute(updated.get_absolute_url())] == updated.updated_at.replace(microsecond=0)
    recent = newsroom["recent"]
    assert dates[absolute(recent.get_absolute_url())] == recent.published_at.replace(microsecond=0)
    # The index follows the newest change.
    index = fetch(client, "/sitemap.xml", schema="siteindex")
    first = index.find("sm:sitemap", NS)
    assert parse_datetime(first.findtext("sm:lastmod", "", NS)) == updated.updated_at.replace(
        microsecond=0
    )


def test_articles_sitemap_is_paginated(client, make_article, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    made = [make_article(published_at=ago(minutes=10 + i)) for i in range(5)]
    index = locs(fetch(client, "/sitemap.xml", schema="siteindex"))
    pages = [u for u in index if "sitemap-articles" in u]
    assert pages == [
        absolute("/sitemap-articles.xml"),
        absolute("/sitemap-articles.xml?p=2"),
        absolute("/sitemap-articles.xml?p=3"),
    ]
    listed = [
        *locs(fetch(client, "/sitemap-articles.xml")),
        *locs(fetch(client, "/sitemap-articles.xml", p="2")),
        *locs(fetch(client, "/sitemap-articles.xml", p="3")),
    ]
    assert listed == [absolute(a.get_absolute_url()) for a in made]


@pytest.mark.parametrize("page", ["0", "4", "-1", "abc", "1.5", "99999999999999999999", "²"])
def test_sitemap_pages_out_of_range_are_404(client, make_article, monkeypatch, page):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for i in range(5):
        make_article(published_at=ago(minutes=10 + i))
    response = client.get("/sitemap-articles.xml", {"p": page}, headers={"host": HOST})
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/sitemap-inconnu.xml", "/sitemap-.xml", "/sitemap-news.xml/"])
def test_unknown_sitemaps_are_404(client, newsroom, url):
    assert client.get(url, headers={"host": HOST}, follow=True).status_code == 404


def test_empty_sitemaps_are_404_except_news(client, sections, unpublished):
    for url in ["/sitemap-articles.xml", "/sitemap-tags.xml", "/sitemap-auteurs.xml"]:
        assert client.get(url, headers={"host": HOST}).status_code == 404
    response = client.get("/sitemap-news.xml", headers={"host": HOST})
    assert response.status_code == 200
    assert etree.fromstring(response.content).findall("sm:url", NS) == []


def test_sections_sitemap_lists_every_section_with_its_branch_lastmod(client, newsroom, sections):
    Section.objects.create(name="Pharmacie", slug="pharmacie", position=5)
    dates = lastmods(fetch(client, "/sitemap-rubriques.xml"))
    recent = newsroom["recent"].published_at.replace(microsecond=0)
    assert dates == {
        absolute("/e-sante/"): newsroom["older"].published_at.replace(microsecond=0),
        # The parent section changes when an article appears in its subsection.
        absolute("/financement-et-politiques-publiques/"): recent,
        absolute("/financement-et-politiques-publiques/politique-de-sante/"): recent,
        # Unpublished articles do not count; an empty section has no lastmod.
        absolute("/pharmacie/"): None,
    }


def test_tags_sitemap_lists_only_tags_of_published_articles(client, newsroom, make_article):
    old = make_article(title="Ancien", tags=["Hôpital", "Ondam"], published_at=ago(days=10))
    dates = lastmods(fetch(client, "/sitemap-tags.xml"))
    # Tags in name order; each dated by its newest published article; "Confidentiel",
    # used only on unpublished articles, is not listed.
    assert list(dates.items()) == [
        (absolute("/tags/hopital/"), newsroom["recent"].published_at.replace(microsecond=0)),
        (absolute("/tags/ondam/"), old.published_at.replace(microsecond=0)),
    ]


def test_authors_sitemap_lists_only_authors_of_published_articles(client, newsroom, author):
    Author.objects.create(name="Sans Article")
    dates = lastmods(fetch(client, "/sitemap-auteurs.xml"))
    assert dates == {
        absolute(author.get_absolute_url()): newsroom["recent"].published_at.replace(microsecond=0)
    }


def test_news_sitemap_has_the_last_48_hours(client, make_article, unpublished, settings):
    inside = make_article(title="L'« Ondam » & le PLFSS 💶", published_at=ago(hours=47, minutes=59))
    newest = make_article(title="Toute fraîche", published_at=ago(minutes=1))
    make_article(title="Trop ancienne", published_at=ago(hours=48, minutes=1))
    root = fetch(client, "/sitemap-news.xml", schema="sitemap-with-news")
    assert locs(root) == [absolute(newest.get_absolute_url()), absolute(inside.get_absolute_url())]
    url = root.findall("sm:url", NS)[1]
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == settings.SITE_NAME
    assert news.findtext("news:publication/news:language", namespaces=NS) == "fr"
    assert news.findtext("news:title", namespaces=NS) == "L'« Ondam » & le PLFSS 💶"
    published = parse_datetime(news.findtext("news:publication_date", namespaces=NS))
    assert published == inside.published_at.replace(microsecond=0)
    assert published.utcoffset() is not None


def test_scheduled_article_enters_the_sitemaps_at_its_minute(client, make_article, sections):
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    make_article(title="Déjà là", published_at=ago(days=5), tags=["Archives"])
    article = make_article(
        title="À paraître",
        status=Status.SCHEDULED,
        published_at=at,
        tags=["Nouveauté"],
        authors=[Author.objects.create(name="Nouvelle Plume")],
    )
    url = absolute(article.get_absolute_url())
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert url not in locs(fetch(client, "/sitemap-articles.xml"))
        assert client.get("/sitemap-news.xml", headers={"host": HOST}).content.count(b"<url>") == 0
        assert absolute("/tags/nouveaute/") not in locs(fetch(client, "/sitemap-tags.xml"))
        assert absolute("/auteurs/nouvelle-plume/") not in locs(
            fetch(client, "/sitemap-auteurs.xml")
        )
    with time_machine.travel(at, tick=False):
        assert locs(fetch(client, "/sitemap-articles.xml"))[0] == url
        assert locs(fetch(client, "/sitemap-news.xml", schema="sitemap-with-news")) == [url]
        assert absolute("/tags/nouveaute/") in locs(fetch(client, "/sitemap-tags.xml"))
        assert absolute("/auteurs/nouvelle-plume/") in locs(fetch(client, "/sitemap-auteurs.xml"))


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
@pytest.mark.parametrize(
    "url",
    [
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-rubriques.xml",
        "/sitemap-tags.xml",
        "/sitemap-auteurs.xml",
        "/sitemap-news.xml",
    ],
)
def test_constant_number_of_queries(client, make_article, sections, author, url):
    spread = list(sections.values())
    extra_authors = [Author.objects.create(name=f"Plume {i}") for i in range(3)]

    def grow(n):
        for i in range(n):
            make_article(
                section=spread[i % len(spread)],
                tags=[f"mot-{i}", "PLFSS"],
                authors=[author, extra_authors[i % 3]],
                published_at=ago(minutes=5 + i),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, headers={"host": HOST})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    grow(3)
    small = count()
    grow(40)
    assert count() == small
    assert small <= 8


def test_robots_txt(client):
    response = client.get("/robots.txt", headers={"host": HOST}, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /apercu/" in lines
    assert "Sitemap: https://www.example.fr/sitemap.xml" in lines
    assert "Sitemap: https://www.example.fr/sitemap-news.xml" in lines
    # Nothing readers may see is disallowed.
    assert [line for line in lines if line.startswith("Disallow")] == [
        "Disallow: /admin/",
        "Disallow: /apercu/",
    ]
