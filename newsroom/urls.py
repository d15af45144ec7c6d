import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsroom.ceiling import ceiling
from newsroom.health import healthz
from subscriptions.urls import allauth_patterns

urlpatterns = [
    # Load balancer probe; exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT).
    path("healthz", healthz, name="healthz"),
    # Staff password reset (the login's « Mot de passe oublié ? »): before the admin's
    # catch-all. The admin site itself is newsroom/admin_site.py.
    path("admin/", include("newsroom.password_reset")),
    path("admin/", admin.site.urls),
    path("", include("authors.urls")),
    # Feeds, sitemaps and robots.txt: before the catch-all.
    path("", include("articles.seo_urls")),
    # Reader search (/recherche/): before the catch-all.
    path("", include("search.urls")),
    # Reader accounts: « Mon compte » and allauth's pages (/comptes/login/…).
    path("comptes/", include("subscriptions.urls")),
    path("comptes/", include(allauth_patterns)),
    # Last: its catch-all resolves section and article paths.
    path("", include("articles.urls")),
]

if settings.BENCH_CEILING_VIEW:
    # Benchmark only (bench/run.py), before the catch-all; absent unless enabled.
    urlpatterns.insert(0, path("_banc/plafond/", ceiling, name="bench_ceiling"))

if settings.SERVE_MEDIA:
    # Demo only: production serves media from object storage behind the CDN.
    urlpatterns = [
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
