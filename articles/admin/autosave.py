"""Autosave in the article admin: drafts saved in the background into their revisions."""


class AutosaveAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
