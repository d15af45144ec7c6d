"""Purge hook: tell the CDN in front which dependency keys changed (docs/caching.md).

``purge(keys)`` is called by pagecache.invalidation from transaction.on_commit. It maps
the keys to their header form (pagecache.http.header_key), adds the coarse keys that
pages with too many keys were tagged with, splits them into batches and calls the hook
named by PAGE_CACHE_PURGE_HOOK once per batch. It never raises: a CDN that is down must
not turn an editor's save into an error (the page's s-maxage bounds the harm).

Hooks shipped, chosen by configuration:
- ``pagecache.purge.noop`` (default): no CDN, or one without purge; the CDN then gets the
  browser's short max-age (pagecache.http);
- ``pagecache.purge.http_purge``: POST {"keys": [...]} to PAGE_CACHE_PURGE_URL with
  ``Authorization: Bearer PAGE_CACHE_PURGE_TOKEN`` (a relay, a Varnish/nginx purger…);
- ``pagecache.purge.fastly_purge``: Fastly's batch purge by surrogate key,
  PAGE_CACHE_PURGE_URL = https://api.fastly.com/service/<service id>/purge,
  ``Fastly-Key`` token, body {"surrogate_keys": [...]} (256 keys a request at most);
- ``pagecache.purge.cloudflare_purge``: Cloudflare's purge by Cache-Tag,
  PAGE_CACHE_PURGE_URL = https://api.cloudflare.com/client/v4/zones/<zone id>/purge_cache,
  API token as Bearer, body {"tags": [...]} (100 tags a request at most).
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

NOOP = "pagecache.purge.noop"
# The most keys one purge sends; above it the whole site is purged by its "all" key,
# one request instead of dozens (a section renamed under thousands of articles).
MAX_KEYS = 1000


def noop(keys):
    """Default hook: nothing to tell."""


def reaches_cdn():
    """Does an invalidation reach the CDN? If not, the CDN must not keep pages longer than
    a browser does (pagecache.http.cache_lifetimes)."""
    return _hook_path() != NOOP


def expand(keys):
    """The header keys to purge for these dependency keys, sorted and deduplicated.

    Each ``kind:<id>`` key also purges ``kind:all``, the coarse key of pages whose own
    list was too long for the header (pagecache.http.surrogate_keys)."""
    from pagecache.http import ALL_KEY, header_key, kind_key

    tokens = set()
    for key in keys:
        token = header_key(key)
        tokens.add(token)
        coarse = kind_key(token)
        if coarse is not None:
            tokens.add(coarse)
    if len(tokens) > MAX_KEYS:
        return [ALL_KEY]
    return sorted(tokens)


def purge(keys):
    """Tell the CDN these keys changed: calls the callable named by
    settings.PAGE_CACHE_PURGE_HOOK (dotted path; default "pagecache.purge.noop") with
    batches of at most PAGE_CACHE_PURGE_BATCH_SIZE keys. Never raises (logs). Stops at
    the first failed batch: the next would most likely wait for the same dead server."""
    try:
        path = _hook_path()
        if path == NOOP:
            return
        tokens = expand(keys)
        if not tokens:
            return
        hook = import_string(path)
        size = max(1, settings.PAGE_CACHE_PURGE_BATCH_SIZE)
        batches = [tokens[start : start + size] for start in range(0, len(tokens), size)]
    except Exception:
        logger.exception("Purge CDN impossible : le hook %r ne se charge pas.", _hook_path())
        return
    for number, batch in enumerate(batches):
        try:
            hook(batch)
        except Exception:
            skipped = sum(len(each) for each in batches[number + 1 :])
            logger.exception(
                "Purge CDN en échec pour %d clés (%d autres non envoyées) : %s",
                len(batch),
                skipped,
                " ".join(batch[:20]),
            )
            return


def http_purge(keys):
    """POST {"keys": [...]} to PAGE_CACHE_PURGE_URL, token as Bearer."""
    _post_json({"keys": list(keys)}, {"Authorization": f"Bearer {_token()}"})


def fastly_purge(keys):
    """Fastly batch purge by surrogate key (POST /service/<id>/purge)."""
    headers = {"Fastly-Key": _token()}
    if settings.PAGE_CACHE_PURGE_SOFT:
        # Marks the objects stale instead of dropping them: stale-while-revalidate can
        # still answer while the origin renders, and it is bounded by hard_until.
        headers["Fastly-Soft-Purge"] = "1"
    _post_json({"surrogate_keys": list(keys)}, headers)


def cloudflare_purge(keys):
    """Cloudflare purge by Cache-Tag (POST /zones/<zone id>/purge_cache)."""
    _post_json({"tags": list(keys)}, {"Authorization": f"Bearer {_token()}"})


def _hook_path():
    return getattr(settings, "PAGE_CACHE_PURGE_HOOK", NOOP) or NOOP


def _token():
    return settings.PAGE_CACHE_PURGE_TOKEN or ""


def _post_json(payload, headers):
    """One POST with a short timeout; any answer other than 2xx raises (purge logs it)."""
    url = settings.PAGE_CACHE_PURGE_URL
    # Only http(s): urllib would also open file: and ftp: addresses.
    if not url or not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"PAGE_CACHE_PURGE_URL n'est pas une adresse http(s) : {url!r}")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json", **headers},
        method="POST",
    )
    # urlopen raises HTTPError on 4xx/5xx; the timeout bounds connect and each read.
    timeout = settings.PAGE_CACHE_PURGE_TIMEOUT
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
        answer.read(65536)
