from articles.models.articles import Article, ArticleAuthor, ArticleQuerySet, Status
from articles.models.editorial import CallToAction
from articles.models.resources import Resource
from articles.models.sections import RESERVED_SLUGS, Section

__all__ = [
    "RESERVED_SLUGS",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "CallToAction",
    "Resource",
    "Section",
    "Status",
]
