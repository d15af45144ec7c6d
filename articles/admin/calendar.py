"""Editorial calendar: month and week views of scheduled and published articles."""


def urls(model_admin):
    """URL patterns added to ArticleAdmin.get_urls()."""
    return []
