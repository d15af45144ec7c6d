"""Listing entries: one row per (approved article, list it appears on), keyed for index order.

Section, tag and author pages, the home blocks and related articles read
``ListingEntry`` rows instead of the article table: each list is one index range,
already in the page's order (``published_at`` then article, newest first), so a page,
its count and its offset are index-only scans whatever the size of the table.

What is copied is only what decides visibility (``published_at``, ``unpublish_at``):
visibility is still decided at read time against ``now``, so a scheduled article
appears at its minute and an expired one disappears with no job. Only approved
articles (status scheduled or published, not in the trash, with a date) have rows.
Lists then load their articles through ``Article.objects.published()``, so an entry
that were ever stale could hide an article, never show one readers may not see.

An article has a row for its section and for each ancestor section (a section page
lists its whole branch), one per tag, one per signing author.

``refresh_listing_entries(ids)`` rebuilds the rows of those articles from the source
tables, in five queries whatever their number; it is called on every write path:
Article.save and ArticleQuerySet.update (articles.models.articles), bylines and tags
(articles.listing_signals), section moves (Section.save), bulk loads
(generate_articles) and the migration that created the table.
"""

from django.db import connections, models, transaction

# Portable SQL (SQLite and PostgreSQL): one INSERT … SELECT per kind of list.
_INSERT = (
    "INSERT INTO {entry} (article_id, section_id, tag_id, author_id, published_at, unpublish_at) "
)
_APPROVED = (
    "a.status IN ({statuses}) AND a.deleted_at IS NULL "
    "AND a.published_at IS NOT NULL AND a.id IN ({ids})"
)
_SECTIONS = (
    _INSERT + "SELECT a.id, anc.id, NULL, NULL, a.published_at, a.unpublish_at "
    "FROM {article} a JOIN {section} s ON s.id = a.section_id "
    # The section itself and every ancestor: paths that are a prefix of its own.
    "JOIN {section} anc ON (anc.path = s.path "
    "OR substr(s.path, 1, length(anc.path) + 1) = anc.path || '/') "
    "WHERE " + _APPROVED
)
_TAGS = (
    _INSERT + "SELECT a.id, NULL, t.tag_id, NULL, a.published_at, a.unpublish_at "
    "FROM {article} a JOIN {tagged} t ON t.object_id = a.id AND t.content_type_id = %s "
    "WHERE " + _APPROVED
)
_AUTHORS = (
    # One byline per (article, author) (byline_unique_author): no duplicate rows.
    _INSERT + "SELECT a.id, NULL, NULL, b.author_id, a.published_at, a.unpublish_at "
    "FROM {article} a JOIN {byline} b ON b.article_id = a.id "
    "WHERE " + _APPROVED
)
# Rows per statement: far under SQLite's and PostgreSQL's parameter limits.
CHUNK = 2000


def refresh_listing_entries(article_ids, using="default"):
    """Rebuild the listing entries of these articles (ids; any that no longer exist or
    are not approved simply get none)."""
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    if not ids:
        return
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    from articles.models.articles import LIVE_STATUSES, Article, ArticleAuthor
    from articles.models.sections import Section

    connection = connections[using]
    qn = connection.ops.quote_name
    names = {
        "entry": qn(ListingEntry._meta.db_table),
        "article": qn(Article._meta.db_table),
        "section": qn(Section._meta.db_table),
        "tagged": qn(TaggedItem._meta.db_table),
        "byline": qn(ArticleAuthor._meta.db_table),
    }
    statuses = [status.value for status in LIVE_STATUSES]
    names["statuses"] = ", ".join(["%s"] * len(statuses))
    content_type = ContentType.objects.db_manager(using).get_for_model(Article).pk
    with transaction.atomic(using=using):
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            ListingEntry.objects.using(using).filter(article_id__in=chunk).delete()
            with connection.cursor() as cursor:
                params = [*statuses, *chunk]
                cursor.execute(_SECTIONS.format(ids=placeholders, **names), params)
                cursor.execute(_TAGS.format(ids=placeholders, **names), [content_type, *params])
                cursor.execute(_AUTHORS.format(ids=placeholders, **names), params)


def _visible_at(now):
    return (models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)) & models.Q(
        published_at__lte=now
    )


class ListingEntryQuerySet(models.QuerySet):
    def visible(self, now):
        """Entries readers may see at ``now``, newest first (the lists' order)."""
        return self.filter(_visible_at(now)).order_by("-published_at", "-article_id")

    def article_ids(self):
        return self.values_list("article_id", flat=True)


class ListingEntry(models.Model):
    """An approved article on one list: its section's (or an ancestor's), a tag's or an
    author's. Exactly one of section, tag, author is set."""

    # The article's own index serves the rebuild of its entries (every write path);
    # section, tag and author are served by the list indexes below.
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "articles.Section", null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    tag = models.ForeignKey(
        "taggit.Tag", null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    author = models.ForeignKey(
        "authors.Author", null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    published_at = models.DateTimeField("publié le")
    unpublish_at = models.DateTimeField("dépublier le", null=True)

    objects = ListingEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée de liste"
        verbose_name_plural = "entrées de liste"
        # Derived data, written by code only: no staff permission to grant.
        default_permissions = ()
        # Keys: the list, then its order; unpublish_at last so that the visibility test
        # is read from the index too (index-only scans, counts included).
        indexes = [
            # Section pages (the whole branch) and the home page's per-section blocks.
            models.Index(
                models.F("section"),
                models.F("published_at").desc(),
                models.F("article").desc(),
                models.F("unpublish_at"),
                condition=models.Q(section__isnull=False),
                name="listing_section_idx",
            ),
            # Tag pages and related articles (the latest candidates per tag).
            models.Index(
                models.F("tag"),
                models.F("published_at").desc(),
                models.F("article").desc(),
                models.F("unpublish_at"),
                condition=models.Q(tag__isnull=False),
                name="listing_tag_idx",
            ),
            # Author pages.
            models.Index(
                models.F("author"),
                models.F("published_at").desc(),
                models.F("article").desc(),
                models.F("unpublish_at"),
                condition=models.Q(author__isnull=False),
                name="listing_author_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(section__isnull=False, tag__isnull=True, author__isnull=True)
                    | models.Q(section__isnull=True, tag__isnull=False, author__isnull=True)
                    | models.Q(section__isnull=True, tag__isnull=True, author__isnull=False)
                ),
                name="listing_one_list",
            ),
        ]

    def __str__(self):
        return f"{self.article_id} @ {self.section_id or self.tag_id or self.author_id}"


def rebuild_all_listing_entries(using="default"):
    """Every article's entries, from scratch (the migration that adds the table)."""
    from articles.models.articles import Article

    ids = list(Article.all_objects.using(using).values_list("pk", flat=True))
    ListingEntry.objects.using(using).all().delete()
    refresh_listing_entries(ids, using=using)
