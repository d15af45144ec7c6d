"""Purge hook: tell the CDN which surrogate keys changed (see docs/caching.md)."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def noop(keys):
    """Default hook: no CDN in front."""


def purge(keys):
    """Call settings.PAGE_CACHE_PURGE_HOOK with the keys; never raises."""
    keys = sorted(set(keys))
    if not keys:
        return
    try:
        hook = import_string(getattr(settings, "PAGE_CACHE_PURGE_HOOK", "pagecache.purge.noop"))
        hook(keys)
    except Exception:
        logger.exception("page cache purge failed for %d keys", len(keys))
