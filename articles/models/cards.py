"""Bylines (and tags) of a list of articles, one query each (``for_listing()``, ``for_feed()``).

Django's ``prefetch_related`` builds one filtered queryset per article to hold what it
fetched (taggit's costs about a millisecond each): on a page of 20 cards that was more
time than all its SQL. Here each article gets a ``PrefetchedRelation``, a plain list
that ``article.tags.all`` / ``article.bylines.all`` return as they would a prefetched
queryset; anything else asked of it (``filter``, ``values_list``, ``order_by``…) goes to
the real queryset, built only then, so it answers as the related manager would.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F


class PrefetchedRelation(list):
    """Rows already loaded for one article's relation; a queryset for anything else."""

    def __init__(self, rows, queryset_factory):
        super().__init__(rows)
        self._queryset_factory = queryset_factory

    def all(self):
        return self

    def count(self):
        return len(self)

    def exists(self):
        return bool(self)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._queryset_factory(), name)


def attach_card_relations(articles, relations=("bylines", "tags")):
    """Fill ``bylines`` (with their authors, in order) and, if asked, ``tags`` (by name)
    of these articles: one query each whatever their number."""
    from articles.models.articles import Article, ArticleAuthor

    articles = [a for a in articles if isinstance(a, Article)]
    if not articles:
        return
    ids = [article.pk for article in articles]
    bylines, tags = {}, {}
    for byline in (
        ArticleAuthor.objects.filter(article_id__in=ids)
        .select_related("author")
        .order_by("position", "pk")
    ):
        bylines.setdefault(byline.article_id, []).append(byline)
    if "tags" in relations:
        tags = _tags_by_article(ids)
    # The managers' cache keys: the related name and taggit's field name.
    for article in articles:
        cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
        byline_rows = bylines.get(article.pk, [])
        cache["bylines"] = PrefetchedRelation(byline_rows, _real(article, "bylines"))
        if "tags" in relations:
            cache["tags"] = PrefetchedRelation(tags.get(article.pk, []), _real(article, "tags"))


def _tags_by_article(ids):
    from taggit.models import Tag, TaggedItem

    from articles.models.articles import Article

    tags = {}
    content_type = ContentType.objects.get_for_model(Article)
    # The tags themselves, each with the article it is on: no TaggedItem instance per
    # row, only the Tag the card keeps (and the page cache records).
    links = TaggedItem._meta.get_field("tag").related_query_name()
    for tag in (
        Tag.objects.filter(
            **{f"{links}__content_type": content_type, f"{links}__object_id__in": ids}
        )
        .annotate(_card_article_id=F(f"{links}__object_id"))
        .order_by("name", "pk")
    ):
        tags.setdefault(tag._card_article_id, []).append(tag)
    return tags


def _real(article, cache_name):
    """The relation's own queryset, as if nothing were prefetched."""

    def queryset():
        cache = article._prefetched_objects_cache
        saved = cache.pop(cache_name, None)
        try:
            return getattr(article, cache_name).get_queryset()
        finally:
            if saved is not None:
                cache[cache_name] = saved

    return queryset
