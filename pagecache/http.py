"""HTTP caching headers for anonymous pages: browser, CDN and conditional GETs.

What the headers promise (docs/caching.md):
- nothing is served by a browser or a CDN past ``hard_until``, the next scheduled
  publication or expiry that would change the page: max-age, s-maxage and
  stale-while-revalidate all end before it;
- browsers cannot be purged, so their max-age stays short (PAGE_CACHE_MAX_AGE); a CDN
  keeps a page longer (PAGE_CACHE_S_MAXAGE) only when a purge hook can reach it,
  otherwise it would serve a stale page for that long after an invalidation;
- a weak ETag computed from the uncompressed body, so that the gzipped and identity
  representations share it and a 304 answers either;
- Surrogate-Key (Fastly) and Cache-Tag (Cloudflare) name the page's dependency keys,
  collapsed to coarser keys when a page has too many (see ``surrogate_keys``).
"""

import hashlib
import math
import re
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, parse_http_date_safe

from pagecache import purge

# Every public page carries it: purging it empties the CDN (used when a purge names too
# many keys to send, pagecache.purge.purge).
ALL_KEY = "all"
# Keys a CDN accepts as they are (Fastly: no spaces; Cloudflare: printable ASCII, no
# commas). Anything else is hashed, the same way here and in the purge.
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.:/@+=-]{1,200}$")
# The types pagecache.compression compresses: their answers vary on Accept-Encoding.
COMPRESSIBLE_TYPES = re.compile(
    r"^(text/|application/(xhtml\+xml|xml|rss\+xml|atom\+xml|json|javascript))", re.I
)
# Headers a 304 repeats from the page it stands for (RFC 9110 §15.4.5), plus the CDN tags
# so that a CDN refreshing its copy with a 304 keeps them.
_NOT_MODIFIED_HEADERS = (
    "Cache-Control",
    "Content-Location",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
    "Surrogate-Key",
    "Cache-Tag",
)
_NO_SHARED_STORE = ("private", "no-store", "no-cache")


def header_key(key):
    """The form of a dependency key in Surrogate-Key/Cache-Tag and in purge requests."""
    key = str(key)
    if _SAFE_KEY.match(key):
        return key
    return "h-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def kind_key(key):
    """The coarse key standing for every key of a kind: ``article:12`` → ``article:all``.

    None for a key without a kind (``home``, ``cta``): those are never collapsed."""
    kind, sep, _ = key.partition(":")
    if not sep or not kind:
        return None
    return f"{kind}:all"


def surrogate_keys(keys, max_length=None):
    """The header keys for a page: (sorted list, collapsed_to_all).

    A page listing hundreds of articles would otherwise send a header of several KB (CDNs
    cap it at 16 KB, and big headers cost on every hit). While the space-separated list is
    longer than PAGE_CACHE_KEY_HEADER_MAX, the kind with the most keys is replaced by its
    ``<kind>:all`` key, which every purge of that kind also purges (purge.expand). If even
    the coarse list is too long, only ``all`` remains: such a page is no longer purged key
    by key, so apply_public_headers gives the CDN no more than the browser's max-age.
    """
    if max_length is None:
        max_length = settings.PAGE_CACHE_KEY_HEADER_MAX
    tokens = {header_key(key) for key in keys}
    tokens.add(ALL_KEY)

    def length(items):
        return sum(len(item) for item in items) + len(items) - 1

    while length(tokens) > max_length:
        by_kind = {}
        for token in tokens:
            coarse = kind_key(token)
            if coarse is not None and coarse != token:
                by_kind.setdefault(coarse, set()).add(token)
        if not by_kind:
            return [ALL_KEY], True
        # The biggest kind first (ties by name, so the header is deterministic).
        coarse, members = max(by_kind.items(), key=lambda item: (len(item[1]), item[0]))
        tokens = (tokens - members) | {coarse}
    return sorted(tokens), False


def cache_lifetimes(*, hard_until, now, purge_reaches_cdn):
    """(max_age, s_maxage, stale_while_revalidate) in seconds, all ending by hard_until.

    None when the boundary is under a second away: the page must be revalidated."""
    browser = max(0, settings.PAGE_CACHE_MAX_AGE)
    cdn = max(0, settings.PAGE_CACHE_S_MAXAGE) if purge_reaches_cdn else browser
    swr = max(0, settings.PAGE_CACHE_STALE_WHILE_REVALIDATE)
    if hard_until is not None:
        remaining = math.floor((hard_until - now).total_seconds())
        if remaining < 1:
            return None
        browser = min(browser, remaining)
        cdn = min(cdn, remaining)
        # A cache may serve a stale copy for swr seconds after its own freshness ends;
        # the CDN's ends last (s-maxage ≥ max-age), and that must still be before
        # hard_until. A browser behind the CDN counts its max-age from the CDN's Age.
        swr = min(swr, remaining - max(browser, cdn))
    return browser, cdn, swr


