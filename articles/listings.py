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

from articles.models import Article, ListingEntry, Section

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


def latest_by_top_level_section(per_section=4, exclude_ids=(), now=None):
    """[(top-level section, [articles…]), …] in section order.

    One query for the top-level sections and one for the articles of every block (each
    block a LIMITed range of its section's listing entries), plus its prefetches: the
    count does not grow with sections, nor the work with articles.
    """
    now = now or timezone.now()
    top_level = list(Section.objects.top_level())
    exclude_ids = list(exclude_ids)
    visible = ListingEntry.objects.visible(now).exclude(article_id__in=exclude_ids)
    per_block = [visible.filter(section=top).article_ids()[:per_section] for top in top_level]
    if not per_block:
        return []
    articles = Article.objects.published(now).filter(in_any("pk", per_block)).for_listing()

    by_root = defaultdict(list)
    for article in articles:
        by_root[article.section.root_id or article.section_id].append(article)
    return [(top, by_root[top.pk]) for top in top_level if by_root[top.pk]]
