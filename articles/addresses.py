"""Public addresses of sections and articles without a ``reverse()`` per card.

A list page links to each card's article and section: 70 ``reverse()`` calls on the
home page, each a walk of the URL resolver. The address of a path of slugs is always
the same pattern ("articles:resolve") around the path, so it is reversed once (per URL
configuration and script prefix) with a marker, and each path is quoted into it exactly
as ``reverse()`` would.
"""

from functools import lru_cache
from urllib.parse import quote

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes

# Letters only: reverse() leaves it as it is, so it can be found in its answer.
_MARKER = "zzpathmarkerzz"
# What reverse() leaves unquoted in an argument (django.urls.resolvers).
_SAFE = RFC3986_SUBDELIMS + "/~:@"


@lru_cache(maxsize=16)
def _around(resolver, script_prefix):
    # The resolver object, not the urlconf's name: clear_url_caches() (settings
    # overridden in tests) builds a new one, so a changed configuration is reversed again.
    before, _, after = reverse("articles:resolve", kwargs={"path": _MARKER}).partition(_MARKER)
    return before, after


def path_url(path):
    """``reverse("articles:resolve", kwargs={"path": path})``, without the resolver walk."""
    before, after = _around(get_resolver(get_urlconf()), get_script_prefix())
    return escape_leading_slashes(f"{before}{quote(path, safe=_SAFE)}{after}")
