from django.contrib.admin.apps import AdminConfig
from taggit.apps import TaggitAppConfig


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with the newsroom's site as ``admin.site`` (see admin_site.py)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"


class TaggitConfig(TaggitAppConfig):
    """django-taggit, shown as « Mots-clés » in the admin (not « Taggit »)."""

    verbose_name = "Mots-clés"
