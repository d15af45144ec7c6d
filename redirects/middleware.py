"""Old addresses answer 301 to their new one, only where the site would answer 404.

Placed last in MIDDLEWARE (like django.contrib.redirects' RedirectFallbackMiddleware):
a live page is never shadowed, a normal page costs no query, and a 404 costs one.
"""

from django.http import HttpResponsePermanentRedirect

from redirects.models import Redirect


def with_query_string(target, query_string):
    """``target`` with the request's query string added (before any fragment)."""
    if not query_string:
        return target
    target, sep, fragment = target.partition("#")
    joiner = "&" if "?" in target else "?"
    return f"{target}{joiner}{query_string}{sep}{fragment}"


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return self.process_response(request, response)

    def process_response(self, request, response):
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = Redirect.objects.target_for(request.path_info)
        if target is None:
            return response
        target = with_query_string(target, request.META.get("QUERY_STRING", ""))
        if target == request.get_full_path():
            return response
        return HttpResponsePermanentRedirect(target)
