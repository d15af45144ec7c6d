"""Receivers that keep listing entries (articles.models.listing_entries) exact when
bylines or tags change; Article.save, ArticleQuerySet.update and Section.save handle
the article's own fields and section moves.

- A byline added, changed or removed (admin inline, shell): the article's entries.
- Tags changed through ``article.tags.add/set/remove/clear`` (the admin, after the
  article): rebuilt once, after the change; the TaggedItem rows created or deleted on
  the way are ignored meanwhile.
- TaggedItem rows saved or deleted directly (the tag merge, a tag deleted): the article's.
- An article being deleted: its bylines and tags go first and must not re-create the
  entries its deletion removes (they would point at a deleted row).
"""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import TaggedItem

from articles.models import Article, ArticleAuthor, refresh_listing_entries

_local = threading.local()


def _set(name):
    if not hasattr(_local, name):
        setattr(_local, name, set())
    return getattr(_local, name)


def _refresh(ids):
    refresh_listing_entries(set(ids) - _set("deleting") - _set("suspended"))


def article_deleting(sender, instance, **kwargs):
    _set("deleting").add(instance.pk)


def article_deleted(sender, instance, **kwargs):
    _set("deleting").discard(instance.pk)


def byline_changed(sender, instance, **kwargs):
    _refresh([instance.article_id])


def tags_changed(sender, instance, action, **kwargs):
    if not isinstance(instance, Article):
        return
    if action.startswith("pre_"):
        _set("suspended").add(instance.pk)
    else:
        _set("suspended").discard(instance.pk)
        _refresh([instance.pk])


def tagged_item_changed(sender, instance, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        _refresh([instance.object_id])


def connect():
    uid = "listing_entries_"
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid=uid + "article_deleting")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=uid + "article_deleted")
    post_save.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=uid + "byline_saved")
    post_delete.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=uid + "byline_deleted")
    m2m_changed.connect(tags_changed, sender=TaggedItem, dispatch_uid=uid + "tags_changed")
    post_save.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid=uid + "item_saved")
    post_delete.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid=uid + "item_deleted")
