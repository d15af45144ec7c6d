"""Related articles under an article: editor picks first, then the closest by tags.

``related_articles(article)`` returns up to ``RELATED_LIMIT`` published articles, ready
for article cards (``for_listing()``):

1. the articles an editor picked (``Article.related_articles``), in the order they were
   added, if readers may see them right now;
2. completed by the published articles sharing the most tags with this one, the most
   recent first among equals.

At most three queries whatever the number of articles and tags, plus the two
prefetches of the listing (bylines, tags): picks, candidates ranked by shared tags
(one GROUP BY over taggit's TaggedItem rows of this article's tags), then the
listing itself. ``article.tags.all()`` must be prefetched (``for_detail()`` does).
"""

from django.db.models import Count
from django.utils import timezone

from articles.models import Article

RELATED_LIMIT = 4


def editor_picks(article, published, limit):
    """Primary keys of the editor's picks that readers may see, in the order they were added."""
    through = Article.related_articles.through
    return list(
        through.objects.filter(from_article_id=article.pk, to_article__in=published)
        .exclude(to_article_id=article.pk)
        .order_by("pk")
        .values_list("to_article_id", flat=True)[:limit]
    )


def closest_by_tags(article, published, limit, exclude=()):
    """Primary keys of published articles sharing the most tags with ``article``.

    Ties go to the most recent. One query: the join goes through taggit's TaggedItem
    (its tag index), counting only this article's tags.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched: no query
    if not tag_ids or limit <= 0:
        return []
    candidates = (
        published.filter(tags__in=tag_ids)
        .exclude(pk__in=[article.pk, *exclude])
        .values("pk")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-published_at", "-pk")
        .values_list("pk", flat=True)
    )
    return list(candidates[:limit])


def related_articles(article, limit=RELATED_LIMIT, now=None):
    """The related articles to show under ``article``, best first (a list)."""
    now = now or timezone.now()
    published = Article.objects.published(now)
    ids = editor_picks(article, published, limit)
    ids += closest_by_tags(article, published, limit - len(ids), exclude=ids)
    if not ids:
        return []
    by_pk = published.filter(pk__in=ids).for_listing().in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]
