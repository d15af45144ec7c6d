"""Keeping SearchEntry rows in step with articles.

``refresh(ids)`` re-indexes some articles (signals call it on every save and tag
change); ``rebuild()`` re-indexes them all (after bulk loads, which send no signal).
On PostgreSQL both are one set-based ``INSERT … SELECT … ON CONFLICT`` per batch;
on SQLite the text is folded in Python.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from taggit.models import Tag, TaggedItem

from articles.models import Article
from search.models import SearchEntry
from search.normalize import fold, html_to_text

CONFIG = "french_unaccent"
REBUILD_BATCH = 5000

# Tags removed from an article body (sanitised HTML), then the entities nh3 writes.
PLAIN_BODY_SQL = """replace(replace(replace(replace(replace(
    regexp_replace({body}, '<[^>]*>', ' ', 'g'),
    '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')"""

# search.normalize.fold() in SQL: lower-case ASCII words, a space at each end.
FOLD_SQL = """' ' || coalesce(nullif(btrim(regexp_replace(lower(unaccent({text})),
    '[^a-z0-9]+', ' ', 'g')), '') || ' ', '')"""

UPSERT_SQL = """
INSERT INTO {entry} (article_id, vector, text, title_text, published_at, section_id)
SELECT a.id,
       setweight(to_tsvector('{config}', a.title), 'A')
       || setweight(to_tsvector('{config}', a.standfirst || ' ' || coalesce(t.names, '')), 'B')
       || setweight(to_tsvector('{config}', b.plain), 'C'),
       {fold_all},
       {fold_title},
       a.published_at,
       a.section_id
FROM {article} a
CROSS JOIN LATERAL (SELECT {plain_body} AS plain) b
LEFT JOIN LATERAL (
    SELECT string_agg(tag.name, ' ' ORDER BY tag.name) AS names
    FROM {tagged} ti JOIN {tag} tag ON tag.id = ti.tag_id
    WHERE ti.content_type_id = %(content_type)s AND ti.object_id = a.id
) t ON true
WHERE {where}
ON CONFLICT (article_id) DO UPDATE SET
    vector = EXCLUDED.vector, text = EXCLUDED.text, title_text = EXCLUDED.title_text,
    published_at = EXCLUDED.published_at, section_id = EXCLUDED.section_id
"""


def _upsert_sql(where):
    qn = connection.ops.quote_name
    return UPSERT_SQL.format(
        entry=qn(SearchEntry._meta.db_table),
        article=qn(Article._meta.db_table),
        tagged=qn(TaggedItem._meta.db_table),
        tag=qn(Tag._meta.db_table),
        config=CONFIG,
        plain_body=PLAIN_BODY_SQL.format(body="a.body"),
        fold_all=FOLD_SQL.format(
            text="a.title || ' ' || a.standfirst || ' ' || coalesce(t.names, '') || ' ' || b.plain"
        ),
        fold_title=FOLD_SQL.format(text="a.title"),
        where=where,
    )


def _content_type_id():
    return ContentType.objects.get_for_model(Article).pk


def refresh(article_ids):
    """(Re)index the given articles; ids of deleted articles are simply skipped."""
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    if not ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _upsert_sql("a.id = ANY(%(ids)s)"),
                {"ids": ids, "content_type": _content_type_id()},
            )
    else:
        _refresh_in_python(ids)


def refresh_tagged_with(tag_id):
    """Re-index every article carrying a tag (after the tag was renamed)."""
    ids = TaggedItem.objects.filter(tag_id=tag_id, content_type_id=_content_type_id()).values_list(
        "object_id", flat=True
    )
    for start in range(0, len(ids := list(ids)), REBUILD_BATCH):
        refresh(ids[start : start + REBUILD_BATCH])


def _refresh_in_python(ids):
    articles = Article.objects.filter(pk__in=ids).only(
        "title", "standfirst", "body", "published_at", "section_id"
    )
    names = {}
    tagged = TaggedItem.objects.filter(content_type_id=_content_type_id(), object_id__in=ids)
    for object_id, name in tagged.order_by("tag__name").values_list("object_id", "tag__name"):
        names.setdefault(object_id, []).append(name)
    entries = [
        SearchEntry(
            article_id=article.pk,
            text=fold(
                " ".join(
                    [
                        article.title,
                        article.standfirst,
                        *names.get(article.pk, []),
                        html_to_text(article.body),
                    ]
                )
            ),
            title_text=fold(article.title),
            published_at=article.published_at,
            section_id=article.section_id,
        )
        for article in articles
    ]
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["text", "title_text", "published_at", "section_id"],
    )


def rebuild(batch_size=REBUILD_BATCH, progress=None):
    """Index every article, batch by batch (each batch its own transaction).

    Returns the number of articles indexed. ``progress(done, total)`` is called
    after each batch.
    """
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    for start in range(0, total, batch_size):
        batch = ids[start : start + batch_size]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        _upsert_sql("a.id BETWEEN %(first)s AND %(last)s"),
                        {
                            "first": batch[0],
                            "last": batch[-1],
                            "content_type": _content_type_id(),
                        },
                    )
            else:
                _refresh_in_python(batch)
        if progress:
            progress(min(start + batch_size, total), total)
    return total
