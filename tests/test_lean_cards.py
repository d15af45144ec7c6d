"""Cards' bylines and tags (for_listing): loaded in two queries, and still the article's own
when code asks more of them than ``.all()`` (articles.models.cards)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from authors.models import Author


def test_feed_items_get_bylines_in_order_and_tags_by_name_without_more_queries(
    make_article, author
):
    other = Author.objects.create(name="Paul Martin", job_title="Pigiste")
    first = make_article(authors=[other, author], tags=["Ondam", "Hôpital"])
    second = make_article(tags=["PLFSS"])
    with CaptureQueriesContext(connection) as ctx:
        cards = {a.pk: a for a in Article.objects.filter(pk__in=[first.pk, second.pk]).for_feed()}
        shown = {
            pk: ([b.author.name for b in a.bylines.all()], [t.name for t in a.tags.all()])
            for pk, a in cards.items()
        }
    assert len(ctx.captured_queries) == 3  # articles, bylines, tags
    assert shown[first.pk] == (["Paul Martin", "Claire Dubois"], ["Hôpital", "Ondam"])
    assert shown[second.pk] == (["Claire Dubois"], ["PLFSS"])


def test_cards_get_their_bylines_in_one_query_and_no_tags_they_do_not_show(make_article, author):
    other = Author.objects.create(name="Paul Martin", job_title="Pigiste")
    first = make_article(authors=[other, author], tags=["Ondam", "Hôpital"])
    second = make_article(tags=["PLFSS"])
    with CaptureQueriesContext(connection) as ctx:
        cards = list(Article.objects.filter(pk__in=[first.pk, second.pk]).for_listing())
        shown = {a.pk: [b.author.name for b in a.bylines.all()] for a in cards}
    assert len(ctx.captured_queries) == 2  # articles, bylines
    assert shown == {first.pk: ["Paul Martin", "Claire Dubois"], second.pk: ["Claire Dubois"]}
    # Asked anyway, the tags are the article's own (a query, never someone else's).
    card = next(a for a in cards if a.pk == first.pk)
    assert sorted(t.name for t in card.tags.all()) == ["Hôpital", "Ondam"]


def test_asking_more_of_them_queries_the_article_own_rows(make_article, author):
    first = make_article(tags=["Ondam", "Hôpital"])
    make_article(tags=["PLFSS"])
    card = Article.objects.filter(pk=first.pk).for_listing().get()
    assert sorted(card.tags.values_list("name", flat=True)) == ["Hôpital", "Ondam"]
    assert card.tags.count() == 2
    assert list(card.bylines.values_list("author__name", flat=True)) == ["Claire Dubois"]
    assert card.tags.filter(name="PLFSS").exists() is False
