"""taggit's tag admin, under the staff access policy (access.staff).

taggit registers its own TagAdmin, which lists and searches every tag for anyone with
``view_tag`` (journalists have it), so a tag typed only on a colleague's draft was read
there and in the admin autocomplete over tags. Re-registered here, through the newsroom
admin site (strict list lookups, see newsroom/admin_site.py):

- the list, its search, the autocomplete, the change, history and delete views only
  know the tags of ``staff.visible_tags()``; any other id is a 404, like one that never
  existed;
- creating, renaming, merging and deleting tags is the editors' (``staff.can_manage_tags``);
- a tag name stays on one line (no line break nor control character).

taggit's merge action trusted the ids posted with it and its view checked no permission:
here the action keeps the selection Django filtered through ``get_queryset()``, and the
merge view answers 403 to anyone who may not merge.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from taggit import admin as taggit_admin
from taggit.models import Tag

from access import staff
from articles.plaintext import has_control_characters, validate_single_line_text

SESSION_KEY = "selected_tag_ids"  # taggit's merge view reads the selection there


def _joined(ids):
    return ",".join(str(pk) for pk in ids)


if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name" in self.fields:  # absent from a read-only view
            self.fields["name"].validators.append(validate_single_line_text)


@admin.register(Tag)
class TagAdmin(taggit_admin.TagAdmin):
    form = TagAdminForm
    actions = ["render_tag_form"]
    # For a journalist each count runs the visibility subquery: one count, not two.
    show_full_result_count = False

    def get_queryset(self, request):
        # The list and its search, the autocomplete and every object view ask here.
        return staff.visible_tags(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and staff.can_manage_tags(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and staff.can_manage_tags(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and staff.can_manage_tags(request.user)

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A hidden tag is a 404 (Django would redirect with "does not exist").
        raise Http404("Mot-clé introuvable.")

    def _visible_or_404(self, request, object_id):
        # Django answers a forged POST (or a delete) with 403 before looking the tag up:
        # a hidden tag must be a 404 first, whatever the method.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("Mot-clé introuvable.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._visible_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description="Fusionner les mots-clés sélectionnés", permissions=["merge"])
    def render_tag_form(self, request, queryset):
        # ``queryset`` is the selection as Django filtered it: visible tags only.
        request.session[SESSION_KEY] = _joined(queryset.values_list("pk", flat=True))
        return redirect("admin:taggit_tag_merge_tags")

    def merge_tags_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        selected = request.session.get(SESSION_KEY, "").split(",")
        wanted = [pk for pk in selected if pk.isascii() and pk.isdigit()]
        # Tags deleted since the selection would be a 500 in taggit's view.
        found = self.get_queryset(request).filter(pk__in=wanted).values_list("pk", flat=True)
        if not found:
            self.message_user(request, "Sélectionnez au moins un mot-clé.", messages.WARNING)
            return redirect("admin:taggit_tag_changelist")
        request.session[SESSION_KEY] = _joined(found)
        name = request.POST.get("new_tag_name", "")
        if request.method == "POST" and has_control_characters(name):
            self.message_user(
                request,
                "Le nouveau nom tient sur une ligne : retirez les retours à la ligne, "
                "tabulations et caractères de contrôle.",
                messages.ERROR,
            )
            return redirect("admin:taggit_tag_merge_tags")
        return super().merge_tags_view(request)
