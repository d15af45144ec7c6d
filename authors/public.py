"""Which authors readers may know about (embargo).

An author exists for readers once they sign a published article: until then their
page, their feed and their entry in the search filter would reveal unpublished work
(a new columnist, a scoop's byline). Decided at query time, like
``Article.objects.published()``.
"""

from django.db.models import OuterRef, Subquery

from articles.models import Article
from authors.models import Author


def public_authors(now=None):
    """Authors who sign at least one article readers may see now (byline index).

    A scalar subquery with LIMIT 1, not Exists(): PostgreSQL flattens an EXISTS into a
    hash semi-join that reads every article (160 ms at 100 000 articles for the search
    form's author list); the LIMIT keeps it a per-author walk of the byline index that
    stops at the first published article (under 1 ms).
    """
    signed = Article.objects.published(now).filter(bylines__author=OuterRef("pk"))
    first_signed = Subquery(signed.order_by().values("pk")[:1])
    return Author.objects.alias(first_signed=first_signed).filter(first_signed__isnull=False)
