"""PageCacheMiddleware: anonymous GETs of public pages answered from the page cache.

Placed after SecurityMiddleware, the body limits and WhiteNoise, before the CSP,
session and auth middlewares: a hit costs two cache round trips (the entry, then the
versions of its dependencies in one get_many) and no query, template or URL resolving.
What it stores is the final response of the inner middlewares (CSP headers included).

Anonymity is read from the cookies: a session or messages cookie (staff, a logged-in
reader, a message waiting to be shown) bypasses the cache both ways. A CSRF cookie alone
does not (every reader who once opened the login page has one, for a year): a page that
uses the token sets the cookie and Vary: Cookie, so it is never stored, and a stored page
holds no token. Only the views listed in
pagecache.keys.CACHEABLE_VIEWS are stored, and only a 200 without cookies, without
Vary: Cookie, without a private/no-store/no-cache Cache-Control from the view.

Stampedes: one render per key (a lock taken with cache.add). Meanwhile the others get
the previous copy if it is only past its soft TTL (never after an invalidation nor past
its hard_until), otherwise wait for the new copy up to PAGE_CACHE_LOCK_WAIT_MS, then
render themselves. ``X-Cache`` says hit, stale, miss or bypass.
"""

import math
import time
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponse

from pagecache import boundaries, deps, http, keys
from pagecache.store import Entry, Store

# Staff surfaces, share links, reader accounts: never stored, and marked private for
# any cache.
PRIVATE_PREFIXES = ("/admin/", "/apercu/", "/comptes/")
# Public but live (search) or files (resources): left alone.
UNCACHED_PREFIXES = ("/recherche/", "/ressources/", "/healthz", "/_banc/", "/static/", "/media/")
NOT_STORED_HEADERS = frozenset({"content-length", "x-cache", "set-cookie"})
NOT_SHARED = ("private", "no-store", "no-cache")
POLL_SECONDS = 0.05


def _aware(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC)


def anonymous(request):
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def storable_view(request, response):
    """The view name if ``response`` may be stored for every anonymous reader, else None."""
    if request.method != "GET":
        return None  # a HEAD may come back without its body: GETs fill the cache
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in keys.CACHEABLE_VIEWS:
        return None
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in NOT_SHARED):
        return None
    vary = response.get("Vary", "").lower()
    if "cookie" in vary or "*" in vary:
        return None
    # Compressed inside the cache would store one client's encoding for all.
    if response.has_header("Content-Encoding"):
        return None
    # A nonce is per response: a stored page would replay it.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return None
    return match.view_name


