"""gzip for pages, feeds and sitemaps (Django's GZipMiddleware, BREACH-padded since 4.2).

Only the types pagecache.http lists as compressible: an image, a PDF download or an
already compressed file gains nothing and would cost CPU on every request. Its place in
MIDDLEWARE: above PageCacheMiddleware, so that cache hits are compressed too and the
page cache stores one uncompressed copy whatever the client accepts.
"""

from django.middleware.gzip import GZipMiddleware

from pagecache.http import COMPRESSIBLE_TYPES


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not COMPRESSIBLE_TYPES.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
