"""Which authors readers may know about (embargo).

An author exists for readers once they sign a published article: until then their
page, their feed and their entry in the search filter would reveal unpublished work
(a new columnist, a scoop's byline). Decided at query time, like
``Article.objects.published()``.
"""

from django.db.models import Exists, OuterRef

from articles.models import Article
from authors.models import Author


def public_authors(now=None):
    """Authors who sign at least one article readers may see now (byline index)."""
    signed = Article.objects.published(now).filter(bylines__author=OuterRef("pk"))
    return Author.objects.filter(Exists(signed.order_by().values("pk")))
