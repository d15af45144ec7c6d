"""RSS feeds: parsed cleanly by a real feed parser, listing only what readers may see."""

import calendar
from datetime import timedelta

import feedparser
import lxml.html
import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.feeds import ITEMS_PER_FEED, LatestArticlesFeed, SectionFeed, feed_links_for
from articles.models import Section, Status
from authors.models import Author

FEEDS = ["/flux/", "/flux/rubriques/financement-et-politiques-publiques/", "/flux/tags/plfss/",
         "/flux/auteurs/claire-dubois/"]  # fmt: skip


def parse(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    assert feed.version == "rss20"
    return feed


def rendered(html_text):
    """The text a reader sees for RSS text rendered as HTML; no element may come alive."""
    if not html_text:
        return ""
    fragment = lxml.html.fragment_fromstring(html_text, create_parent="div")
    assert not len(fragment), f"balisage injecté : {html_text!r}"
    return fragment.text_content()


def shown(node, key):
    """What a feed reader displays for a text field of an entry or of the channel.

    feedparser flags a field text/plain or text/html (then it is rendered).
    """
    detail = node.get(f"{key}_detail") or {}
    if detail.get("type") == "text/plain":
        return node[key]
    return rendered(node.get(key, ""))


def titles(feed):
    return [shown(entry, "title") for entry in feed.entries]


def minutes_ago(n):
    return timezone.now() - timedelta(minutes=n)


@pytest.fixture
def unpublished(make_article):
    """Articles readers must never see, all tagged and signed like the published ones."""
    now = timezone.now()
    common = {"tags": ["PLFSS"]}
    return [
        make_article(title="Brouillon secret", status=Status.DRAFT, **common),
        make_article(title="En relecture", status=Status.REVIEW, **common),
        make_article(
            title="Programmé demain",
            status=Status.SCHEDULED,
            published_at=now + timedelta(days=1),
            **common,
        ),
        make_article(
            title="Expiré hier",
            published_at=now - timedelta(days=3),
            unpublish_at=now - timedelta(days=1),
            **common,
        ),
        make_article(
            title="Dépublié",
            status=Status.UNPUBLISHED,
            published_at=now - timedelta(days=2),
            **common,
        ),
    ]


@pytest.fixture
def newsroom(make_article, sections, author, unpublished):
    """Three published articles in three sections, and the unpublished ones."""
    other = Author.objects.create(name="Jean Martin")
    return {
        "old": make_article(
            title="Le PLFSS adopté",
            section=sections["financement"],
            tags=["PLFSS"],
            published_at=minutes_ago(300),
        ),
        "mid": make_article(
            title="Télémédecine : l'Assurance maladie & les « téléconsultations » 🩺",
            standfirst="Les remboursements évoluent au 1er janvier.",
            section=sections["politique"],
            tags=["PLFSS", "Télémédecine"],
            authors=[author, other],
            published_at=minutes_ago(200),
        ),
        "new": make_article(
            title="Le DMP relancé",
            section=sections["esante"],
            tags=["E-santé"],
            authors=[other],
            published_at=minutes_ago(100),
        ),
    }


def test_main_feed_lists_published_articles_newest_first(client, newsroom):
    feed = parse(client, "/flux/")
    assert titles(feed) == [newsroom[k].title for k in ("new", "mid", "old")]
    assert feed.feed.title == "Santé Politique"
    assert feed.feed.link == "http://testserver/"
    assert feed.feed.language == "fr"


@pytest.mark.parametrize("url", FEEDS)
def test_unpublished_articles_never_appear(client, newsroom, unpublished, url):
    content = client.get(url).content.decode()
    for article in unpublished:
        assert article.title not in content
        assert article.slug not in content
    assert titles(parse(client, url))


def test_item_fields(client, newsroom, author):
    article = newsroom["mid"]
    entry = next(e for e in parse(client, "/flux/").entries if shown(e, "title") == article.title)
    # Full title, with its quotes, ampersand and emoji, shown as typed (escaped as text).
    assert shown(entry, "title") == (
        "Télémédecine : l'Assurance maladie & les « téléconsultations » 🩺"
    )
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert shown(entry, "summary") == "Les remboursements évoluent au 1er janvier."
    assert [a["name"] for a in entry.authors] == ["Claire Dubois", "Jean Martin"]
    # The section, then the tags.
    assert [t.term for t in entry.tags] == ["Politique de santé", "PLFSS", "Télémédecine"]
    assert calendar.timegm(entry.published_parsed) == int(article.published_at.timestamp())
    # A guid that survives a change of address, not presented as a link.
    assert entry.id == f"tag:testserver,2025:article-{article.pk}"
    assert entry.guidislink is False
    assert not entry.get("enclosures")


def test_guid_is_stable_when_the_address_changes(client, newsroom, sections):
    article = newsroom["old"]
    before = {e.title: e.id for e in parse(client, "/flux/").entries}
    article.slug = "nouvelle-adresse"
    article.section = sections["esante"]
    article.save()
    after = {e.title: e.id for e in parse(client, "/flux/").entries}
    assert after == before


def test_section_feed_includes_subsections(client, newsroom):
    feed = parse(client, "/flux/rubriques/financement-et-politiques-publiques/")
    assert titles(feed) == [newsroom["mid"].title, newsroom["old"].title]
    assert feed.feed.title == "Santé Politique — Financement et politiques publiques"
    assert feed.feed.link == "http://testserver/financement-et-politiques-publiques/"

    sub = parse(client, "/flux/rubriques/financement-et-politiques-publiques/politique-de-sante/")
    assert titles(sub) == [newsroom["mid"].title]
    assert titles(parse(client, "/flux/rubriques/e-sante/")) == [newsroom["new"].title]


def test_empty_section_feed_is_valid(client, sections):
    Section.objects.create(name="Pharmacie", slug="pharmacie")
    assert titles(parse(client, "/flux/rubriques/pharmacie/")) == []


def test_tag_feed(client, newsroom):
    feed = parse(client, "/flux/tags/plfss/")
    assert titles(feed) == [newsroom["mid"].title, newsroom["old"].title]
    assert feed.feed.link == "http://testserver/tags/plfss/"
    assert "PLFSS" in feed.feed.title


def test_author_feed(client, newsroom):
    feed = parse(client, "/flux/auteurs/jean-martin/")
    assert titles(feed) == [newsroom["new"].title, newsroom["mid"].title]
    assert feed.feed.link == "http://testserver/auteurs/jean-martin/"
    assert titles(parse(client, "/flux/auteurs/claire-dubois/")) == [
        newsroom["mid"].title,
        newsroom["old"].title,
    ]


def test_author_without_published_articles_has_no_feed(client, sections):
    # As the author page: nothing public about an author before their first article
    # (tests/security/test_embargo.py covers the unpublished bylines).
    Author.objects.create(name="Nouvelle Recrue")
    response = client.get("/flux/auteurs/nouvelle-recrue/")
    assert response.status_code == 404
    assert "Nouvelle Recrue" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/flux/rubriques/inconnue/",
        "/flux/rubriques/financement-et-politiques-publiques/inconnue/",
        "/flux/rubriques/e-sante/a/b/c/",
        "/flux/rubriques/%C3%A9t%C3%A9/",
        "/flux/rubriques/..%2F..%2Fetc/",
        "/flux/rubriques/" + "a/" * 400,
        "/flux/rubriques/" + "a" * 10_000 + "/",
        "/flux/tags/inconnu/",
        "/flux/auteurs/personne/",
        "/flux/inconnu/",
    ],
)
def test_unknown_subjects_are_404(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/flux/rubriques/a%00b/", "/flux/tags/a%00b/", "/flux/auteurs/a%00/", "/flux/?q=%00"]
)
def test_nul_bytes_are_refused_never_a_500(client, newsroom, url):
    # Whether a middleware answers 400 first or the feed 404: never PostgreSQL's error.
    assert client.get(url).status_code in (400, 404)


