"""Keeping SearchEntry rows in step with articles.

``refresh(ids)`` re-indexes some articles (signals call it on saves, tag and byline
changes); ``rebuild()`` re-indexes them all (after bulk loads, which send no signal).
On PostgreSQL both run one set-based ``INSERT … SELECT … ON CONFLICT DO UPDATE`` per
batch, then copy the ranking columns to SearchHead; on SQLite the text is folded in
Python, the vectors stay NULL and SearchHead stays empty.
"""

from concurrent.futures import ThreadPoolExecutor

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.db.models import F
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor
from search.models import SearchEntry, SearchHead
from search.normalize import fold, html_to_text

CONFIG = "french_unaccent"
REBUILD_BATCH = 2000

# An article body (sanitised HTML) as text: tags removed, then the entities nh3 writes.
PLAIN_BODY_SQL = """replace(replace(replace(replace(replace(
    regexp_replace({body}, '<[^>]*>', ' ', 'g'),
    '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')"""

# search.normalize.fold() in SQL: lower-case ASCII words, a space at each end.
FOLD_SQL = """' ' || coalesce(nullif(btrim(regexp_replace(lower(unaccent({text})),
    '[^a-z0-9]+', ' ', 'g')), '') || ' ', '')"""

UPSERT_SQL = """
INSERT INTO {entry}
    (article_id, vector, terms, head, text, title_text, published_at, section_id)
SELECT a.id,
       v.doc,
       strip(v.doc) || array_to_tsvector(
           ARRAY['s=' || a.section_id] || coalesce(t.tokens, '{{}}') || coalesce(au.tokens, '{{}}')
       ),
       h.head,
       {fold_all},
       {fold_title},
       a.published_at,
       a.section_id
FROM {article} a
CROSS JOIN LATERAL (SELECT {plain_body} AS plain) b
LEFT JOIN LATERAL (
    SELECT string_agg(tag.name, ' ' ORDER BY tag.name) AS names,
           array_agg('t=' || tag.id) AS tokens
    FROM {tagged} ti JOIN {tag} tag ON tag.id = ti.tag_id
    WHERE ti.content_type_id = %(content_type)s AND ti.object_id = a.id
) t ON true
LEFT JOIN LATERAL (
    SELECT array_agg('a=' || byline.author_id) AS tokens
    FROM {byline} byline WHERE byline.article_id = a.id
) au ON true
CROSS JOIN LATERAL (
    SELECT setweight(to_tsvector('{config}', a.title), 'A')
           || setweight(to_tsvector('{config}', a.standfirst || ' ' || coalesce(t.names, '')), 'B')
           AS head
) h
CROSS JOIN LATERAL (
    SELECT h.head || setweight(to_tsvector('{config}', b.plain), 'C') AS doc
) v
WHERE {where}
-- Rows written newest first: the candidates query reads them in that order.
ORDER BY a.published_at DESC NULLS LAST, a.id DESC
ON CONFLICT (article_id) DO UPDATE SET
    vector = EXCLUDED.vector, terms = EXCLUDED.terms, head = EXCLUDED.head,
    text = EXCLUDED.text, title_text = EXCLUDED.title_text,
    published_at = EXCLUDED.published_at, section_id = EXCLUDED.section_id
"""


# The narrow ranking rows (SearchHead), copied from the entries just written: the head
# vector and the entry's filter tokens, the title's lexemes (and the tokens), the folded
# title, the date.
HEAD_UPSERT_SQL = """
INSERT INTO {head} (article_id, head, title_terms, title_text, published_at)
SELECT e.article_id,
       e.head || f.tokens,
       strip(ts_filter(e.head, '{{a}}')) || f.tokens,
       e.title_text,
       e.published_at
FROM {entry} e
CROSS JOIN LATERAL (SELECT array_to_tsvector(ARRAY(
    SELECT token FROM unnest(tsvector_to_array(e.terms)) token WHERE token ~ '^[sta]='
)) AS tokens) f
WHERE {where}
ORDER BY e.published_at DESC NULLS LAST, e.article_id DESC
ON CONFLICT (article_id) DO UPDATE SET
    head = EXCLUDED.head, title_terms = EXCLUDED.title_terms,
    title_text = EXCLUDED.title_text, published_at = EXCLUDED.published_at
"""


