"""Receivers that keep the search index in step with articles and their tags.

- Article saved: its entry is rebuilt (title, texts, date, section).
- A byline added, changed or removed: the article's entry is rebuilt (author filter).
- Tags changed through ``article.tags.add/set/remove/clear`` (the admin saves tags
  this way, after the article): taggit sends m2m_changed around the change; the
  entry is rebuilt once, after it. The TaggedItem rows it creates or deletes on the
  way are ignored meanwhile.
- TaggedItem rows created or deleted directly: the article's entry is rebuilt.
- A tag renamed: every article carrying it is re-indexed. A tag deleted: same,
  once its rows are gone.

Bulk loads (bulk_create, queryset.update) send no signal: run
``manage.py rebuild_search_index`` after them.
"""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor
from search import indexing

_local = threading.local()


def _suspended():
    """Article ids whose tags are being changed as a batch (indexed once, at the end)."""
    if not hasattr(_local, "ids"):
        _local.ids = set()
    return _local.ids


def _deleting():
    """Article ids being deleted: their bylines and tags go first, and must not
    re-create the entry that the deletion removes."""
    if not hasattr(_local, "deleting"):
        _local.deleting = set()
    return _local.deleting


def _refresh(ids):
    indexing.refresh(set(ids) - _deleting())


def _is_article_item(item):
    return item.content_type_id == ContentType.objects.get_for_model(Article).pk


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance, **kwargs):
    _refresh([instance.pk])


@receiver(pre_delete, sender=Article, dispatch_uid="search_article_deleting")
def article_deleting(sender, instance, **kwargs):
    _deleting().add(instance.pk)


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance, **kwargs):
    _deleting().discard(instance.pk)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_byline_deleted")
def byline_changed(sender, instance, **kwargs):
    _refresh([instance.article_id])


@receiver(m2m_changed, sender=TaggedItem, dispatch_uid="search_article_tags_changed")
def article_tags_changed(sender, instance, action, **kwargs):
    if not isinstance(instance, Article):
        return
    if action.startswith("pre_"):
        _suspended().add(instance.pk)
    else:
        _suspended().discard(instance.pk)
        _refresh([instance.pk])


@receiver(post_save, sender=TaggedItem, dispatch_uid="search_tagged_item_saved")
@receiver(post_delete, sender=TaggedItem, dispatch_uid="search_tagged_item_deleted")
def tagged_item_changed(sender, instance, **kwargs):
    if _is_article_item(instance) and instance.object_id not in _suspended():
        _refresh([instance.object_id])


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def tag_saved(sender, instance, created, **kwargs):
    if not created:
        indexing.refresh_tagged_with(instance.pk)


@receiver(pre_delete, sender=Tag, dispatch_uid="search_tag_deleting")
def tag_deleting(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(Article)
    ids = set(
        TaggedItem.objects.filter(tag=instance, content_type=content_type).values_list(
            "object_id", flat=True
        )
    )
    instance._search_article_ids = ids
    _suspended().update(ids)


@receiver(post_delete, sender=Tag, dispatch_uid="search_tag_deleted")
def tag_deleted(sender, instance, **kwargs):
    ids = getattr(instance, "_search_article_ids", set())
    _suspended().difference_update(ids)
    _refresh(ids)
