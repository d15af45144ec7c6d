"""/healthz: is this worker able to serve pages? For load balancers and uptime probes."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers():
    # A read is enough to reach Redis; a probe must write nothing anywhere.
    cache.get("healthz-probe")
    return True


@require_safe
@never_cache
def healthz(request):
    """200 "ok" when the database and the cache answer, 503 otherwise.

    The body never says what failed (it is public); the log does. No session, no write.
    """
    for name, probe in (("database", _database_answers), ("cache", _cache_answers)):
        try:
            healthy = probe()
        except Exception:  # any backend error means "not ready", never a 500
            logger.exception("healthz: %s unavailable", name)
            healthy = False
        if not healthy:
            return HttpResponse("indisponible", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
