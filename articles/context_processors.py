from django.conf import settings

from articles.navigation import lazy_top_level_sections


def site(request):
    """Site name and the main navigation (top-level sections, one lazy query)."""
    return {"site_name": settings.SITE_NAME, "nav_sections": lazy_top_level_sections(request)}
