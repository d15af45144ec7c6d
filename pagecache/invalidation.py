"""Invalidation from the model layer: whatever saves (admin, calendar, workflow, revision
restore, management commands, the shell), the same receivers bump the same keys.

- Article: a save or deletion matters when the article was or is live (scheduled or
  published, not in the trash); it bumps the article, its old and new sections and their
  ancestors' lists, its tags' and authors' lists, the articles that pick it as related,
  home, feeds, sitemaps and the schedule. A draft's save changes nothing public.
  ``queryset.update()`` and ``bulk_create()`` send no post_save: ArticleQuerySet sends
  ``rows_changing``/``rows_changed`` around them (articles.models.articles), received here;
  a bulk_create bumps "all" (generate_articles loads thousands of rows).
- Tags added or removed (m2m_changed, TaggedItem rows, tag merge), bylines, related picks,
  resources and public updates: their article and lists, if the article is live.
- Section (rename, move), Tag (rename, merge, delete), Author, Image, CallToAction,
  Redirect: the keys of the pages that show them.

Each bump happens at once and again in transaction.on_commit: a reader that rendered
between the save and the commit read the old rows under the new versions; the second
bump invalidates what it stored. The CDN is told in on_commit (pagecache.purge).
"""

from django.db import transaction

from pagecache import keys
from pagecache.store import Store

_store = Store()


def bump(dep_keys):
    dep_keys = frozenset(dep_keys)
    if not dep_keys:
        return
    if keys.ALL in dep_keys:
        # Every entry depends on "all": the other keys would add nothing but writes (a
        # bulk load names thousands; files list their folder on each one). "schedule" is
        # no entry's dependency: it dates the cached next boundary, and must move too.
        dep_keys = dep_keys & {keys.ALL, keys.SCHEDULE}
    _store.bump(dep_keys)
    transaction.on_commit(lambda: _after_commit(dep_keys))


def _after_commit(dep_keys):
    from pagecache import purge

    _store.bump(dep_keys)
    purge.purge(dep_keys)


def _is_live(status, deleted_at):
    from articles.models import LIVE_STATUSES

    return status in LIVE_STATUSES and deleted_at is None


