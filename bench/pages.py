"""The pages the bench measures, picked from the loaded database, and their query counts.

Runs inside Django (bench/run.py sets it up with the server's own settings). Each page is
chosen so that it does real work at 100 000 articles: the largest top-level section (page 1
and page 500, or its last page when it has fewer), the most recent published article with
tags (related articles), the most used tag, a common search word, the main RSS feed.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

DEEP_PAGE = 500
SEARCH_WORDS = "hôpital"


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    # Search stays live (pagecache.middleware): the cached mode measures it uncached too.
    cacheable: bool = True


def largest_top_level_section():
    """(section, published articles in its subtree)."""
    from articles.models import Article, Section

    per_section = dict(
        Article.objects.published()
        .order_by()  # else the default ordering groups by article
        .values("section_id")
        .annotate(n=Count("pk"))
        .values_list("section_id", "n")
    )
    per_root = Counter()
    for section in Section.objects.all():
        per_root[section.root_id or section.pk] += per_section.get(section.pk, 0)
    root_id, count = per_root.most_common(1)[0]
    return Section.objects.get(pk=root_id), count


def pick_pages():
    """[Page…] in the order of the report."""
    from taggit.models import Tag

    from articles.models import Article

    section, in_section = largest_top_level_section()
    last_page = max(1, -(-in_section // settings.ARTICLES_PER_PAGE))
    deep = min(DEEP_PAGE, last_page)
    article = (
        Article.objects.published()
        .filter(tags__isnull=False)
        .order_by("-published_at", "-pk")
        .distinct()
        .first()
    )
    published_ids = Article.objects.published().values("pk")
    tag = (
        Tag.objects.filter(taggit_taggeditem_items__object_id__in=published_ids)
        .annotate(uses=Count("taggit_taggeditem_items"))
        .order_by("-uses", "pk")
        .first()
    )
    section_url = f"/{section.path}/"
    return [
        Page("accueil", "/"),
        Page(f"rubrique, page 1 ({in_section} articles)", section_url),
        Page(f"rubrique, page {deep}", f"{section_url}?page={deep}"),
        Page("article", article.get_absolute_url()),
        Page("mot-clé", f"/tags/{tag.slug}/"),
        Page("recherche", "/recherche/?" + urlencode({"q": SEARCH_WORDS}), cacheable=False),
        Page("flux RSS", "/flux/"),
    ]


def count_queries(path, host="127.0.0.1", cached=False):
    """SQL queries of one anonymous request, after a warm-up request (first-use lookups
    such as content types are cached per process and would not recur under load).

    cached: with the page cache on, in a cache of this process's own (the warm-up request
    stores the page, the counted one is a hit); otherwise with the page cache off.
    """
    if cached:
        overrides = {"PAGE_CACHE_ENABLED": True, "CACHES": LOCAL_CACHE}
    else:
        overrides = {"PAGE_CACHE_ENABLED": False}
    with override_settings(**overrides):
        return _count(path, host)


# The in-process count must not read entries another site stored in a shared cache.
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _count(path, host):
    client = Client()
    client.get(path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        raise RuntimeError(f"{path} répond {response.status_code}, pas 200")
    return len(captured)
