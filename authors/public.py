"""Which authors readers may know about (embargo).

An author exists for readers once they sign a published article: until then their
page, their feed and their entry in the search filter would reveal unpublished work
(a new columnist, a scoop's byline). Decided at query time, like
``Article.objects.published()``.
"""

from django.db.models import OuterRef

from articles.models import any_published
from authors.models import Author


def public_authors(now=None):
    """Authors who sign at least one article readers may see now (byline index)."""
    return Author.objects.filter(any_published(now, bylines__author=OuterRef("pk")))
