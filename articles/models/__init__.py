from articles.models.articles import (
    LIVE_STATUSES,
    Article,
    ArticleAuthor,
    ArticleQuerySet,
    StaleArticleError,
    Status,
    TrashedArticle,
    any_published,
)
from articles.models.editorial import CallToAction
from articles.models.listing_entries import ListingEntry, refresh_listing_entries
from articles.models.resources import Resource
from articles.models.sections import RESERVED_SLUGS, Section
from articles.models.workflow import (
    ArticleRevisionInfo,
    ArticleUpdate,
    ShareLink,
    Transition,
    UpdateKind,
)

__all__ = [
    "LIVE_STATUSES",
    "RESERVED_SLUGS",
    "Article",
    "ArticleRevisionInfo",
    "ArticleUpdate",
    "ShareLink",
    "StaleArticleError",
    "Transition",
    "UpdateKind",
    "ArticleAuthor",
    "any_published",
    "ArticleQuerySet",
    "CallToAction",
    "ListingEntry",
    "refresh_listing_entries",
    "Resource",
    "Section",
    "Status",
    "TrashedArticle",
]