def apply_public_headers(request, response, *, keys, hard_until, now):
    """A page served to an anonymous reader from or into the page cache.

    keys: frozenset[str] of dependency keys (e.g. {"article:12", "section:3", "home"});
    hard_until: aware datetime | None — the next scheduled publication/expiry that could
    change the page (no cache, browser or CDN, may serve it past that instant); now: aware
    datetime. A response whose view already said private/no-store/no-cache keeps it.
    The page cache splits it in two: ``stored_headers`` once before storing a page,
    ``cache_control`` on every hit (max-age counts down to hard_until).
    """
    if _says_not_shared(response):
        return response
    collapsed = stored_headers(response, keys)
    response.headers["Cache-Control"] = cache_control(
        hard_until=None if hard_until is None else hard_until.timestamp(),
        now=now.timestamp(),
        collapsed=collapsed,
    )
    return response


def stored_headers(response, keys):
    """The public headers that stay the same on every hit: CDN tags, weak ETag, minimal
    Vary, no Expires. Returns whether the tags were collapsed to "all"."""
    tokens, collapsed = surrogate_keys(keys)
    # Expires would contradict max-age for HTTP/1.0 caches; max-age wins anyway.
    if response.has_header("Expires"):
        del response.headers["Expires"]
    response.headers["Surrogate-Key"] = " ".join(tokens)
    response.headers["Cache-Tag"] = ",".join(tokens)
    set_weak_etag(response)
    _minimal_vary(response)
    return collapsed


def cache_control(*, hard_until, now, collapsed):
    """The Cache-Control of a public page at ``now`` (timestamps; hard_until may be None),
    as patch_cache_control would write it on a response without one."""
    lifetimes = cache_lifetimes(
        hard_until=None if hard_until is None else _aware(hard_until),
        now=_aware(now),
        purge_reaches_cdn=purge.reaches_cdn() and not collapsed,
    )
    if lifetimes is None:
        return "public, max-age=0, s-maxage=0, must-revalidate"
    max_age, s_maxage, swr = lifetimes
    value = f"public, max-age={max_age}, s-maxage={s_maxage}"
    if swr > 0:
        value += f", stale-while-revalidate={swr}"
    if max_age == 0 and s_maxage == 0:
        value += ", must-revalidate"
    return value


def _aware(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC)


def apply_private_headers(response):
    """A response that must never be stored by a shared cache (staff, previews, share
    links, POSTs, anything with a session): Cache-Control private/no-store unless the
    view already said no-cache/no-store. No CDN tags either."""
    for header in ("Surrogate-Key", "Cache-Tag"):
        if response.has_header(header):
            del response.headers[header]
    directives = _directives(response)
    if "no-store" in directives or "no-cache" in directives:
        if "public" in directives:
            patch_cache_control(response, private=True)
        return response
    if response.has_header("Cache-Control"):
        del response.headers["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def not_modified(request, response):
    """A 304 response if the request's If-None-Match / If-Modified-Since matches, else None.

    Only for a GET or HEAD answered 200. If-None-Match uses the weak comparison (RFC 9110
    §13.1.2) and, when present, If-Modified-Since is ignored. The 304 repeats the page's
    Cache-Control, ETag, Vary and CDN tags, never its cookies."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return None
    if response.streaming:
        return None
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        etag = response.get("ETag")
        if not etag or not _weak_match(etag, if_none_match):
            return None
    else:
        if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
        last_modified = response.get("Last-Modified")
        if not if_modified_since or not last_modified:
            return None
        since = parse_http_date_safe(if_modified_since)
        modified = parse_http_date_safe(last_modified)
        if since is None or modified is None or modified > since:
            return None
    answer = HttpResponseNotModified()
    for header in _NOT_MODIFIED_HEADERS:
        if response.has_header(header):
            answer.headers[header] = response[header]
    return answer


def _weak_match(etag, if_none_match):
    # parse_etags gives ["*"] for a star and drops what is not an entity tag, so garbage
    # never matches (and never raises).
    wanted = parse_etags(if_none_match[:8192])
    if "*" in wanted:
        return True
    opaque = etag.removeprefix("W/")
    return any(candidate.removeprefix("W/") == opaque for candidate in wanted)


def set_weak_etag(response):
    """A weak ETag from the body, unless the response has one (made weak).

    The page cache calls it before storing a page, so that a hit hashes nothing.
    """
    # Weak from the start: GZipMiddleware turns a strong ETag weak on the compressed answer
    # only, and the 304 built before compression would then disagree with the 200.
    etag = response.get("ETag")
    if etag:
        if etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        return
    if response.streaming:
        return
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response.headers["ETag"] = f'W/"{digest}"'


def _minimal_vary(response):
    """Vary only on what changes the bytes of an anonymous page.

    Cookie: an anonymous page is the same for every reader (the CDN bypasses requests that
    carry a session, docs/caching.md), and Vary: Cookie would make each cookie string its
    own CDN entry. Accept-Language: a one-language site answers the same to all.
    Accept-Encoding: added up front for compressible types, so that a 304 built before
    compression carries the same Vary as the compressed 200."""
    dropped = {"cookie"}
    if len(settings.LANGUAGES) <= 1:
        dropped.add("accept-language")
    kept = []
    for field in re.split(r"\s*,\s*", response.get("Vary", "")):
        if field and field.lower() not in dropped and field.lower() not in map(str.lower, kept):
            kept.append(field)
    if COMPRESSIBLE_TYPES.match(response.get("Content-Type", "")) and "accept-encoding" not in (
        field.lower() for field in kept
    ):
        kept.append("Accept-Encoding")
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response.headers["Vary"]


def _directives(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


def _says_not_shared(response):
    return bool(_directives(response) & set(_NO_SHARED_STORE))
