"""Article lists for public pages, each in a fixed number of queries, each from an index.

Section, tag and author pages and the home blocks read listing entries
(articles.models.listing_entries): one index range per list, in the list's order.
"""

import operator
import re
from collections import defaultdict
from functools import reduce

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from articles.models import Article, ListingEntry
from pagecache import keys as cache_keys
from pagecache.counts import cached_count

# ASCII digits only: str.isdigit() accepts "²", which int() refuses.
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def paginate(request, queryset, per_page=None):
    """The requested page of ``queryset``; a page that is not a number or out of range is a 404."""
    raw = request.GET.get("page") or "1"
    if not PAGE_NUMBER.fullmatch(raw):
        raise Http404("Cette page n'existe pas.")
    paginator = Paginator(queryset, per_page or settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(int(raw))
    except InvalidPage:
        raise Http404("Cette page n'existe pas.") from None


class ListedArticles:
    """The articles of one list (a section's branch, a tag, an author), for the paginator.

    Count and slices come from the list's listing entries (one index range, already in
    the list's order): the count is an index-only scan of the list, kept in the cache
    until the list changes (pagecache.counts), a page is one query
    whose ids are the entries' slice, at any depth; no sort, no scan of the article table.
    Articles are loaded through ``Article.objects.published(now)``: visibility is checked
    again on the article itself.
    """

    def __init__(self, entries, dep, now=None):
        self.now = now or timezone.now()
        self.entries = entries.visible(self.now)
        self.dep = dep  # the list's page-cache key: its count is kept until it changes

    def count(self):
        return cached_count(self.dep, self.entries.count, self.now)

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        ids = self.entries.article_ids()[item]
        return list(Article.objects.published(self.now).filter(pk__in=ids).for_listing())


def section_articles(section, now=None):
    """The section's branch (the section and every section below it), newest first."""
    entries = ListingEntry.objects.filter(section=section)
    return ListedArticles(entries, cache_keys.section_list(section.pk), now)


def tag_articles(tag, now=None):
    return ListedArticles(ListingEntry.objects.filter(tag=tag), cache_keys.tag_list(tag.pk), now)


def author_articles(author, now=None):
    entries = ListingEntry.objects.filter(author=author)
    return ListedArticles(entries, cache_keys.author_list(author.pk), now)


def in_any(field, limited):
    """Q: ``field`` is in one of the ``limited`` querysets (each sliced, e.g. [:4]).

    PostgreSQL: one ``IN (… LIMIT n UNION ALL … LIMIT n)``, each part an index range;
    an OR of IN subqueries would make it scan the whole table. SQLite refuses LIMIT
    inside a UNION: an OR of "IN (… LIMIT n)" there (small databases).
    """
    limited = list(limited)
    if connection.features.supports_slicing_ordering_in_compound:
        return Q(**{f"{field}__in": limited[0].union(*limited[1:], all=True)})
    return reduce(operator.or_, (Q(**{f"{field}__in": each}) for each in limited))


def visible_entries_sql(now):
    """(SQL, params): the ORM's own predicate of ``ListingEntry.objects.visible(now)``,
    compiled in place, for the PostgreSQL queries written by hand (blocks, related)."""
    query = ListingEntry.objects.visible(now).query
    return query.where.as_sql(query.get_compiler(connection=connection), connection)


# PostgreSQL: the featured ids, then each block's latest entries (one LATERAL index range
# per top-level section, the sections as an array), as one subquery of the cards' query.
# Its text is the same whatever the number of sections, and building it costs nothing,
# where the ORM's UNION of one subquery per block cost ~1 ms of Python a page.
_HOME_IDS_SQL = """
SELECT unnest(%s::bigint[])
UNION ALL
SELECT c.article_id FROM unnest(%s::bigint[]) AS s(section_id)
CROSS JOIN LATERAL (
    SELECT {table}.article_id FROM {table}
    WHERE {table}.section_id = s.section_id AND ({visible})
        AND NOT ({table}.article_id = ANY(%s))
    ORDER BY {table}.published_at DESC, {table}.article_id DESC
    LIMIT %s
) c
"""


def _home_ids_on_postgresql(featured_ids, top_level, per_section, now):
    visible, params = visible_entries_sql(now)
    sql = _HOME_IDS_SQL.format(
        table=connection.ops.quote_name(ListingEntry._meta.db_table), visible=visible
    )
    sections = [top.pk for top in top_level]
    # Our SQL text, every value a parameter.
    return RawSQL(sql, [featured_ids, sections, *params, featured_ids, per_section])  # noqa: S611


def home_articles(top_level, featured_count, per_section=4, now=None):
    """(featured articles, [(top-level section, [articles…]), …]) for the home page.

    The featured ids first (one small query), then every card of the page in one query:
    the featured articles and each block's latest articles (each block a LIMITed range
    of its section's listing entries, the featured ones left out), plus the cards' two
    prefetches. ``top_level``: the top-level sections, in order (the menu's, already
    read for this request). The count grows with neither sections nor articles.
    """
    now = now or timezone.now()
    published = Article.objects.published(now)
    featured_ids = list(published.featured().values_list("pk", flat=True)[:featured_count])
    if not featured_ids and not top_level:
        return [], []
    if connection.vendor == "postgresql":
        ids = _home_ids_on_postgresql(featured_ids, top_level, per_section, now)
        cards = list(published.filter(pk__in=ids).for_listing())
    else:
        visible = ListingEntry.objects.visible(now).exclude(article_id__in=featured_ids)
        parts = [visible.filter(section=top).article_ids()[:per_section] for top in top_level]
        # The featured ids as one more part of the union (an OR beside it would make a
        # database scan the table).
        if featured_ids:
            featured = Article.objects.filter(pk__in=featured_ids).values_list("pk", flat=True)
            parts = [featured, *parts]
        cards = list(published.filter(in_any("pk", parts)).for_listing())

    by_pk = {article.pk: article for article in cards}
    featured = [by_pk[pk] for pk in featured_ids if pk in by_pk]
    by_root = defaultdict(list)
    for article in cards:
        if article.pk not in featured_ids:
            by_root[article.section.root_id or article.section_id].append(article)
    blocks = [(top, by_root[top.pk]) for top in top_level if by_root[top.pk]]
    return featured, blocks
