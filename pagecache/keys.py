"""Names of everything the page cache stores, and the cache key of a request.

Dependency keys (opaque strings for pagecache.http and the CDN) say what a page showed:
- "article:<pk>", "section:<pk>", "tag:<pk>", "author:<pk>", "image:<pk>": an instance
  loaded while the page rendered (pagecache.deps records them through post_init);
- "list:section:<pk>", "list:tag:<pk>", "list:author:<pk>": which articles a list holds,
  declared by the list views (a newly published article was not loaded by the old render);
- "home", "feeds", "sitemaps": the same for the home page, every feed, every sitemap;
- "cta": the call-to-action box of article pages (one may appear where there was none);
- "nav": the menu of top-level sections, on every page;
- "all": every page (bulk loads bump it);
- "schedule": the next scheduled publication or expiry (pagecache.boundaries).

Request keys: the path plus only the page number a list view reads (``page``, or ``p``
for sitemaps), validated as digits, so that ``?x=1``, ``?x=2``… map to the same entry.
"""

import hashlib
import re
from urllib.parse import quote

# ASCII digits only, as articles.listings.paginate (str.isdigit() accepts "²").
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")
# Longer paths are hashed: memcached refuses keys over 250 bytes, and a flood of long
# 404 paths must not grow the lock keys either.
MAX_PATH_IN_KEY = 200

HOME = "home"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
CTA = "cta"
NAV = "nav"
ALL = "all"
SCHEDULE = "schedule"
REDIRECTS = "redirects"
# Every page shows the menu; "all" lets a bulk load invalidate everything at once.
ALWAYS = frozenset({ALL, NAV})

EPOCH = "pc:epoch"
# Entries: renamed whenever pagecache.store.Entry changes shape, so that a deploy never
# unpickles an older release's entries (pc:e: had no epoch stamp).
ENTRY_PREFIX = "pc:p:"
BOUNDARY = "pc:boundary"


def article(pk):
    return f"article:{pk}"


def section(pk):
    return f"section:{pk}"


def tag(pk):
    return f"tag:{pk}"


def author(pk):
    return f"author:{pk}"


def image(pk):
    return f"image:{pk}"


def section_list(pk):
    return f"list:section:{pk}"


def tag_list(pk):
    return f"list:tag:{pk}"


def author_list(pk):
    return f"list:author:{pk}"


def version(dep):
    """Where the current version token of a dependency key lives (never expires)."""
    return f"pc:v:{dep}"


def count(dep):
    """Where the stored count of the list ``dep`` lives (pagecache.counts)."""
    return f"pc:n:{dep}"


def lock(entry_key):
    return "pc:l:" + entry_key.removeprefix(ENTRY_PREFIX)


# The views whose anonymous 200 answers may be stored, with the keys they depend on
# beyond the instances they load. Resolved after the render (request.resolver_match),
# so a hit resolves nothing; any other view is never stored.
CACHEABLE_VIEWS = {
    "articles:home": frozenset({HOME}),
    "articles:resolve": frozenset(),  # sections and articles declare their own keys
    "articles:tag": frozenset(),
    "authors:detail": frozenset(),
    "seo:feed": frozenset({FEEDS}),
    "seo:section_feed": frozenset({FEEDS}),
    "seo:tag_feed": frozenset({FEEDS}),
    "seo:author_feed": frozenset({FEEDS}),
    "seo:sitemap_index": frozenset({SITEMAPS}),
    "seo:news_sitemap": frozenset({SITEMAPS}),
    "seo:sitemap": frozenset({SITEMAPS}),
    "seo:robots": frozenset({SITEMAPS}),
}
# Views whose page no article date can change: no boundary to compute (no query).
TIMELESS_VIEWS = frozenset({"seo:robots"})
# Views that read a page number (the others ignore it: one entry whatever ?page= says).
PAGINATED_VIEWS = frozenset({"seo:sitemap", "seo:news_sitemap"})


def page_param(path):
    """The one query parameter the view at ``path`` may read."""
    return "p" if path.startswith("/sitemap") else "page"


class Spec:
    """The entry keys a request may be answered from.

    ``base`` holds the page for the bare path (and for every query string when the view
    reads no page number); ``paged`` the page number's own entry (None for page 1).
    """

    __slots__ = ("base", "paged")

    def __init__(self, base, paged):
        self.base = base
        self.paged = paged


def request_spec(request):
    """The request's entry keys, or None when it must not be cached (bad page number)."""
    path = request.path
    quoted = quote(path, safe="/-_.~")
    if len(quoted) > MAX_PATH_IN_KEY:
        quoted = "#" + hashlib.sha256(path.encode()).hexdigest()
    # Pages carry absolute URLs built from the request (canonical link, Open Graph, JSON-LD,
    # feeds, sitemaps): one entry per scheme and allowed host, as Django's cache middleware
    # keys on the absolute URI. get_host() refuses a host outside ALLOWED_HOSTS (a 400).
    origin = quote(f"{request.scheme}://{request.get_host()}", safe=":/-_.~")
    base = f"{ENTRY_PREFIX}{origin}{quoted}"
    if not request.META.get("QUERY_STRING"):
        return Spec(base, None)
    raw = request.GET.get(page_param(path))
    if raw is None or raw == "":
        return Spec(base, None)
    if not PAGE_NUMBER.fullmatch(raw):
        # The view answers 404 (which is never stored); nothing to look up.
        return None
    number = int(raw)
    return Spec(base, None if number == 1 else f"{base}?{number}")
