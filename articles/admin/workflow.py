"""Editorial workflow in the article admin: transitions, history, notifications."""


class WorkflowAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
