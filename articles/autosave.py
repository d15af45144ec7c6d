"""Autosave: the text a writer is typing, kept in the revision history, never in the row.

An autosave is a django-reversion revision (``ArticleRevisionInfo.autosave``) holding the
article *as typed* — an in-memory copy with the form's validated values — and the tag
names typed, over the version the page was opened on (``base_version``). The article row,
its version number, bylines and resources are left alone: nobody's save is overwritten,
and the writer's own manual save never meets a false conflict.

One autosave per writer and article: a new one replaces the previous one, a manual save
removes them (see ``discard``). The revision keeps the whole row as typed; what the
writer gets back (``resumed_values``) are the fields they type: ``RESUMED_FIELDS`` and
the tags. Publication fields, images, section and bylines are choices, not typing.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from reversion.models import Revision
from taggit.utils import edit_string_for_tags

from articles.models import Article, ArticleRevisionInfo
from articles.revisions import article_versions
from articles.sanitize import sanitize_body

COMMENT = "Enregistrement automatique"
RESUMED_FIELDS = ("title", "standfirst", "body", "hero_caption")


def _tag_names(names):
    return sorted({str(name) for name in names}, key=str.lower)


def _same_text(typed, tags, saved):
    return all(getattr(typed, name) == getattr(saved, name) for name in RESUMED_FIELDS) and (
        _tag_names(tags) == _tag_names(saved.tags.names())
    )


def _own_autosaves(article, user):
    return Revision.objects.filter(
        article_info__autosave=True,
        user=user,
        version__content_type=ContentType.objects.get_for_model(Article),
        version__object_id=str(article.pk),
    )


def discard(article, user, revision_ids=None, keep=None):
    """Delete ``user``'s autosaves of ``article`` (only ``revision_ids`` if given)."""
    revisions = _own_autosaves(article, user)
    if revision_ids is not None:
        revisions = revisions.filter(pk__in=revision_ids)
    if keep is not None:
        revisions = revisions.exclude(pk=keep)
    # Through the pks: a delete() on a joined, filtered queryset is not portable.
    return Revision.objects.filter(pk__in=list(revisions.values_list("pk", flat=True))).delete()


def record(typed, user, base_version, tags, keep=None):
    """Keep ``typed`` (an unsaved Article carrying the form's values) as ``user``'s autosave.

    Returns the new revision, or None when the text is the saved one (nothing to keep:
    the older autosave goes too). ``keep``: an autosave of theirs not to replace yet (the
    one their page still offers to bring back).
    """
    saved = Article.objects.get(pk=typed.pk)
    # The model field sanitises on the form's clean already; a revision is read back
    # into forms and diffs, so it never holds anything else.
    typed.body = sanitize_body(typed.body)
    with transaction.atomic():
        discard(typed, user, keep=keep)
        if _same_text(typed, tags, saved):
            return None
        # The number the text was typed on, not the row's: what the revision really is.
        typed.version = base_version
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(user)
            reversion.set_comment(COMMENT)
            reversion.add_to_revision(typed)
            reversion.add_meta(
                ArticleRevisionInfo,
                tags=_tag_names(tags),
                autosave=True,
                base_version=base_version,
            )
    return newest(typed, user)


def newest(article, user):
    """``user``'s latest autosave of ``article`` (a reversion Version), or None."""
    return (
        article_versions(article)
        .filter(revision__article_info__autosave=True, revision__user=user)
        .select_related("revision__article_info")
        .first()
    )


def own_autosave(article, user, revision_id):
    """``user``'s autosave ``revision_id`` of ``article``; None for anything else."""
    raw = str(revision_id or "")
    if not raw.isdigit() or len(raw) > 18:
        return None
    return (
        article_versions(article)
        .filter(revision_id=int(raw), revision__article_info__autosave=True, revision__user=user)
        .select_related("revision__article_info")
        .first()
    )


def base_version(version):
    return version.revision.article_info.base_version


def offer(article, user):
    """The autosave to offer ``user`` on opening ``article``: their newest one, if its text
    differs from the saved version (a manual save of theirs removes them anyway)."""
    version = newest(article, user)
    if version is None:
        return None
    stored = version.field_dict
    same = all((stored.get(name) or "") == getattr(article, name) for name in RESUMED_FIELDS)
    tags = version.revision.article_info.tags
    if same and _tag_names(tags) == _tag_names(article.tags.names()):
        return None
    return version


def resumed_values(version):
    """What the form shows when the writer takes their autosaved text back."""
    stored = version.field_dict
    values = {name: stored.get(name) or "" for name in RESUMED_FIELDS}
    values["body"] = sanitize_body(values["body"])
    names = version.revision.article_info.tags
    values["tags"] = edit_string_for_tags([_Named(name) for name in names])
    return values


class _Named:
    """What taggit's edit_string_for_tags reads of a tag."""

    def __init__(self, name):
        self.name = name


def time_label(when):
    """« 19h42 », Paris time."""
    local = timezone.localtime(when)
    return f"{local:%H}h{local:%M}"


def date_label(when):
    """« 1er décembre 2026 à 19h42 », Paris time."""
    local = timezone.localtime(when)
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {formats.date_format(local, 'F Y')} à {time_label(when)}"
