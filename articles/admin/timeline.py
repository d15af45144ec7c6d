"""One editorial timeline per article, newest first."""


class TimelineAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
