"""Exact counts of article lists, kept in the cache between two changes of the list.

A list page shows its count (« Page 1 sur 1 010 », « 312 articles »): an index-only scan
of the list's entries, the most expensive query of a list page at 100 000 articles
(~1.5 ms for a 20 000-article section, every uncached page of it). The count is stored
with the tokens that the list's dependency key and "all" had *before* it was counted, and
with the next scheduled publication or expiry (pagecache.boundaries). It is used while
both tokens are unchanged and that instant has not come: every save that changes the
list bumps its key (pagecache.invalidation, whatever saved), as for the pages themselves,
and a scheduled article changes the count at its minute. A save landing while the count
runs leaves tokens that are already old: the next reader counts again. A cache that is
down, or a missing token, means counting every time.
"""

from pagecache import boundaries, keys
from pagecache.store import Store

_store = Store()
# Long enough to outlive many readers, short enough that an idle list frees its key.
TIMEOUT = 24 * 3600


def cached_count(dep, count, now):
    """``count()`` for the list of dependency key ``dep`` at ``now``, or its stored value."""
    names = (keys.version(dep), keys.version(keys.ALL))
    schedule = keys.version(keys.SCHEDULE)
    found = _store.get_many([keys.count(dep), *names, schedule, keys.BOUNDARY])
    tokens = tuple(found.get(name) for name in names)
    stored = found.get(keys.count(dep))
    if stored is not None and None not in tokens:
        value, stored_tokens, until = stored
        if stored_tokens == tokens and (until is None or now.timestamp() < until):
            return value
    if None in tokens:
        filled = _store.fill_missing({dep: found.get(names[0]), keys.ALL: found.get(names[1])})
        tokens = (filled[dep], filled[keys.ALL])
    value = count()
    if None not in tokens:  # else the cache is down: nothing to keep
        until = boundaries.hard_until(_store, now, found.get(keys.BOUNDARY), found.get(schedule))
        _store.set(keys.count(dep), (value, tokens, until), TIMEOUT)
    return value
