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
from django.http import Http404
from django.utils import timezone

from articles.models import Article, ListingEntry

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
    the list's order): the count is an index-only scan of the list, a page is one query
    whose ids are the entries' slice, at any depth; no sort, no scan of the article table.
    Articles are loaded through ``Article.objects.published(now)``: visibility is checked
    again on the article itself.
    """

    def __init__(self, entries, now=None):
        self.now = now or timezone.now()
        self.entries = entries.visible(self.now)

    def count(self):
        return self.entries.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        ids = self.entries.article_ids()[item]
        return list(Article.objects.published(self.now).filter(pk__in=ids).for_listing())


def section_articles(section, now=None):
    """The section's branch (the section and every section below it), newest first."""
    return ListedArticles(ListingEntry.objects.filter(section=section), now)


def tag_articles(tag, now=None):
    return ListedArticles(ListingEntry.objects.filter(tag=tag), now)


def author_articles(author, now=None):
    return ListedArticles(ListingEntry.objects.filter(author=author), now)


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
    visible = ListingEntry.objects.visible(now).exclude(article_id__in=featured_ids)
    per_block = [visible.filter(section=top).article_ids()[:per_section] for top in top_level]
    if not featured_ids and not per_block:
        return [], []
    # The featured ids as one more part of the union: an OR beside it would make
    # PostgreSQL scan the table (150 ms at 100 000 articles).
    parts = per_block
    if featured_ids:
        featured = Article.objects.filter(pk__in=featured_ids).values_list("pk", flat=True)
        parts = [featured, *per_block]
    cards = list(published.filter(in_any("pk", parts)).for_listing())

    by_pk = {article.pk: article for article in cards}
    featured = [by_pk[pk] for pk in featured_ids if pk in by_pk]
    by_root = defaultdict(list)
    for article in cards:
        if article.pk not in featured_ids:
            by_root[article.section.root_id or article.section_id].append(article)
    blocks = [(top, by_root[top.pk]) for top in top_level if by_root[top.pk]]
    return featured, blocks
