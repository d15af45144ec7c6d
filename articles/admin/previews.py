"""Staff previews and share links for outside reviewers."""


def urls(model_admin):
    """URL patterns added to ArticleAdmin.get_urls()."""
    return []
