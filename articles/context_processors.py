from django.conf import settings

from articles.models import Section


def site(request):
    """Site name and the main navigation (top-level sections, one lazy query)."""
    return {"site_name": settings.SITE_NAME, "nav_sections": Section.objects.top_level()}
