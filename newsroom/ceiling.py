"""The stack's ceiling for the benchmark (bench/run.py): the cheapest page Django can serve.

It goes through the whole middleware stack under the same gunicorn as the real pages, but
reads no database, cache or template: its requests per second are the most any page can
reach, and each page's throughput is reported as a share of it. Mounted only when
BENCH_CEILING_VIEW=1 (newsroom/urls.py): production has no such address.
"""

from django.http import HttpResponse


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
