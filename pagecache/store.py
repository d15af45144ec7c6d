"""Entries, dependency versions, the epoch and locks, on a Django cache.

Every cache call goes through ``Store._call``: a cache server that is down (Redis
refused, a full disk) reads as a miss and writes as nothing, so pages are served
uncached, never as errors.

Versions are random tokens (set, never incremented: ``set`` is atomic on every backend)
stored without expiry; an entry carries the tokens its dependencies had when it was
rendered and is valid only while all of them are unchanged. A missing token means
"unknown", never "unchanged": an evicted version invalidates its entries. The epoch is
one more token, changed by every invalidation: a render stores its page only if the
epoch did not move while it ran (it may have read rows that changed meanwhile).
"""

import logging
import secrets
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches

from pagecache import keys

logger = logging.getLogger(__name__)

# After a failed call the cache is left alone this long (each refused Redis call costs
# its retries, ~0.4 s): pages are served uncached meanwhile at full speed.
DOWN_RETRY_SECONDS = 5.0
# Per process: when the cache is down, and whether an invalidation was lost meanwhile.
_health = {"down_until": 0.0, "lost_bump": False}


def reset_health():
    _health.update(down_until=0.0, lost_bump=False)


class Entry(NamedTuple):
    status: int
    headers: tuple  # ((name, value), …) as the inner middlewares left them
    content: bytes
    deps: tuple  # dependency keys, sorted
    versions: tuple  # their tokens at render time, in the same order
    soft_until: float  # after it, one reader re-renders while others get this copy
    hard_until: float | None  # never served at or after it (next scheduled change)
    paginated: bool  # its view read the page number


def new_token():
    # An int: Django's Redis serializer stores ints as they are, unpickled (a hit reads
    # one per dependency).
    return secrets.randbits(62)


class Store:
    def __init__(self, cache=None):
        self._cache = cache

    @property
    def cache(self):
        return self._cache if self._cache is not None else caches[settings.PAGE_CACHE_ALIAS]

    def _call(self, method, *args, default=None, **kwargs):
        if time.monotonic() < _health["down_until"]:
            return default
        try:
            result = getattr(self.cache, method)(*args, **kwargs)
        except Exception as error:  # a cache that is down must never become a 500
            logger.warning("Cache des pages indisponible (%s) : %s", method, error)
            _health["down_until"] = time.monotonic() + DOWN_RETRY_SECONDS
            return default
        if _health["lost_bump"]:
            # An invalidation could not be written while the cache was unreachable (it
            # may have kept its entries): everything is invalid, once it answers again.
            _health["lost_bump"] = False
            self.bump({keys.ALL})
        return result

    def get(self, key):
        return self._call("get", key)

    def get_many(self, many):
        return self._call("get_many", many, default={}) or {}

    def set(self, key, value, timeout):
        self._call("set", key, value, timeout)

    def delete(self, key):
        self._call("delete", key)

    def clear(self):
        self._call("clear")

    # --- versions -----------------------------------------------------------------

    def current(self, deps, extra=()):
        """{dep: token or None} for ``deps``, and the values of ``extra`` cache keys."""
        names = [keys.version(dep) for dep in deps]
        found = self.get_many([*names, *extra])
        versions = {dep: found.get(name) for dep, name in zip(deps, names, strict=True)}
        return versions, {key: found.get(key) for key in extra}

    def fill_missing(self, versions):
        """Give a token to each dependency that has none yet (``add``: a concurrent bump
        wins); returns the tokens now stored."""
        missing = [dep for dep, token in versions.items() if token is None]
        for dep in missing:
            self._call("add", keys.version(dep), new_token(), None)
        if missing:
            again, _ = self.current(missing)
            versions = {**versions, **again}
        return versions

    def bump(self, deps):
        """New tokens for ``deps`` and a new epoch, in one call."""
        token = new_token()
        mapping = {keys.version(dep): token for dep in deps}
        # The epoch first: a reader comparing it after a non-atomic set_many (files)
        # sees it changed before any version does.
        mapping = {keys.EPOCH: token, **mapping}
        if self._call("set_many", mapping, None, default=False) is False:
            _health["lost_bump"] = True

    def epoch(self):
        """The current epoch (created if missing, so that it can be compared later)."""
        value = self.get(keys.EPOCH)
        if value is None:
            self._call("add", keys.EPOCH, new_token(), None)
            value = self.get(keys.EPOCH)
        return value

    # --- locks --------------------------------------------------------------------

    def lock(self, entry_key):
        """True if this worker may render ``entry_key`` (nobody else is on it).

        A cache that is down answers True: every reader renders, as without a cache.
        """
        acquired = self._call(
            "add", keys.lock(entry_key), 1, settings.PAGE_CACHE_LOCK_TIMEOUT, default=True
        )
        return bool(acquired)

    def unlock(self, entry_key):
        self.delete(keys.lock(entry_key))