def article_keys(rows):
    """Keys shown by the articles ``rows`` = [(pk, section_id), …], in four queries."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    from articles.models import Article, ArticleAuthor, Section

    pks = {pk for pk, _ in rows}
    if not pks:
        return set()
    found = {keys.HOME, keys.FEEDS, keys.SITEMAPS, keys.SCHEDULE}
    found |= {keys.article(pk) for pk in pks}
    section_ids = {section_id for _, section_id in rows if section_id is not None}
    paths = Section.objects.filter(pk__in=section_ids).values_list("path", flat=True)
    prefixes = {"/".join(p.split("/")[: i + 1]) for p in paths for i in range(p.count("/") + 1)}
    found |= {
        keys.section_list(pk)
        for pk in Section.objects.filter(path__in=prefixes).values_list("pk", flat=True)
    }
    found |= {keys.section_list(pk) for pk in section_ids}
    content_type = ContentType.objects.get_for_model(Article)
    found |= {
        keys.tag_list(tag_id)
        for tag_id in TaggedItem.objects.filter(
            content_type=content_type, object_id__in=pks
        ).values_list("tag_id", flat=True)
    }
    found |= {
        keys.author_list(author_id)
        for author_id in ArticleAuthor.objects.filter(article_id__in=pks).values_list(
            "author_id", flat=True
        )
    }
    picks = Article.related_articles.through.objects.filter(to_article_id__in=pks)
    found |= {keys.article(pk) for pk in picks.values_list("from_article_id", flat=True)}
    return found


def live_rows(pks):
    """[(pk, section_id)] of the articles among ``pks`` that are live now."""
    from articles.models import LIVE_STATUSES, Article

    return list(
        Article.all_objects.filter(
            pk__in=pks, status__in=LIVE_STATUSES, deleted_at__isnull=True
        ).values_list("pk", "section_id")
    )


def article_is_live(pk):
    return bool(live_rows([pk]))


# --- Article ------------------------------------------------------------------------


def article_saving(sender, instance, raw=False, **kwargs):
    instance._pagecache_before = None
    if instance.pk is not None and not raw:
        from articles.models import Article

        instance._pagecache_before = (
            Article.all_objects.filter(pk=instance.pk)
            .values_list("status", "deleted_at", "section_id")
            .first()
        )


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_pagecache_before", None)
    rows = []
    if before is not None and _is_live(before[0], before[1]):
        rows.append((instance.pk, before[2]))
    if _is_live(instance.status, instance.deleted_at):
        rows.append((instance.pk, instance.section_id))
    if rows:
        bump(article_keys(rows))


def article_deleting(sender, instance, **kwargs):
    # Before the cascade takes its tags and bylines away.
    live = _is_live(instance.status, instance.deleted_at)
    instance._pagecache_keys = article_keys([(instance.pk, instance.section_id)]) if live else ()


def article_deleted(sender, instance, **kwargs):
    bump(getattr(instance, "_pagecache_keys", ()))


def rows_changing(sender, pks, state, **kwargs):
    state["pagecache_keys"] = article_keys(live_rows(pks))


def rows_changed(sender, pks, state=None, created=False, **kwargs):
    if created:
        # New rows may be on any list: everything (and no query to name their keys).
        bump({keys.ALL, keys.SCHEDULE})
        return
    found = set((state or {}).get("pagecache_keys", ()))
    found |= article_keys(live_rows(pks))
    bump(found)


def article_tags_changed(sender, instance, action, pk_set, model, **kwargs):
    from articles.models import Article

    if not isinstance(instance, Article) or not action.startswith(("post_", "pre_clear")):
        return
    if not _is_live(instance.status, instance.deleted_at):
        return
    if action == "pre_clear":
        pk_set = set(instance.tags.values_list("pk", flat=True))
    elif action == "post_clear":
        return
    found = {keys.article(instance.pk), keys.SITEMAPS, keys.FEEDS}
    bump(found | {keys.tag_list(pk) for pk in pk_set or ()})


def related_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_live(instance.status, instance.deleted_at):
        bump({keys.article(instance.pk)})


# --- What articles show -------------------------------------------------------------


def _old_value(sender, instance, field):
    """The stored value of ``field`` before this save (None for a new row)."""
    if instance.pk is None:
        return None
    return sender._base_manager.filter(pk=instance.pk).values_list(field, flat=True).first()


def tagged_item_saving(sender, instance, raw=False, **kwargs):
    instance._pagecache_old_tag = None if raw else _old_value(sender, instance, "tag_id")


def tagged_item_changed(sender, instance, **kwargs):
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article

    if instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return
    if not article_is_live(instance.object_id):
        return
    tag_ids = {instance.tag_id, getattr(instance, "_pagecache_old_tag", None)} - {None}
    found = {keys.article(instance.object_id), keys.SITEMAPS, keys.FEEDS}
    bump(found | {keys.tag_list(pk) for pk in tag_ids})


def byline_saving(sender, instance, raw=False, **kwargs):
    instance._pagecache_old_author = None if raw else _old_value(sender, instance, "author_id")


def byline_changed(sender, instance, **kwargs):
    if not article_is_live(instance.article_id):
        return
    author_ids = {instance.author_id, getattr(instance, "_pagecache_old_author", None)} - {None}
    found = {keys.article(instance.article_id), keys.SITEMAPS, keys.FEEDS}
    bump(found | {keys.author_list(pk) for pk in author_ids})


def article_part_changed(sender, instance, **kwargs):
    """A resource or a public update shown under its article."""
    if article_is_live(instance.article_id):
        bump({keys.article(instance.article_id)})
