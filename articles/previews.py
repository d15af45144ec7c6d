"""Previews: an article, or one of its revisions, rendered with the public article template.

Used by the staff preview in the admin and by share links for outside reviewers. A
preview is never cached, never indexed, and shows the "Aperçu — non publié" banner.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from reversion.models import Version
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    ArticleRevisionInfo,
    Resource,
    Section,
)
from articles.sanitize import sanitize_body
from articles.templatetags.newsroom import datetime_fr
from authors.models import Author

PREVIEW_TEMPLATE = "articles/article_detail.html"


def preview_queryset(queryset=None):
    """What the public article page prefetches, whatever ``queryset`` prefetched before."""
    queryset = Article.objects.all() if queryset is None else queryset
    # prefetch_related(None): the admin's queryset prefetches bylines differently.
    return queryset.prefetch_related(None).for_detail()


def mark_preview_response(response):
    """No cache anywhere, no index, and the token never leaves in a Referer header."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def render_preview(request, article, **banner):
    """``article`` as readers would get it, with the preview banner.

    ``banner`` goes to the template as ``preview``: ``note`` (shown after the banner
    title) and, for staff only, ``admin_url`` (back to the edit page).
    """
    from articles.views import article_page_context  # views import this module

    context = article_page_context(article)
    context["preview"] = {"note": "", "admin_url": None, **banner}
    return mark_preview_response(render(request, PREVIEW_TEMPLATE, context))


# --- Revisions -------------------------------------------------------------------------


def article_version(article, version_id):
    """The reversion Version ``version_id`` of ``article``, or None (unknown or foreign id,
    or an autosave: a writer's unsaved text is theirs alone, never previewed)."""
    try:
        version_id = int(version_id)
    except (TypeError, ValueError):
        return None
    return (
        Version.objects.get_for_object_reference(Article, article.pk)
        .select_related("revision")
        .exclude(revision__article_info__autosave=True)
        .filter(pk=version_id)
        .first()
    )


def _concrete_values(model, stored):
    """The stored values of ``model``'s columns; fields removed since are ignored."""
    return {
        field.attname: stored[field.attname]
        for field in model._meta.concrete_fields
        if field.attname in stored
    }


def _revision_rows(version, model, article):
    """Field values of ``model`` rows of ``article`` saved in the same revision.

    None when ``model`` is not under revision control: the revision cannot tell.
    """
    if not reversion.is_registered(model):
        return None
    versions = Version.objects.filter(
        revision_id=version.revision_id, content_type=ContentType.objects.get_for_model(model)
    )
    rows = [_concrete_values(model, v.field_dict) for v in versions]
    return [row for row in rows if row.get("article_id") == article.pk]


def _cached(model, objects):
    """A queryset that yields ``objects`` without a query, as prefetch_related leaves it."""
    queryset = model.objects.all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    return queryset


def _revision_bylines(version, article):
    rows = _revision_rows(version, ArticleAuthor, article)
    if rows is None:
        return list(article.bylines.all())
    authors = Author.objects.in_bulk({row["author_id"] for row in rows})
    bylines = []
    for row in sorted(rows, key=lambda r: (r.get("position") or 0, r.get("id") or 0)):
        author = authors.get(row["author_id"])
        if author is not None:  # An author deleted since: nothing to show.
            byline = ArticleAuthor(**row)
            byline.author = author
            bylines.append(byline)
    return bylines


def _revision_resources(version, article):
    rows = _revision_rows(version, Resource, article)
    if rows is None:
        return list(article.resources.all())
    rows.sort(key=lambda r: (r.get("position") or 0, r.get("id") or 0))
    return [Resource(**row) for row in rows]


def _revision_tags(version, article):
    info = ArticleRevisionInfo.objects.filter(revision_id=version.revision_id).first()
    if info is None or not isinstance(info.tags, list):
        # A revision saved without tag information: the current tags are the best guess.
        return list(article.tags.all())
    names = [name for name in info.tags if isinstance(name, str) and name]
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    tags = []
    for name in names:
        tag = existing.get(name) or Tag(name=name, slug=slugify(name))
        if tag.slug:  # The template links every tag to its page.
            tags.append(tag)
    return tags


def article_at_version(article, version):
    """An unsaved copy of ``article`` as ``version`` stored it, for rendering only.

    Bylines, resources and tags come from the same revision; updates and corrections
    are not versioned and are the current ones. Never save the result.
    """
    old = Article(**_concrete_values(Article, version.field_dict))
    # Rendered |safe, and a Version row is never cleaned: it may predate today's rules
    # (or have been written outside the app). Cleaned here, as a save would clean it.
    old.body = sanitize_body(old.body)
    # Related managers need a primary key; their contents are set below, from the revision.
    old.pk = article.pk
    if old.section_id == article.section_id:
        old.section = article.section
    else:
        # A section deleted since: show the article where it is now.
        old.section = Section.objects.filter(pk=old.section_id).first() or article.section
    old._prefetched_objects_cache = {
        "bylines": _cached(ArticleAuthor, _revision_bylines(version, article)),
        "resources": _cached(Resource, _revision_resources(version, article)),
        "tags": _cached(Tag, _revision_tags(version, article)),
        "public_updates": article.public_updates.all(),
    }
    return old


def revision_label(version):
    return f"Révision du {datetime_fr(version.revision.date_created)}"
