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

Two levels, so that a hit reads two keys rather than one per dependency (the home page
has about a hundred): an entry also carries the epoch under which its versions were last
found current (``checked``). A hit reads the entry and the epoch in one call; while the
epoch is the one the entry was checked under, no invalidation at all has happened since,
so its versions cannot have changed. Only after some invalidation does a hit read the
entry's versions, and it stamps the entry with the epoch it read before them.

That is sound because the two sides write and read in opposite orders: ``bump`` writes
a new epoch, then the versions, then another epoch; a check reads the epoch, then the
versions. A stamp can only equal the current epoch if no bump ended after it was read,
and every bump that ended before had written its versions before the check read them.
"""

import logging
import math
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
    headers: tuple  # ((name, value), …) as the inner middlewares left them, CDN tags included
    content: bytes
    deps: tuple  # dependency keys, sorted
    versions: tuple  # their tokens at render time, in the same order
    soft_until: float  # after it, one reader re-renders while others get this copy
    hard_until: float | None  # never served at or after it (next scheduled change)
    paginated: bool  # its view read the page number
    checked: int | None  # the epoch under which ``versions`` were last found current
    expires_at: float  # when the cache drops it (a re-stamp keeps that deadline)
    collapsed: bool  # its CDN tags were collapsed to "all" (pagecache.http.surrogate_keys)


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
        """New tokens for ``deps``, between two new epochs.

        The epoch before: a render comparing it after a non-atomic set_many (files) sees it
        changed before any version does. The epoch after: a hit that finds it unchanged
        since an entry's check knows every version written before it was seen by that
        check (see the module's docstring). Redis writes the first call atomically.
        """
        token = new_token()
        mapping = {keys.EPOCH: token, **{keys.version(dep): token for dep in deps}}
        if self._call("set_many", mapping, None, default=False) is False:
            _health["lost_bump"] = True
            return
        if self._call("set", keys.EPOCH, new_token(), None, default=False) is False:
            # Without the second epoch, a check made between the two writes could keep
            # its stamp: treated as a lost invalidation.
            _health["lost_bump"] = True

    def with_epoch(self, key):
        """(the value at ``key``, the current epoch), in one call: a hit's only read."""
        found = self.get_many([key, keys.EPOCH])
        return found.get(key), found.get(keys.EPOCH)

    def still_current(self, entry):
        """True if every dependency of ``entry`` still has the token it was stored with
        (to be called after reading the epoch the entry will be stamped with)."""
        versions, _ = self.current(entry.deps)
        current = tuple(versions[dep] for dep in entry.deps)
        return None not in current and current == entry.versions

    def restamp(self, key, entry, epoch, now):
        """Store ``entry`` as checked under ``epoch``, until its own deadline."""
        remaining = math.ceil(entry.expires_at - now)
        if remaining >= 1:
            self.set(key, entry._replace(checked=epoch), remaining)

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
