"""Related articles under an article: editor picks first, then the closest by tags."""

from datetime import timedelta

import lxml.html
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Status
from articles.related import related_articles

NOW = timezone.now().replace(microsecond=0)


def ago(hours):
    return NOW - timedelta(hours=hours)


@pytest.fixture
def article(make_article):
    return make_article(title="Article lu", tags=["PLFSS", "Ondam", "Hôpital"], published_at=ago(1))


def related_to(article):
    """What the article page would show (the article as the page loads it)."""
    return [a.title for a in related_articles(Article.objects.for_detail().get(pk=article.pk))]


def shown_on_page(client, article):
    root = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    block = root.xpath('//section[@class="related"]')
    if not block:
        return None
    assert block[0].xpath("h2")[0].text_content() == "À lire aussi"
    return [h.text_content() for h in block[0].xpath('.//*[@class="card__title"]')]


def test_closest_by_number_of_shared_tags(make_article, article):
    make_article(title="Un en commun", tags=["PLFSS"], published_at=ago(2))
    make_article(title="Trois en commun", tags=["PLFSS", "Ondam", "Hôpital"], published_at=ago(9))
    make_article(title="Deux en commun", tags=["Ondam", "hôpital", "Autre"], published_at=ago(5))
    make_article(title="Aucun en commun", tags=["Autre"], published_at=ago(1))
    make_article(title="Sans mot-clé", published_at=ago(1))
    assert related_to(article) == ["Trois en commun", "Deux en commun", "Un en commun"]


def test_most_recent_first_among_equals(make_article, article):
    make_article(title="Ancien", tags=["PLFSS"], published_at=ago(30))
    make_article(title="Récent", tags=["Ondam"], published_at=ago(2))
    make_article(title="Moyen", tags=["Hôpital"], published_at=ago(10))
    assert related_to(article) == ["Récent", "Moyen", "Ancien"]


def test_at_most_four(make_article, article):
    for n in range(6):
        make_article(title=f"Voisin {n}", tags=["PLFSS"], published_at=ago(2 + n))
    assert related_to(article) == ["Voisin 0", "Voisin 1", "Voisin 2", "Voisin 3"]


def test_editor_picks_come_first_in_their_order(make_article, article):
    close = make_article(title="Proche", tags=["PLFSS", "Ondam"], published_at=ago(2))
    first_pick = make_article(title="Choix 1", published_at=ago(50))
    second_pick = make_article(title="Choix 2", tags=["PLFSS"], published_at=ago(3))
    article.related_articles.add(first_pick)
    article.related_articles.add(second_pick)
    assert close.pk
    # The pick sharing a tag is not repeated among the tag neighbours.
    assert related_to(article) == ["Choix 1", "Choix 2", "Proche"]


def test_picks_alone_fill_the_block(make_article, article):
    picks = [make_article(title=f"Choix {n}", published_at=ago(n + 2)) for n in range(5)]
    make_article(title="Proche", tags=["PLFSS"], published_at=ago(1))
    for pick in picks:
        article.related_articles.add(pick)
    assert related_to(article) == ["Choix 0", "Choix 1", "Choix 2", "Choix 3"]


def test_picks_that_readers_cannot_see_are_left_out(make_article, article):
    draft = make_article(title="Choix brouillon", status=Status.DRAFT)
    future = make_article(title="Choix futur", published_at=NOW + timedelta(hours=2))
    expired = make_article(title="Choix expiré", published_at=ago(9), unpublish_at=ago(1))
    visible = make_article(title="Choix visible", published_at=ago(4))
    article.related_articles.add(draft, future, expired, visible)
    assert related_to(article) == ["Choix visible"]


def test_drafts_future_and_expired_never_appear(make_article, article):
    tags = ["PLFSS", "Ondam", "Hôpital"]
    make_article(title="Brouillon", tags=tags, status=Status.DRAFT)
    make_article(title="À relire", tags=tags, status=Status.REVIEW, published_at=ago(3))
    make_article(title="Futur", tags=tags, published_at=NOW + timedelta(hours=1))
    make_article(title="Expiré", tags=tags, published_at=ago(9), unpublish_at=ago(1))
    make_article(title="Dépublié", tags=tags, status=Status.UNPUBLISHED, published_at=ago(3))
    make_article(title="Publié", tags=["PLFSS"], published_at=ago(2))
    assert related_to(article) == ["Publié"]


def test_scheduled_article_appears_at_its_minute(make_article, article):
    make_article(
        title="Programmé",
        tags=["PLFSS"],
        status=Status.SCHEDULED,
        published_at=NOW + timedelta(hours=1),
    )
    assert related_to(article) == []
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=False):
        assert related_to(article) == ["Programmé"]


def test_the_article_itself_never(make_article, article):
    article.related_articles.add(article)
    assert related_to(article) == []
    make_article(title="Autre", tags=["Ondam"], published_at=ago(3))
    assert related_to(article) == ["Autre"]


def test_shown_at_the_end_of_the_article_page(client, make_article, article):
    pick = make_article(title="Choix de la rédaction", published_at=ago(8))
    make_article(title="Même sujet", tags=["Ondam"], published_at=ago(2))
    make_article(title="Brouillon du même sujet", tags=["Ondam"], status=Status.DRAFT)
    article.related_articles.add(pick)
    assert shown_on_page(client, article) == ["Choix de la rédaction", "Même sujet"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index('class="tags"') < page.index('class="related"')


def test_no_block_when_nothing_is_related(client, article):
    assert shown_on_page(client, article) is None


def test_bounded_queries(make_article, article, author):
    """Picks, ranked candidates, the listing and its two prefetches: five queries at most,
    whatever the number of picks, candidates, tags and authors."""
    loaded = Article.objects.for_detail().get(pk=article.pk)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            result = related_articles(loaded)
        return len(ctx.captured_queries), result

    make_article(title="Voisin", tags=["PLFSS"])
    article.related_articles.add(make_article(title="Choix"))
    small, result = count()
    assert len(result) == 2

    for n in range(30):
        neighbour = make_article(tags=["PLFSS", "Ondam", f"tag {n}"], published_at=ago(n + 2))
        if n % 15 == 0:  # two more picks: tags still complete the block
            article.related_articles.add(neighbour)
    large, result = count()
    assert len(result) == 4
    assert small == large <= 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own query")
def test_postgresql_ranks_as_the_portable_query(make_article, article):
    """One LATERAL range per tag on PostgreSQL (articles.related._CLOSEST_SQL): the same
    articles, in the same order, as the portable query, ties, expiries and all."""
    from articles import related

    tags = ["PLFSS", "Ondam", "Hôpital", "Budget"]
    for n in range(24):
        make_article(
            title=f"Voisin {n}",
            tags=tags[: 1 + n % 4],
            published_at=ago(2 + n % 5),  # ties on the date too
            unpublish_at=ago(-1) if n % 7 else ago(0.5),  # a few already expired
        )
    loaded = Article.objects.for_detail().get(pk=article.pk)
    on_postgresql = related._picks_and_closest_on_postgresql(loaded, 10, NOW)  # no picks
    assert on_postgresql == related.closest_by_tags(loaded, 10, now=NOW)
    assert len(on_postgresql) == 10
