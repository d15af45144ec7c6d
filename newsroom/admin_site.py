"""The newsroom's admin site: strict list lookups for every model admin, staff login.

Installed as the default site (``newsroom.apps.NewsroomAdminConfig``), so
``admin.site`` *is* this site and every ``register()`` call — ours, Django's auth
admins, taggit's — goes through :meth:`NewsroomAdminSite.register`, which gives the
admin class a strict changelist. That is the one place where list lookups are decided:

A changelist only accepts what it offers: the parameters its list filters consume
(a SimpleListFilter's ``parameter_name``, a field filter's ``expected_parameters()``),
the date drill-down, the search ``q``, the ordering ``o``, the page ``p``, ``all``,
``_facets``, ``_popup``, ``_to_field`` (checked by Django itself), ``e``, and the
``limit_choices_to`` lookups that Django's raw-id popups add. Anything else, such as
``?body__regex=(a+)+$`` or ``?password__startswith=p``, is refused with a 400
(DisallowedModelAdminLookup) before any query runs. Django's own rule only refuses
lookups across relations: a lookup on the model's own fields would run as given.
``_changelist_filters`` belongs to the change/add/delete views, which pass it back to
the changelist after a save: there it is unpacked, and checked like any other query.
"""

import functools
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path

from access.staff import is_editor
from newsroom.admin_titles import FrenchTitlesMixin


def raw_id_lookup_allowed(model, lookup, values):
    """The ``limit_choices_to`` lookups a raw-id popup adds to its changelist URL."""
    for fk_lookup in model._meta.related_fkey_lookups:
        if callable(fk_lookup):
            fk_lookup = fk_lookup()
        offered = widgets.url_params_from_lookup_dict(fk_lookup)
        if lookup in offered and all(value == offered[lookup] for value in values):
            return True
    return False


def _date_part(values, low, high):
    """One date drill-down value (Django uses the last one), as an int within bounds."""
    raw = values[-1]
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 4):
        raise DisallowedModelAdminLookup("Date de navigation invalide.")
    value = int(raw)
    if not low <= value <= high:
        raise DisallowedModelAdminLookup("Date de navigation invalide.")
    return value


class StrictChangeListMixin:
    def get_filters(self, request):
        params = self.get_filters_params()
        drill_down = self._check_date_hierarchy(params)
        result = super().get_filters(request)
        remaining = result[2]
        refused = [
            key
            for key in remaining
            if key not in drill_down
            and not raw_id_lookup_allowed(self.model, key, params.get(key, []))
        ]
        if refused:
            # No user input in the message: it may end up in logs.
            raise DisallowedModelAdminLookup("Filtre non proposé par cette liste.")
        return result

    def _check_date_hierarchy(self, params):
        """Validate the drill-down values Django would turn into a date range.

        Django builds the range without bounds checks: year 9999 or 10**30 would be a
        500. Returns the range lookups Django adds, which are then allowed.
        """
        field = self.date_hierarchy
        if not field or f"{field}__year" not in params:
            return set()
        year = _date_part(params[f"{field}__year"], 1, 9998)
        month = day = 1
        if f"{field}__month" in params:
            month = _date_part(params[f"{field}__month"], 1, 12)
        if f"{field}__day" in params:
            day = _date_part(params[f"{field}__day"], 1, 31)
        try:
            datetime(year, month, day) + timedelta(days=32)
        except (ValueError, OverflowError):
            raise DisallowedModelAdminLookup("Date de navigation invalide.") from None
        return {f"{field}__gte", f"{field}__lt"}


@functools.cache
def strict_changelist(changelist_class):
    return type(f"Strict{changelist_class.__name__}", (StrictChangeListMixin, changelist_class), {})


class StrictLookupsMixin:
    def get_changelist(self, request, **kwargs):
        return strict_changelist(super().get_changelist(request, **kwargs))


@functools.cache
def strict_admin(admin_class):
    """The admin class with strict list lookups and French page titles (admin_titles)."""
    if issubclass(admin_class, StrictLookupsMixin):
        return admin_class
    return type(admin_class.__name__, (StrictLookupsMixin, FrenchTitlesMixin, admin_class), {})


def two_factor_required(request):
    """With OTP_REQUIRED_FOR_EDITORS, an editor's session must be verified by a code."""
    user = request.user
    if not settings.OTP_REQUIRED_FOR_EDITORS or not is_editor(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


class NewsroomAdminSite(admin.AdminSite):
    site_title = "Rédaction"
    index_title = "Tableau de bord"
    site_url = "/"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} — rédaction"

    @property
    def login_form(self):
        from newsroom.login_protection import StaffLoginForm

        return StaffLoginForm

    # Models of other apps, named as the newsroom says it (their Meta would need a
    # migration in the library's own package).
    MODEL_NAMES = {"taggit.tag": "Mots-clés"}

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        # One app's dict (None if this user may see none of it), or all of them.
        apps = (app_dict,) if label else app_dict.values()
        for app in filter(None, apps):
            for model in app.get("models", []):
                name = self.MODEL_NAMES.get(model["model"]._meta.label_lower)
                if name:
                    model["name"] = name
        return app_dict

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = strict_admin(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        if view in (self.logout, self.i18n_javascript):
            return inner

        @functools.wraps(inner)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and two_factor_required(request):
                return redirect(f"{self.name}:two_factor")
            return inner(request, *args, **kwargs)

        return guarded

    def get_urls(self):
        from newsroom.two_factor import two_factor_view

        # Not through self.admin_view: it is where the guard above sends editors.
        view = super().admin_view(functools.partial(two_factor_view, site=self))
        return [
            path("securite/double-authentification/", view, name="two_factor"),
            # Before Django's own: its shortcut redirects to any object's public URL,
            # and a draft's slug gives its title away.
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site_view),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def view_on_site_view(self, request, content_type_id, object_id):
        """Django's "view on site" shortcut, for objects this user may see here only."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404("Objet introuvable.") from None
        model_admin = self._registry.get(model)
        # Its get_queryset() applies the staff access policy (access.staff).
        obj = model_admin.get_object(request, unquote(object_id)) if model_admin else None
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("Objet introuvable.")
        return contenttype_views.shortcut(request, content_type_id, object_id)
