"""The article admin's own pages: each capability's mixin declares its routes here once.

Every route goes through the admin's login, two-factor and permission wrapper, and is
named ``<app>_<model>_<suffix>`` like Django's own admin URLs.
"""

from django.urls import path, reverse


def url_name(model_admin, suffix):
    return f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_{suffix}"


def admin_paths(model_admin, routes):
    """``[(route, view, suffix), …]`` → URL patterns behind ``admin_site.admin_view``."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(route, wrap(view), name=url_name(model_admin, suffix))
        for route, view, suffix in routes
    ]


def admin_reverse(model_admin, suffix, *args):
    return reverse(f"{model_admin.admin_site.name}:{url_name(model_admin, suffix)}", args=args)
