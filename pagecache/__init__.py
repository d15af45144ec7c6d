"""Page cache for anonymous readers, invalidated exactly from the model layer.

pagecache.middleware serves and stores pages; pagecache.deps records what each page
showed; pagecache.invalidation bumps the versions of what a save changed;
pagecache.http (headers, 304) and pagecache.purge (CDN) are the HTTP half.
See docs/caching.md.
"""

from pagecache.deps import declare

__all__ = ["declare"]
