"""The pre-publication checklist in the article admin (rules: articles.checklist)."""


class ChecklistAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