@pytest.mark.parametrize("path", ["a\x00b", "../etc", "a//b", "/a", "été", "a" * 501])
def test_odd_section_paths_are_404_without_a_query(db, rf, path, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(Http404):
        SectionFeed().get_object(rf.get("/flux/"), path)


def test_tag_used_only_on_unpublished_articles_is_404(client, make_article):
    make_article(title="Brouillon", status=Status.DRAFT, tags=["Secret défense"])
    make_article(title="Plus tard", published_at=minutes_ago(-60), tags=["Secret défense"])
    response = client.get("/flux/tags/secret-defense/")
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_feed_is_limited_to_the_latest_items(client, make_article):
    made = [make_article(published_at=minutes_ago(10 + i)) for i in range(ITEMS_PER_FEED + 3)]
    assert titles(parse(client, "/flux/")) == [a.title for a in made[:ITEMS_PER_FEED]]


def test_scheduled_article_enters_the_feeds_at_its_minute(client, make_article, sections):
    at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    article = make_article(
        title="Publication programmée",
        status=Status.SCHEDULED,
        published_at=at,
        section=sections["esante"],
        tags=["Agenda"],
    )
    urls = ["/flux/", "/flux/rubriques/e-sante/"]
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        for url in urls:
            assert article.title not in titles(parse(client, url))
        # Its tag and its author (who signs nothing else) are still embargoed.
        assert client.get("/flux/tags/agenda/").status_code == 404
        assert client.get("/flux/auteurs/claire-dubois/").status_code == 404
    with time_machine.travel(at, tick=False):
        for url in [*urls, "/flux/tags/agenda/", "/flux/auteurs/claire-dubois/"]:
            assert titles(parse(client, url))[0] == article.title


def test_expired_article_leaves_the_feeds(client, make_article):
    end = timezone.now() + timedelta(hours=1)
    article = make_article(title="Offre limitée", unpublish_at=end)
    assert article.title in titles(parse(client, "/flux/"))
    with time_machine.travel(end, tick=False):
        assert article.title not in titles(parse(client, "/flux/"))


def test_hero_image_becomes_an_enclosure(client, make_article, make_library_image):
    photo = make_library_image(size=(1600, 1000))
    make_article(title="Avec image", published_at=minutes_ago(5), hero_image=photo)
    make_article(title="Sans image", published_at=minutes_ago(10))
    entries = parse(client, "/flux/", secure=True).entries
    (enclosure,) = entries[0].enclosures
    assert enclosure["type"] == "image/jpeg"
    assert enclosure["href"].startswith("https://testserver/media/images/renditions/")
    # The rendition exists: it was generated when the image was saved, not by the feed.
    from django.core.files.storage import default_storage

    name = enclosure["href"].removeprefix("https://testserver/media/")
    assert default_storage.exists(name)
    assert entries[1].enclosures == []


def test_no_enclosure_without_hero_image(make_article):
    assert LatestArticlesFeed().item_enclosures(make_article()) == []


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
@pytest.mark.parametrize("url", FEEDS)
def test_constant_number_of_queries(client, make_article, author, url):
    extra_authors = [Author.objects.create(name=f"Plume {i}") for i in range(3)]

    def grow(n):
        for _ in range(n):
            make_article(
                tags=["PLFSS", "Ondam", "Hôpital"],
                authors=[author, *extra_authors],
                published_at=minutes_ago(5),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            parse(client, url)
        return len(ctx.captured_queries)

    grow(2)
    parse(client, url)  # Warm up caches that last for the process (content types).
    small = count()
    grow(25)
    assert count() == small
    assert small <= 5


def test_feed_links_for_pages(newsroom, sections, author):
    from taggit.models import Tag

    tag = Tag.objects.get(slug="plfss")
    links = feed_links_for(section=sections["politique"], tag=tag, author=author)
    assert links == [
        (
            "Santé Politique — Politique de santé",
            "/flux/rubriques/financement-et-politiques-publiques/politique-de-sante/",
        ),
        ("Santé Politique — mot-clé « PLFSS »", "/flux/tags/plfss/"),
        ("Santé Politique — articles de Claire Dubois", "/flux/auteurs/claire-dubois/"),
    ]
    assert feed_links_for() == []


def test_feed_links_include_announces_the_main_feed_and_the_page_feeds(
    client, newsroom, sections, django_assert_num_queries
):
    with django_assert_num_queries(0):
        links = feed_links_for(section=sections["esante"])
        html = render_to_string(
            "includes/feed_links.html", {"feeds": links, "site_name": "Santé Politique"}
        )
    assert html.count('<link rel="alternate" type="application/rss+xml"') == 2
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Santé Politique — derniers articles" href="/flux/">'
    ) in html
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Santé Politique — E-santé" href="/flux/rubriques/e-sante/">'
    ) in html
    for _, url in links:
        parse(client, url)

    alone = render_to_string("includes/feed_links.html", {"site_name": "Santé Politique"})
    assert alone.count("<link ") == 1
