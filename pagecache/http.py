"""HTTP caching headers for pages served from the page cache (see docs/caching.md)."""

from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag


def apply_public_headers(request, response, *, keys, hard_until, now):
    """Public Cache-Control bounded by hard_until, Surrogate-Key/Cache-Tag, ETag."""
    max_age = 60
    if hard_until is not None:
        max_age = max(0, min(max_age, int((hard_until - now).total_seconds())))
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
    ordered = sorted(keys)
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
    if not response.has_header("ETag") and not response.streaming:
        set_response_etag(response)
    return response


def apply_private_headers(response):
    """Never stored by a shared cache."""
    cc = response.get("Cache-Control", "")
    if "no-store" not in cc and "no-cache" not in cc:
        patch_cache_control(response, private=True, no_store=True)
    return response


def not_modified(request, response):
    """A 304 if the request's validators match, else None."""
    conditional = get_conditional_response(request, etag=response.get("ETag"), response=response)
    if conditional is response:
        return None
    return conditional
