from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with the newsroom's site as ``admin.site`` (see admin_site.py)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
