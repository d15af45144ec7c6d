"""Article lists for public pages, each in a fixed number of queries."""

import operator
import re
from collections import defaultdict
from functools import reduce

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404

from articles.models import Article, Section

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


def latest_by_top_level_section(per_section=4, exclude_ids=()):
    """[(top-level section, [articles…]), …] in section order.

    One query for the tree and one for the articles of every block (each block a
    LIMITed subquery), plus its prefetches: the count does not grow with sections.
    """
    sections = list(Section.objects.all())
    top_level = sorted(
        (s for s in sections if s.parent_id is None), key=lambda s: (s.position, s.name)
    )
    branch_ids = defaultdict(list)
    for section in sections:
        branch_ids[section.root_id or section.pk].append(section.pk)

    published = Article.objects.published().exclude(pk__in=list(exclude_ids))
    per_block = [
        published.filter(section_id__in=branch_ids[top.pk]).values_list("pk", flat=True)[
            :per_section
        ]
        for top in top_level
    ]
    if not per_block:
        return []
    # OR of "pk IN (… LIMIT n)": SQLite refuses LIMIT inside a UNION, both accept this.
    in_any_block = reduce(operator.or_, (Q(pk__in=block) for block in per_block))
    articles = Article.objects.filter(in_any_block).for_listing().order_by("-published_at", "-pk")

    by_root = defaultdict(list)
    for article in articles:
        by_root[article.section.root_id or article.section_id].append(article)
    return [(top, by_root[top.pk]) for top in top_level if by_root[top.pk]]
