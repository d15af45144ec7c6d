"""Revision history, comparison and restore (django-reversion)."""


def urls(model_admin):
    """URL patterns added to ArticleAdmin.get_urls()."""
    return []
