"""Security headers that the settings alone cannot express.

* ``NewsroomCSPMiddleware``: django-csp's middleware, with a second policy for the admin
  (``CONTENT_SECURITY_POLICY_ADMIN``): the public pages keep the strictest one, the admin
  adds what its editor and picker need. A view decorated with ``csp_replace`` or
  ``csp_update`` still wins.
* ``CrossOriginResourcePolicyMiddleware``: ``Cross-Origin-Resource-Policy`` on every
  response, ``same-origin`` except where other sites are meant to load us (feeds, media).
* ``csp_nonce`` template filter (``{% load csp_media %}``): gives a form's ``media`` the
  request's nonce, so that the ``<script type="importmap">`` of django-prose-editor runs
  under a policy without ``'unsafe-inline'``.
"""

import re

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django import template
from django.conf import settings
from django.urls import reverse
from js_asset import Media

register = template.Library()


def _admin_prefix():
    return reverse("admin:index")


class NewsroomCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and parts.config is None
            and admin_policy
            and request.path_info.startswith(_admin_prefix())
        ):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


class CrossOriginResourcePolicyMiddleware:
    """``same-origin`` by default; ``cross-origin`` on paths matching CORP_CROSS_ORIGIN_PATHS.

    Feeds and media are made to be used elsewhere: web feed readers show the enclosure
    images and fetch the feeds from their own origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cross_origin = [re.compile(pattern) for pattern in settings.CORP_CROSS_ORIGIN_PATHS]

    def __call__(self, request):
        response = self.get_response(request)
        if "Cross-Origin-Resource-Policy" not in response:
            path = request.path_info.lstrip("/")
            shared = any(pattern.search(path) for pattern in self.cross_origin)
            response["Cross-Origin-Resource-Policy"] = "cross-origin" if shared else "same-origin"
        return response


@register.filter
def csp_nonce(media, request):
    """``{{ media|csp_nonce:request }}``: the media's tags, import map included, nonced."""
    nonce = getattr(request, "csp_nonce", None)
    # Not a truth test: django-csp's lazy nonce is falsy until it is first read.
    if nonce is None:
        return media
    return Media.from_media(media, nonce=nonce)
