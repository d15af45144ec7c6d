"""The top-level sections: the menu of every page and the home page's blocks, read once
per request (the home page used to read them twice), each with its sub-sections
(``nav_children``) for the mobile menu's tree — in the same one query."""

from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from articles.models import Section


def top_level_sections(request):
    """The top-level sections in menu order (a list, one query per request)."""
    try:
        return request._top_level_sections
    except AttributeError:
        request._top_level_sections = _menu_tree()
        return request._top_level_sections


# The menu shows sections down to this depth (0: top level); the page cache refreshes
# the menu everywhere when a section at these depths is created, moved or renamed.
MENU_DEPTH = 1


# Menu order, parents first (a parent's depth is lower).
MENU_ORDER = ("depth", "position", "name")


def sections_and_menu(request, paths):
    """{path: section} for the sections at ``paths`` (shallowest first), and this
    request's menu, in one query: section and article pages need both."""
    rows = list(
        Section.objects.filter(Q(path__in=paths) | Q(depth__lte=MENU_DEPTH)).order_by(*MENU_ORDER)
    )
    request._top_level_sections = _tree(rows)
    wanted = set(paths)
    return {section.path: section for section in rows if section.path in wanted}


def _menu_tree():
    # Two levels: a few dozen rows at most.
    return _tree(Section.objects.filter(depth__lte=MENU_DEPTH).order_by(*MENU_ORDER))


def _tree(rows):
    tops = {}
    for section in rows:
        if section.depth > MENU_DEPTH:
            continue
        if section.parent_id is None:
            section.nav_children = []
            tops[section.pk] = section
        elif section.parent_id in tops:
            tops[section.parent_id].nav_children.append(section)
    return list(tops.values())


def lazy_top_level_sections(request):
    """The same, read only if a template asks (the admin's pages never do)."""
    return SimpleLazyObject(lambda: top_level_sections(request))
