"""The trash: deleting an article in the admin moves it here instead of losing it.

A trashed article keeps its row, revisions, bylines, tags, resources and files; it only
gets ``deleted_at``/``deleted_by``. The default manager (``Article.objects``) hides it
from every public and staff surface, so nothing else needs to know about the trash.
Editors restore it (articles.admin.trash); ``manage.py purge_trash`` deletes for good
what has been in the trash longer than ``TRASH_RETENTION_DAYS``.

Trashing and restoring write with ``queryset.update()``: no ``post_save``, so the
search index and the automatic redirects are handled here, explicitly. Both bump the
version, so a change form opened before is refused as stale rather than saved over.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Revision, Version

from articles.models import Article, Resource
from articles.revisions import article_revision, paris_date, user_label
from search import indexing
from search.models import SearchEntry


def retention_days():
    return settings.TRASH_RETENTION_DAYS


def purge_date(article):
    """When ``manage.py purge_trash`` will delete this trashed article for good."""
    return article.deleted_at + timedelta(days=retention_days())


def trash_articles(articles, user):
    """Move live articles to the trash; returns how many moved.

    ``articles`` is a queryset or a list; already trashed ones are left as they are.
    """
    ids = [article.pk for article in articles]
    now = timezone.now()
    with transaction.atomic():
        moved = Article.objects.filter(pk__in=ids).update(
            deleted_at=now, deleted_by=user, version=F("version") + 1
        )
        # Out of the search index (and its tag and author filters) until restored.
        SearchEntry.objects.filter(article_id__in=ids).delete()
    return moved


@dataclass
class Restored:
    article: Article
    old_slug: str

    @property
    def slug_changed(self):
        return self.article.slug != self.old_slug


def restore_article(pk, user):
    """Bring a trashed article back as it was; None if ``pk`` is not in the trash.

    Its address may have been taken meanwhile (by a new article or a sister section):
    it then gets a free slug, never an error.
    """
    with transaction.atomic():
        article = Article.all_objects.select_for_update().filter(pk=pk).first()
        if article is None or article.deleted_at is None:
            return None
        old_slug = article.slug
        trashed = (
            f"supprimé le {paris_date(article.deleted_at)} par {user_label(article.deleted_by)}"
        )
        # available_slug only counts live articles: this one is still in the trash.
        slug = article.available_slug(old_slug)
        Article.all_objects.filter(pk=pk).update(
            deleted_at=None, deleted_by=None, slug=slug, version=F("version") + 1
        )
        article = Article.objects.get(pk=pk)
        # The history says who brought it back; this revision is the restored state.
        comment = f"Restauré depuis la corbeille ({trashed})"
        if slug != old_slug:
            comment += f" ; nouvel identifiant d'URL : {slug}, « {old_slug} » était pris"
        with article_revision(article, user, comment):
            pass
        indexing.refresh([pk])
    return Restored(article, old_slug)


# --- Purge ---------------------------------------------------------------------------


def expired(now=None):
    """Trashed articles whose retention delay is over, oldest first."""
    now = now or timezone.now()
    limit = now - timedelta(days=retention_days())
    return Article.all_objects.filter(deleted_at__isnull=False, deleted_at__lte=limit).order_by(
        "deleted_at", "pk"
    )


def _resource_files(article, versions):
    """Stored names of the article's documents, now or in any of its revisions."""
    names = set(
        Resource.objects.filter(article=article).exclude(file="").values_list("file", flat=True)
    )
    resource_type = ContentType.objects.get_for_model(Resource)
    in_revisions = Version.objects.filter(
        revision__in=versions.values("revision_id"), content_type=resource_type
    )
    for version in in_revisions:
        names.add(_stored_file(version))
    names.discard(None)
    return names


def _stored_file(version):
    try:
        return str(version.field_dict.get("file") or "") or None
    except RevertError:  # a revision the current model cannot read: no file to find
        return None


def _still_used(name):
    # Another article's document, or one of its revisions (restoring it needs the file).
    if Resource.objects.filter(file=name).exists():
        return True
    return Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Resource), serialized_data__contains=name
    ).exists()


def purge_article(article):
    """Delete a trashed article for good: row, bylines, tags, resources, revisions, files.

    Returns the names of the files removed from storage (after the commit: a failed
    purge keeps them).
    """
    if article.deleted_at is None:
        raise ValueError("Seul un article de la corbeille peut être supprimé définitivement.")
    # By reference: ``article`` may be the trash's proxy, which reversion does not know.
    versions = Version.objects.get_for_object_reference(Article, article.pk)
    with transaction.atomic():
        files = _resource_files(article, versions)
        article_type = ContentType.objects.get_for_model(Article)
        revision_ids = set(versions.values_list("revision_id", flat=True))
        # A revision that also holds another article only loses this one's versions.
        shared = set(
            Version.objects.filter(revision_id__in=revision_ids, content_type=article_type)
            .exclude(object_id=str(article.pk))
            .values_list("revision_id", flat=True)
        )
        Revision.objects.filter(pk__in=revision_ids - shared).delete()
        versions.delete()
        # Tags are generic relations, which deleting the row would leave behind.
        article.tags.clear()
        article.delete()
        orphans = sorted(name for name in files if not _still_used(name))
        storage = Resource._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in orphans])
    return orphans
