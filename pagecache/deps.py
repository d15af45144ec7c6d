"""What a page showed, recorded while it renders.

The middleware opens a recording (a contextvar) around the view. A ``post_init``
receiver adds the key of every Article, Section, Tag, Author, Image loaded meanwhile
(select_related and prefetches included), so a page depends on what it actually
displayed without any view listing it. What loading cannot see (an article that is not
on the page yet) is declared by the list views: ``declare(keys.section_list(pk),
paginated=True)``. Outside a recording (admin, shell, commands) both cost nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_init

from pagecache import keys

_current = ContextVar("pagecache_render", default=None)


class Render:
    """The dependency keys of one render, and whether its view read a page number."""

    __slots__ = ("keys", "paginated")

    def __init__(self):
        self.keys = set()
        self.paginated = False


@contextmanager
def recording():
    render = Render()
    token = _current.set(render)
    try:
        yield render
    finally:
        _current.reset(token)


def declare(*dep_keys, paginated=False):
    """The page being rendered also depends on ``dep_keys`` (no-op outside a render)."""
    render = _current.get()
    if render is not None:
        render.keys.update(dep_keys)
        render.paginated = render.paginated or paginated


def _recorder(key_of):
    def record(sender, instance, **kwargs):
        render = _current.get()
        if render is not None and instance.pk is not None:
            render.keys.add(key_of(instance.pk))

    return record


def connect():
    from taggit.models import Tag

    from articles.models import Article, Section
    from authors.models import Author
    from images.models import Image

    for model, key_of in (
        (Article, keys.article),
        (Section, keys.section),
        (Tag, keys.tag),
        (Author, keys.author),
        (Image, keys.image),
    ):
        post_init.connect(
            _recorder(key_of), sender=model, weak=False, dispatch_uid=f"pagecache_{model.__name__}"
        )
