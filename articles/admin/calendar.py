"""Editorial calendar: month and week views of scheduled and published articles."""


class CalendarAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