def head_upsert_sql(where):
    """SearchHead rows from the SearchEntry rows ``e`` that pass ``where``."""
    qn = connection.ops.quote_name
    return HEAD_UPSERT_SQL.format(
        head=qn(SearchHead._meta.db_table), entry=qn(SearchEntry._meta.db_table), where=where
    )


def _upsert_sql(where):
    qn = connection.ops.quote_name
    return UPSERT_SQL.format(
        entry=qn(SearchEntry._meta.db_table),
        article=qn(Article._meta.db_table),
        tagged=qn(TaggedItem._meta.db_table),
        tag=qn(Tag._meta.db_table),
        byline=qn(ArticleAuthor._meta.db_table),
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
                # Trashed articles stay out of the index (articles.trash).
                _upsert_sql("a.id = ANY(%(ids)s) AND a.deleted_at IS NULL"),
                {"ids": ids, "content_type": _content_type_id()},
            )
            cursor.execute(head_upsert_sql("e.article_id = ANY(%(ids)s)"), {"ids": ids})
    else:
        _refresh_in_python(ids)


def refresh_tagged_with(tag_id):
    """Re-index every article carrying a tag (after the tag was renamed)."""
    tagged = TaggedItem.objects.filter(tag_id=tag_id, content_type_id=_content_type_id())
    ids = list(tagged.values_list("object_id", flat=True))
    for start in range(0, len(ids), REBUILD_BATCH):
        refresh(ids[start : start + REBUILD_BATCH])


def _refresh_in_python(ids):
    articles = Article.objects.filter(pk__in=ids).only(
        "title", "standfirst", "body", "published_at", "section_id"
    )
    names = {}
    tagged = TaggedItem.objects.filter(content_type_id=_content_type_id(), object_id__in=ids)
    for object_id, name in tagged.order_by("tag__name").values_list("object_id", "tag__name"):
        names.setdefault(object_id, []).append(name)
    entries = []
    for article in articles:
        words = [article.title, article.standfirst, *names.get(article.pk, [])]
        entries.append(
            SearchEntry(
                article_id=article.pk,
                text=fold(" ".join([*words, html_to_text(article.body)])),
                title_text=fold(article.title),
                published_at=article.published_at,
                section_id=article.section_id,
            )
        )
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["text", "title_text", "published_at", "section_id"],
    )


def _index_batch(ids):
    with transaction.atomic():
        refresh(ids)


def rebuild(batch_size=REBUILD_BATCH, jobs=1, progress=None):
    """Index every article, batch by batch, each batch its own transaction.

    ``jobs`` > 1 indexes batches in parallel, one database connection each
    (PostgreSQL, outside a transaction; otherwise one at a time). Returns the number
    of articles; ``progress(done, total)`` is called after each batch.
    """
    # Newest first, so that a new table is laid out in the order it is read.
    articles = Article.objects.order_by(F("published_at").desc(nulls_last=True), "-pk")
    ids = list(articles.values_list("pk", flat=True))
    total = len(ids)
    batches = [ids[start : start + batch_size] for start in range(0, total, batch_size)]
    done = 0
    # Other connections would not see an open transaction's rows (a migration, a test).
    if jobs <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        for batch in batches:
            _index_batch(batch)
            done = min(done + batch_size, total)
            if progress:
                progress(done, total)
        return total

    def work(batch):
        try:
            _index_batch(batch)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(work, batches):
            done = min(done + batch_size, total)
            if progress:
                progress(done, total)
    return total
