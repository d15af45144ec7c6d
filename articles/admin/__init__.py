"""The newsroom's back office, one module per capability."""

from articles.admin.articles import ArticleAdmin
from articles.admin.sections import CallToActionAdmin, SectionAdmin
from articles.admin.tags import TagAdmin
from articles.admin.trash import TrashAdmin

__all__ = ["ArticleAdmin", "CallToActionAdmin", "SectionAdmin", "TagAdmin", "TrashAdmin"]
