"""Staff previews, share links for outside reviewers, public updates and corrections."""


class PreviewAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""
