"""The top-level sections: the menu of every page and the home page's blocks, read once
per request (the home page used to read them twice)."""

from django.utils.functional import SimpleLazyObject

from articles.models import Section


def top_level_sections(request):
    """The top-level sections in menu order (a list, one query per request)."""
    try:
        return request._top_level_sections
    except AttributeError:
        request._top_level_sections = list(Section.objects.top_level())
        return request._top_level_sections


def lazy_top_level_sections(request):
    """The same, read only if a template asks (the admin's pages never do)."""
    return SimpleLazyObject(lambda: top_level_sections(request))
