"""Related articles under an article: editor picks first, then the closest by tags.

``related_articles(article)`` returns up to ``RELATED_LIMIT`` published articles, ready
for article cards (``for_listing()``):

1. the articles an editor picked (``Article.related_articles``), in the order they were
   added, if readers may see them right now;
2. completed by the published articles sharing the most tags with this one, the most
   recent first among equals, among each tag's ``CANDIDATES_PER_TAG`` most recent
   articles (listing entries: an index range per tag, never a scan of the table).

At most three queries whatever the number of articles and tags, plus the listing's
bylines: picks, candidates ranked by shared tags (one GROUP BY over the listing entries
of this article's tags; on PostgreSQL both in one query), then the listing itself,
loaded through ``Article.objects.published()``. ``article.tags.all()`` must be
prefetched (``for_detail()`` does).
"""

from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from articles.listings import in_any, visible_entries_sql
from articles.models import Article, ListingEntry

RELATED_LIMIT = 4
# Per tag of the article, how many of its most recent articles compete. An article
# sharing several tags is counted on each (within this bound); older ones sharing a tag
# only compete if the tag has fewer recent articles.
CANDIDATES_PER_TAG = 50


def editor_picks(article, published, limit):
    """Primary keys of the editor's picks that readers may see, in the order they were added."""
    through = Article.related_articles.through
    return list(
        through.objects.filter(from_article_id=article.pk, to_article__in=published)
        .exclude(to_article_id=article.pk)
        .order_by("pk")
        .values_list("to_article_id", flat=True)[:limit]
    )


def closest_by_tags(article, limit, exclude=(), now=None):
    """Primary keys of published articles sharing the most tags with ``article``.

    Ties go to the most recent. One query over listing entries: for each of the
    article's tags, only its ``CANDIDATES_PER_TAG`` most recent visible articles are
    candidates (an index range each, LIMITed); their shared tags are then counted among
    those entries. The work is bounded by tags × candidates, whatever the table's size.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched: no query
    if not tag_ids or limit <= 0:
        return []
    now = now or timezone.now()
    visible = ListingEntry.objects.visible(now).exclude(article_id__in=[article.pk, *exclude])
    per_tag = [
        visible.filter(tag_id=tag_id).article_ids()[:CANDIDATES_PER_TAG] for tag_id in tag_ids
    ]
    ranked = (
        ListingEntry.objects.filter(in_any("article_id", per_tag), tag_id__in=tag_ids)
        .values("article_id")
        .annotate(shared=Count("pk"), latest=Max("published_at"))
        .order_by("-shared", "-latest", "-article_id")
        .values_list("article_id", flat=True)
    )
    return list(ranked[:limit])


# closest_by_tags for PostgreSQL, with the tags as an array: one LATERAL index range per
# tag instead of one subquery per tag, so its text (and plan) is the same whatever the
# number of tags, and building it costs nothing. Visibility comes from the ORM's own
# predicate (ListingEntry.objects.visible), compiled in place.
_CLOSEST_SQL = """
SELECT e.article_id
FROM {table} e
WHERE e.tag_id = ANY(%s) AND e.article_id IN (
    SELECT c.article_id
    FROM unnest(%s::bigint[]) AS t(tag_id)
    CROSS JOIN LATERAL (
        SELECT {table}.article_id FROM {table}
        WHERE {table}.tag_id = t.tag_id AND ({visible}) AND NOT ({table}.article_id = ANY(%s))
        ORDER BY {table}.published_at DESC, {table}.article_id DESC
        LIMIT %s
    ) c
)
GROUP BY e.article_id
ORDER BY COUNT(*) DESC, MAX(e.published_at) DESC, e.article_id DESC
LIMIT %s
"""


# PostgreSQL: the editor's picks (those with a visible listing entry) and the closest by
# tags in one round trip, each an array in its order. The closest are asked for ``limit``
# more than needed, so that picks found among them still leave enough. Picks are checked
# again on the article itself when the cards are loaded through published().
_PICKS_AND_CLOSEST_SQL = """
SELECT ARRAY(
    SELECT r.to_article_id FROM {through} r
    WHERE r.from_article_id = %s AND r.to_article_id <> %s AND EXISTS (
        SELECT 1 FROM {table} WHERE {table}.article_id = r.to_article_id AND ({visible}))
    ORDER BY r.id LIMIT %s
), ARRAY({closest})
"""


def _picks_and_closest_on_postgresql(article, limit, now):
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched: no query
    visible, visible_params = visible_entries_sql(now)
    quote = connection.ops.quote_name
    table = quote(ListingEntry._meta.db_table)
    sql = _PICKS_AND_CLOSEST_SQL.format(
        through=quote(Article.related_articles.through._meta.db_table),
        table=table,
        visible=visible,
        closest=_CLOSEST_SQL.format(table=table, visible=visible),
    )
    params = [article.pk, article.pk, *visible_params, limit]
    params += [tag_ids, tag_ids, *visible_params, [article.pk], CANDIDATES_PER_TAG, 2 * limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        picks, closest = cursor.fetchone()
    return (picks + [pk for pk in closest if pk not in picks])[:limit]


def related_articles(article, limit=RELATED_LIMIT, now=None):
    """The related articles to show under ``article``, best first (a list)."""
    now = now or timezone.now()
    published = Article.objects.published(now)
    if connection.vendor == "postgresql" and limit > 0:
        ids = _picks_and_closest_on_postgresql(article, limit, now)
    else:
        ids = editor_picks(article, published, limit)
        ids += closest_by_tags(article, limit - len(ids), exclude=ids, now=now)
    if not ids:
        return []
    by_pk = published.filter(pk__in=ids).for_listing().in_bulk()
    return [by_pk[pk] for pk in ids if pk in by_pk]