class PageCacheMiddleware:
    def __init__(self, get_response, store=None, clock=time.time, sleep=time.sleep):
        self.get_response = get_response
        self.store = store or Store()
        # Injected by the tests: the lock logic is checked without real waits.
        self.clock = clock
        self.sleep = sleep

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        path = request.path
        if request.method not in ("GET", "HEAD") or not anonymous(request):
            return self.bypass(request, private=True)
        if path.startswith(PRIVATE_PREFIXES):
            return self.bypass(request, private=True)
        if path.startswith(UNCACHED_PREFIXES):
            return self.bypass(request, private=False)
        spec = keys.request_spec(request)
        if spec is None:
            return self.bypass(request, private=False)
        return self.serve(request, spec)

    def bypass(self, request, private):
        response = self.get_response(request)
        if private:
            http.apply_private_headers(response)
        response.headers["X-Cache"] = "bypass"
        return response

    # --- reading ------------------------------------------------------------------

    def lookup(self, spec):
        """(the entry key this request maps to, its entry or None, the current epoch).

        One cache call for a bare path or a page number already stored; a page number
        of a view that reads none falls back to the bare path's entry (a second call)."""
        if spec.paged is not None:
            entry, epoch = self.store.with_epoch(spec.paged)
            if entry is not None:
                return spec.paged, entry, epoch
        entry, epoch = self.store.with_epoch(spec.base)
        if spec.paged is None or (entry is not None and not entry.paginated):
            return spec.base, entry, epoch
        return spec.paged, None, epoch

    def state(self, entry_key, entry, epoch, now):
        """ "fresh", "stale" (past its soft TTL only) or None (invalid: never served).

        While the epoch is the one the entry was last checked under, nothing was
        invalidated since: no version to read. Otherwise its versions are read (after the
        epoch, see pagecache.store) and, still current, it is stamped with that epoch."""
        if not isinstance(entry, Entry):
            return None
        if entry.hard_until is not None and now >= entry.hard_until:
            return None
        if epoch is None or entry.checked != epoch:
            if epoch is None or not self.store.still_current(entry):
                return None
            self.store.restamp(entry_key, entry, epoch, now)
        return "fresh" if now < entry.soft_until else "stale"

    def serve(self, request, spec):
        now = self.clock()
        entry_key, entry, epoch = self.lookup(spec)
        state = self.state(entry_key, entry, epoch, now) if entry is not None else None
        if state == "fresh":
            return self.answer(request, entry, "hit")
        if self.store.lock(entry_key):
            return self.render(request, spec, entry_key)
        if state == "stale":
            return self.answer(request, entry, "stale")
        waited = self.wait(spec, entry_key)
        if waited is not None:
            return self.answer(request, waited, "hit")
        return self.render(request, spec, None)

    def wait(self, spec, entry_key):
        """The entry another worker is rendering, once stored; None after the wait (or
        as soon as its lock is gone without an entry: a 404, a lost race)."""
        deadline = self.clock() + settings.PAGE_CACHE_LOCK_WAIT_MS / 1000
        while self.clock() < deadline:
            self.sleep(POLL_SECONDS)
            key, entry, epoch = self.lookup(spec)
            if entry is not None and self.state(key, entry, epoch, self.clock()) == "fresh":
                return entry
            if self.store.get(keys.lock(entry_key)) is None:
                return None
        return None

    def answer(self, request, entry, label):
        response = HttpResponse(entry.content, status=entry.status)
        headers = response.headers
        for name, value in entry.headers:
            headers[name] = value
        # As CommonMiddleware sets it on a render: no chunked encoding for a hit.
        headers["Content-Length"] = str(len(entry.content))
        return self.finish(request, response, entry, label)

    def finish(self, request, response, entry, label):
        response.headers["Cache-Control"] = http.cache_control(
            hard_until=entry.hard_until, now=self.clock(), collapsed=entry.collapsed
        )
        response.headers["X-Cache"] = label
        return http.not_modified(request, response) or response

    # --- rendering ----------------------------------------------------------------

    def render(self, request, spec, locked_key):
        try:
            started = self.clock()
            versions, found = self.store.current([keys.SCHEDULE], extra=[keys.EPOCH, keys.BOUNDARY])
            epoch = found[keys.EPOCH] or self.store.epoch()
            with deps.recording() as render:
                response = self.get_response(request)
            view = storable_view(request, response)
            if view is None:
                response.headers["X-Cache"] = "miss"
                return response
            dep_keys = render.keys | keys.ALWAYS | keys.CACHEABLE_VIEWS[view]
            paginated = render.paginated or view in keys.PAGINATED_VIEWS
            hard_until = (
                None
                if view in keys.TIMELESS_VIEWS
                else boundaries.hard_until(
                    self.store, _aware(started), found[keys.BOUNDARY], versions[keys.SCHEDULE]
                )
            )
            entry = self.save(spec, response, dep_keys, paginated, hard_until, epoch)
            if entry is None:
                # Rendered while something changed, or no cache: served, not stored, and
                # no shared cache may keep it either.
                http.apply_private_headers(response)
                response.headers["X-Cache"] = "miss"
                return response
            return self.finish(request, response, entry, "miss")
        finally:
            if locked_key is not None:
                self.store.unlock(locked_key)

    def save(self, spec, response, dep_keys, paginated, hard_until, epoch):
        """Store the page if no invalidation happened since its render began."""
        names = tuple(sorted(dep_keys))
        versions, found = self.store.current(names, extra=[keys.EPOCH])
        if epoch is None or found[keys.EPOCH] != epoch:
            return None
        versions = self.store.fill_missing(versions)
        if None in versions.values():
            return None
        now = self.clock()
        if hard_until is not None and now >= hard_until:
            return None
        # Tags, ETag (hashed once here) and Vary are the same on every hit.
        collapsed = http.stored_headers(response, dep_keys)
        ttl = settings.PAGE_CACHE_TTL
        timeout = ttl + settings.PAGE_CACHE_STALE_GRACE
        if hard_until is not None:
            timeout = min(timeout, math.ceil(hard_until - now))
        timeout = max(timeout, 1)
        entry = Entry(
            status=response.status_code,
            headers=tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_STORED_HEADERS
            ),
            content=response.content,
            deps=names,
            versions=tuple(versions[name] for name in names),
            soft_until=now + ttl,
            hard_until=hard_until,
            paginated=paginated,
            # Its versions were read before the epoch it was rendered under (current()).
            checked=epoch,
            expires_at=now + timeout,
            collapsed=collapsed,
        )
        key = spec.paged if paginated and spec.paged else spec.base
        self.store.set(key, entry, timeout)
        return entry
