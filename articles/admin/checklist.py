"""The pre-publication checklist in the article admin (rules: articles.checklist).

Shown in the change form's side column, and refreshed as one writes: checklist.js posts
the whole form to ``checklist_view``, which answers the list's fragment and never saves
anything. The same permissions as the change form itself (an article this user may not
see is a 404); the admin's own CSRF protection.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone

from access import staff
from articles.admin.routes import admin_paths, admin_reverse
from articles.checklist import WARNING, Values, blocking, evaluate
from articles.checklist_sources import cleaned_value, values_of_article, values_of_form

FRAGMENT_TEMPLATE = "admin/articles/article/_checklist_items.html"


class ChecklistAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    def get_urls(self):
        routes = [
            ("liste-de-controle/", self.checklist_view, "checklist_add"),
            ("<path:object_id>/liste-de-controle/", self.checklist_view, "checklist"),
        ]
        return admin_paths(self, routes) + super().get_urls()

    def _checklist_at(self, request, published_at):
        # For an editor, links are checked at the article's own (future) date: an
        # article scheduled before it will be public by then. Anyone else: now.
        if staff.is_editor(request.user) and published_at and published_at > timezone.now():
            return published_at
        return None

    def _checklist_of_form(self, request, form, obj):
        if "published_at" in form.fields:
            published_at = cleaned_value(form, "published_at")
        else:
            published_at = obj.published_at if obj is not None else None
        at = self._checklist_at(request, published_at)
        return evaluate(values_of_form(form, obj, at=at))

    def checklist_view(self, request, object_id=None):
        """The checklist of the form as posted (the article's page, or the add page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if object_id is None:
            obj = None
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404("Article introuvable.")
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        form_class = self.get_form(request, obj, change=obj is not None)
        # Bound but never validated nor saved: each field is read on its own.
        form = form_class(request.POST, instance=obj)
        items = self._checklist_of_form(request, form, obj)
        return TemplateResponse(request, FRAGMENT_TEMPLATE, self._checklist_context(items))

    def _checklist_context(self, items):
        warnings = sum(1 for item in items if item.state == WARNING)
        return {
            "checklist": items,
            "checklist_blocking": len(blocking(items)),
            "checklist_warnings": warnings,
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:  # a POST shown again (errors, refused transition): as typed
            items = self._checklist_of_form(request, form, obj)
        elif obj is not None:
            at = self._checklist_at(request, obj.published_at)
            items = evaluate(values_of_article(obj, at=at))
        else:
            # A new article: signed by its writer, as the bylines' initial row says.
            profile = getattr(request.user, "author_profile", None)
            items = evaluate(Values(author_count=int(profile is not None)))
        context.update(self._checklist_context(items))
        may_edit = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        if may_edit:
            context["checklist_url"] = (
                admin_reverse(self, "checklist_add")
                if obj is None
                else admin_reverse(self, "checklist", obj.pk)
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
