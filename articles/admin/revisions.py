"""Revision history, comparison and restore (django-reversion); conflict-safe saving."""


class RevisionAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
