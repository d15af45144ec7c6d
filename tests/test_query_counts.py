"""Every public page runs a fixed number of SQL queries, whatever the amount of data.

Each test renders a page with a little data, then with ten times more articles,
each with several authors and tags, and checks that the query count is the same
(and stays under a ceiling, so that a new per-row query in a template is caught).
"""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import CallToAction, Resource, Section
from authors.models import Author

# The render's queries are counted: the page cache would answer the second GET with none.
pytestmark = pytest.mark.page_cache_off

# Queries observed on SQLite and PostgreSQL, per page (anonymous reader). Issue 9's lean
# pages changed what each query reads (listing entries, index ranges:
# articles.models.listing_entries) and merged a few (home, section, article).
OBSERVED = {
    # top-level sections (the menu and the blocks, once) + featured ids + every card of
    # the page in one query (featured and each block's latest listing entries) + bylines
    # (cards show no tags)
    "home": 4,
    # sections at every prefix of the path (the section and its breadcrumb) and the menu's
    # + page (its entries' slice, + bylines) + subsections; the count of its entries is
    # kept in the cache (pagecache.counts), counted by the warm-up request
    "section": 4,
    # sections at every prefix of the path (the article's section and its breadcrumb) and
    # the menu's + article (+ bylines, tags, resources, updates) + CTA + related: editor
    # picks + closest by tags (one query over the latest entries of each tag; on
    # PostgreSQL both in one query) + listing (+ bylines)
    "article": 10 if connection.vendor == "postgresql" else 11,
    # tag + page (+ bylines) + nav (the count: as for sections)
    "tag": 4,
    # author + page (+ bylines) + nav (the count: as for sections)
    "author": 4,
}
# A small margin for a legitimate extra query; a per-row query breaks the equality test.
MAX_QUERIES = {page: count + 1 for page, count in OBSERVED.items()}

_n = itertools.count(1)


@pytest.fixture
def tag_names():
    return ["PLFSS", "Ondam", "Hôpital", "Télémédecine", "Médicament"]


@pytest.fixture
def other_authors(db):
    return [
        Author.objects.create(name=f"Auteur supplémentaire {i}", job_title="Journaliste")
        for i in range(4)
    ]


@pytest.fixture
def more_sections(sections):
    """A few more top-level sections and a deeper level, for home blocks and breadcrumbs."""
    created = dict(sections)
    created["plfss"] = Section.objects.create(
        name="PLFSS", slug="plfss", parent=sections["politique"]
    )
    for i in range(3):
        created[f"top{i}"] = Section.objects.create(
            name=f"Rubrique {i}", slug=f"rubrique-{i}", position=10 + i
        )
    return created


@pytest.fixture
def populate(make_article, author, other_authors, tag_names, more_sections):
    """populate(n): n more published articles, spread over sections, featured, tagged."""
    spread = [
        more_sections["politique"],
        more_sections["plfss"],
        more_sections["financement"],
        more_sections["esante"],
        more_sections["top0"],
        more_sections["top1"],
        more_sections["top2"],
    ]

    def populate(n, authors_each=2, tags_each=3):
        made = []
        for i in range(n):
            k = next(_n)
            made.append(
                make_article(
                    title=f"Article de charge {k}",
                    section=spread[i % len(spread)],
                    authors=[author, *other_authors][: max(authors_each, 1)],
                    tags=tag_names[:tags_each],
                    featured=i % 4 == 0,
                    home_position=i,
                    published_at=timezone.now() - timedelta(minutes=10 + k),
                )
            )
        return made

    return populate


def queries_for(client, url):
    client.get(url)  # Warm up caches that last for the process (content types).
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


def assert_constant(client, url, page, grow, django_assert_max_num_queries):
    """Same count with little and with much data, and no more than MAX_QUERIES[page]."""
    small, _ = queries_for(client, url)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        client.get(url)
    grow()
    large, response = queries_for(client, url)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        client.get(url)
    assert small == large, f"{page}: {small} queries with little data, {large} with more"
    assert large == OBSERVED[page], f"{page}: {large} queries, {OBSERVED[page]} expected"
    return large, response


def test_home(client, populate, django_assert_max_num_queries):
    populate(3, authors_each=1, tags_each=1)
    _, response = assert_constant(
        client, "/", "home", lambda: populate(30), django_assert_max_num_queries
    )
    content = response.content.decode()
    assert "À la une" in content
    assert "Rubrique 2" in content


def test_section(client, populate, more_sections, django_assert_max_num_queries):
    populate(3, authors_each=1, tags_each=1)
    url = more_sections["financement"].get_absolute_url()
    assert_constant(client, url, "section", lambda: populate(30), django_assert_max_num_queries)


def test_deep_section(client, populate, more_sections, django_assert_max_num_queries):
    populate(3, authors_each=1, tags_each=1)
    url = more_sections["plfss"].get_absolute_url()
    assert_constant(client, url, "section", lambda: populate(30), django_assert_max_num_queries)


def test_article(
    client, make_article, populate, author, other_authors, tag_names, django_assert_max_num_queries
):
    CallToAction.objects.create(text="Contactez notre service d'études.")
    article = make_article(title="Article mesuré", tags=tag_names[:1])
    Resource.objects.create(article=article, title="Rapport", url="https://example.org/r")
    populate(3, authors_each=1, tags_each=1)

    def grow():
        populate(30)
        for i, extra in enumerate(other_authors, start=1):
            article.bylines.create(author=extra, position=i)
        article.tags.add(*tag_names, *[f"mot-clé {i}" for i in range(10)])
        for i in range(10):
            Resource.objects.create(
                article=article, title=f"Ressource {i}", url=f"https://example.org/{i}"
            )

    assert_constant(
        client, article.get_absolute_url(), "article", grow, django_assert_max_num_queries
    )


def test_article_without_resources_nor_call_to_action(
    client, make_article, django_assert_max_num_queries
):
    article = make_article()
    with django_assert_max_num_queries(MAX_QUERIES["article"]):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_tag(client, populate, django_assert_max_num_queries):
    populate(3, authors_each=1, tags_each=1)
    assert_constant(
        client, "/tags/plfss/", "tag", lambda: populate(30), django_assert_max_num_queries
    )


def test_author(client, populate, author, django_assert_max_num_queries):
    populate(3, authors_each=1, tags_each=1)
    assert_constant(
        client,
        author.get_absolute_url(),
        "author",
        lambda: populate(30),
        django_assert_max_num_queries,
    )


def test_404(client, sections, django_assert_max_num_queries):
    client.get("/inconnu/")
    with django_assert_max_num_queries(3):
        assert client.get("/inconnu/").status_code == 404
