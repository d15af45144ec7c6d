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
merge view answers 403 to anyone who may not merge. The merge itself is ours (French,
inside the admin; taggit's dropped the target tag from its own articles when it was one
of the selection) and deletes the merged tags.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from taggit import admin as taggit_admin
from taggit.models import Tag, TaggedItem

from access import staff
from articles.plaintext import has_control_characters, validate_single_line_text
from search.indexing import refresh_tagged_with

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
        # Not taggit's view: English, outside the admin's frame, and merging into a tag
        # of the selection deleted that tag from its own articles.
        form = MergeTagsForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            target = merge_tags(found, form.cleaned_data["new_tag_name"])
            request.session.pop(SESSION_KEY, None)
            self.message_user(request, f"Mots-clés fusionnés dans « {target.name} ».")
            return redirect("admin:taggit_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Fusionner des mots-clés",
            "form": form,
            "selected": Tag.objects.filter(pk__in=found).order_by("name"),
        }
        return TemplateResponse(request, "admin/taggit/merge_tags_form.html", context)


class MergeTagsForm(forms.Form):
    new_tag_name = forms.CharField(
        label="Nouveau nom",
        max_length=Tag._meta.get_field("name").max_length,
        help_text="Un nouveau nom, ou celui d'un mot-clé existant (de la sélection ou non).",
    )


def merge_tags(tag_ids, name):
    """Move the articles of ``tag_ids`` to the tag called ``name`` (created if need be),
    then delete the merged tags; an article carrying several of them keeps one."""
    with transaction.atomic():
        target, _ = Tag.objects.get_or_create(name=name)
        for item in TaggedItem.objects.filter(tag_id__in=tag_ids).exclude(tag=target):
            duplicate = TaggedItem.objects.filter(
                tag=target, content_type_id=item.content_type_id, object_id=item.object_id
            )
            if duplicate.exists():
                item.delete()
            else:
                item.tag = target
                item.save()
        Tag.objects.filter(pk__in=tag_ids).exclude(pk=target.pk).delete()
        refresh_tagged_with(target.pk)
    return target
