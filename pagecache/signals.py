"""Receivers for what pages show besides articles, and the wiring of every receiver.

Sections, tags, authors, images, the call-to-action box and redirects bump the keys
of the pages that show them (pagecache.keys); the article receivers are in
pagecache.invalidation, with bump() itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from pagecache import keys
from pagecache.invalidation import (
    article_deleted,
    article_deleting,
    article_part_changed,
    article_saved,
    article_saving,
    article_tags_changed,
    bump,
    byline_changed,
    byline_saving,
    related_changed,
    rows_changed,
    rows_changing,
    tagged_item_changed,
    tagged_item_saving,
)

# --- Other models -------------------------------------------------------------------


def _branch_lists(paths):
    """List keys of the sections at ``paths`` and all their ancestors."""
    from articles.models import Section

    prefixes = {
        "/".join(path.split("/")[: i + 1])
        for path in paths
        if path
        for i in range(path.count("/") + 1)
    }
    pks = Section.objects.filter(path__in=prefixes).values_list("pk", flat=True)
    return {keys.section_list(pk) for pk in pks}


def section_saving(sender, instance, raw=False, **kwargs):
    instance._pagecache_before = None
    if instance.pk is not None and not raw:
        instance._pagecache_before = (
            sender.objects.filter(pk=instance.pk).values_list("parent_id", "path").first()
        )


def section_changed(sender, instance, **kwargs):
    before = getattr(instance, "_pagecache_before", None)
    found = {keys.section(instance.pk), keys.section_list(instance.pk), keys.SITEMAPS}
    found |= {keys.FEEDS, keys.HOME}
    found |= _branch_lists([instance.path, before[1] if before else None])
    # In the menu (articles.navigation), now or before the move: every page shows it.
    from articles.navigation import MENU_DEPTH

    was_in_menu = before is not None and before[1].count("/") <= MENU_DEPTH
    if instance.depth <= MENU_DEPTH or was_in_menu:
        found.add(keys.NAV)
    bump(found)


def tag_changed(sender, instance, created=False, **kwargs):
    if created:  # shown nowhere yet
        return
    found = {keys.tag(instance.pk), keys.tag_list(instance.pk)}
    bump(found | {keys.SITEMAPS, keys.FEEDS})


def author_changed(sender, instance, created=False, **kwargs):
    if created:  # shown nowhere yet
        return
    found = {keys.author(instance.pk), keys.author_list(instance.pk)}
    bump(found | {keys.SITEMAPS, keys.FEEDS})


def image_changed(sender, instance, created=False, **kwargs):
    if created:  # shown nowhere yet
        return
    bump({keys.image(instance.pk)})


def call_to_action_changed(sender, instance, **kwargs):
    bump({keys.CTA})


def redirect_changed(sender, instance, **kwargs):
    # A redirect only answers where the site says 404, and 404s are never stored: no
    # page shows it. Bumped for the CDN (purge) and in case a page ever lists them.
    bump({keys.REDIRECTS})


def connect():
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        ArticleAuthor,
        ArticleUpdate,
        CallToAction,
        Resource,
        Section,
    )
    from articles.models.articles import rows_changed as bulk_changed
    from articles.models.articles import rows_changing as bulk_changing
    from authors.models import Author
    from images.models import Image
    from redirects.models import Redirect

    def on(signal, receiver, sender):
        uid = f"pagecache_{receiver.__name__}_{sender.__name__}_{id(signal)}"
        signal.connect(receiver, sender=sender, weak=False, dispatch_uid=uid)

    on(pre_save, article_saving, Article)
    on(post_save, article_saved, Article)
    on(pre_delete, article_deleting, Article)
    on(post_delete, article_deleted, Article)
    on(bulk_changing, rows_changing, Article)
    on(bulk_changed, rows_changed, Article)
    on(m2m_changed, article_tags_changed, Article.tags.through)
    on(m2m_changed, related_changed, Article.related_articles.through)
    on(pre_save, tagged_item_saving, TaggedItem)
    on(pre_save, byline_saving, ArticleAuthor)
    on(pre_save, section_saving, Section)
    for signal in (post_save, post_delete):
        on(signal, tagged_item_changed, TaggedItem)
        on(signal, byline_changed, ArticleAuthor)
        on(signal, article_part_changed, Resource)
        on(signal, article_part_changed, ArticleUpdate)
        on(signal, section_changed, Section)
        on(signal, tag_changed, Tag)
        on(signal, author_changed, Author)
        on(signal, image_changed, Image)
        on(signal, call_to_action_changed, CallToAction)
        on(signal, redirect_changed, Redirect)
