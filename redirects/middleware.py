"""Old addresses answer 301 to their new one, only where the site would answer 404.

Placed last in MIDDLEWARE (like django.contrib.redirects' RedirectFallbackMiddleware):
a live page is never shadowed, a normal page costs no query, and a 404 costs one
(two when an article's old address matches: is its new one public?).
"""

from django.http import HttpResponsePermanentRedirect

from redirects.models import Redirect


def hides_an_article(target):
    """Is ``target`` the address of an article readers may not see (draft, unpublished,
    scheduled, in the trash)? A 301 there would show its new slug, i.e. its new title.

    One query, on the slug index; visibility is then decided on the row itself
    (``is_public``, the same rule as ``published()``): an ``exclude(pk__in=published)``
    subquery read the whole table at 100 000 articles.
    """
    from articles.models import Article

    path = target.split("?", 1)[0].strip("/")
    section_path, _, slug = path.rpartition("/")
    if not section_path:
        return False
    # Several rows only when trashed articles kept the slug (unique among live ones).
    at_target = list(
        Article._base_manager.filter(slug=slug, section__path=section_path).only(
            "status", "published_at", "unpublish_at", "deleted_at"
        )
    )
    return bool(at_target) and not any(article.is_public for article in at_target)


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
        found = Redirect.objects.match(request.path_info)
        if found is None:
            return response
        if found.follows_an_article and hides_an_article(found.target):
            # Embargo: the old address stays a 404 until the article is public again.
            return response
        target = with_query_string(found.target, request.META.get("QUERY_STRING", ""))
        if target == request.get_full_path():
            return response
        return HttpResponsePermanentRedirect(target)
