"""Deleting an article puts it in the trash; editors browse, restore and purge it.

``TrashOnDeleteMixin`` (mixed into ArticleAdmin) turns the delete view and the
"delete selected" action into a move to the trash: same permission checks, per
article (access.staff.can_delete_article through has_delete_permission), same
confirmation page with words that say what happens. ``TrashAdmin`` is the « Corbeille »:
read-only, for those access.staff.can_manage_trash allows; restoring and purging are
POST-only actions, checked again on the server.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from access.staff import can_manage_trash
from articles import trash
from articles.models import ArticleAuthor, TrashedArticle
from articles.revisions import user_label


def _trash_notice():
    days = trash.retention_days()
    return (
        f"Un article supprimé reste restaurable par un éditeur pendant {days} jours, "
        "puis il est supprimé définitivement."
    )


def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected", moving the articles to the trash.

    Each article is checked (get_deleted_objects): one the user may not delete refuses
    the whole batch, as Django does.
    """
    deletable, model_count, perms_needed, protected = modeladmin.get_deleted_objects(
        queryset, request
    )
    if request.POST.get("post"):
        if perms_needed:
            raise PermissionDenied
        articles = list(queryset)
        if articles:
            modeladmin.log_deletions(request, queryset)
            moved = modeladmin.delete_queryset(request, articles)
            modeladmin.message_user(
                request,
                f"{moved} {model_ngettext(modeladmin.opts, moved)} placé(s) dans la corbeille.",
                messages.SUCCESS,
            )
        return None
    objects_name = model_ngettext(queryset)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Impossible de supprimer ces {objects_name}"
        if perms_needed
        else "Mettre à la corbeille",
        "subtitle": None,
        "objects_name": str(objects_name),
        "deletable_objects": [deletable],
        "model_count": dict(model_count).items(),
        "queryset": queryset,
        "perms_lacking": perms_needed,
        "protected": protected,
        "opts": modeladmin.opts,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
        "trash_notice": _trash_notice(),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(
        request, "admin/articles/article/delete_selected_confirmation.html", context
    )


delete_selected.allowed_permissions = ("delete",)
delete_selected.short_description = "Mettre à la corbeille les articles sélectionnés"


class TrashOnDeleteMixin:
    """For ArticleAdmin: deleting moves to the trash; nothing else is deleted."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    def get_deleted_objects(self, objs, request):
        """Only the articles themselves: bylines, resources, history stay with them.

        Each article is asked has_delete_permission, like Django's own collector does.
        """
        listed, perms_needed = [], set()
        for article in objs:
            if not self.has_delete_permission(request, article):
                perms_needed.add(self.opts.verbose_name)
            url = reverse("admin:articles_article_change", args=[article.pk])
            listed.append(format_html('{}: <a href="{}">{}</a>', "Article", url, article))
        return listed, {self.opts.verbose_name_plural: len(listed)}, perms_needed, []

    def render_delete_form(self, request, context):
        context["trash_notice"] = _trash_notice()
        return super().render_delete_form(request, context)

    def delete_model(self, request, obj):
        trash.trash_articles([obj], request.user)

    def delete_queryset(self, request, queryset):
        return trash.trash_articles(queryset, request.user)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            f"L'article « {obj_display} » a été placé dans la corbeille.",
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_changelist")


# --- The trash ---------------------------------------------------------------------


def _paris(value):
    return formats.date_format(timezone.localtime(value), "j F Y à H:i") if value else None


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    """« Corbeille »: what each deleted article was, who deleted it, when it goes for good."""

    list_display = [
        "title",
        "section",
        "status_before",
        "deleted_by_name",
        "deleted_on",
        "purged_on",
    ]
    list_select_related = ["section", "deleted_by", "created_by"]
    list_filter = ["section"]
    search_fields = ["title"]
    ordering = ["-deleted_at", "-pk"]
    actions = ["restore_selected", "purge_selected"]
    fields = [
        "title", "slug", "section", "status_before", "published_at", "bylines_display",
        "tags_display", "standfirst", "created_by_name", "deleted_by_name", "deleted_on",
        "purged_on",
    ]  # fmt: skip
    readonly_fields = fields
    # Its public address is a 404 while it is in the trash.
    view_on_site = False
    change_form_template = "admin/articles/trashedarticle/change_form.html"

    # Permissions: the trash is the editors' (access.staff.can_manage_trash).

    def has_view_permission(self, request, obj=None):
        return can_manage_trash(request.user)

    def has_module_permission(self, request):
        return can_manage_trash(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting for good is the purge action, with its own confirmation.
        return False

    def has_restore_permission(self, request):
        return can_manage_trash(request.user)

    def has_purge_permission(self, request):
        return can_manage_trash(request.user)

    # Columns and fields

    @admin.display(description="statut avant suppression")
    def status_before(self, obj):
        return obj.effective_status

    @admin.display(description="supprimé par", ordering="deleted_by__username")
    def deleted_by_name(self, obj):
        return user_label(obj.deleted_by) if obj.deleted_by_id else self.get_empty_value_display()

    @admin.display(description="créé par")
    def created_by_name(self, obj):
        return user_label(obj.created_by) if obj.created_by_id else self.get_empty_value_display()

    @admin.display(description="supprimé le", ordering="deleted_at")
    def deleted_on(self, obj):
        return _paris(obj.deleted_at)

    @admin.display(description="supprimé définitivement le")
    def purged_on(self, obj):
        return _paris(trash.purge_date(obj))

    @admin.display(description="signatures")
    def bylines_display(self, obj):
        bylines = ArticleAuthor.objects.filter(article_id=obj.pk).select_related("author")
        # Not None: a read-only field's callable prints None as is ("None").
        return ", ".join(b.author.name for b in bylines.order_by("position", "pk")) or (
            "Aucune signature"
        )

    @admin.display(description="mots-clés")
    def tags_display(self, obj):
        return ", ".join(sorted(obj.tags.names(), key=str.lower)) or "Aucun mot-clé"

    # Restore

    def get_urls(self):
        restore = path(
            "<path:object_id>/restaurer/",
            self.admin_site.admin_view(self.restore_view),
            name="articles_trashedarticle_restore",
        )
        return [restore, *super().get_urls()]

    def _restore(self, request, pk):
        restored = trash.restore_article(pk, request.user)
        if restored is None:
            return None
        article = restored.article
        message = f"L'article « {article} » est restauré, avec son historique."
        level = messages.SUCCESS
        if restored.slug_changed:
            message += (
                f" Son identifiant d'URL « {restored.old_slug} » était pris entre-temps : "
                f"il devient « {article.slug} »."
            )
            level = messages.WARNING
        self.message_user(request, message, level)
        return article

    def restore_view(self, request, object_id):
        # Checked before looking the article up: a refused user learns nothing about it.
        if not can_manage_trash(request.user):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            pk = int(object_id)
        except ValueError:
            raise Http404("Article introuvable dans la corbeille.") from None
        article = self._restore(request, pk)
        if article is None:
            raise Http404("Article introuvable dans la corbeille.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @admin.action(description="Restaurer les articles sélectionnés", permissions=["restore"])
    def restore_selected(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            self._restore(request, pk)

    # Purge now

    @admin.action(
        description="Supprimer définitivement les articles sélectionnés", permissions=["purge"]
    )
    def purge_selected(self, request, queryset):
        articles = list(queryset)
        if request.POST.get("post") == "oui":
            for article in articles:
                trash.purge_article(article)
            self.message_user(
                request,
                f"{len(articles)} article(s) supprimé(s) définitivement.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Supprimer définitivement",
            "subtitle": None,
            "articles": articles,
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/trashedarticle/purge_confirmation.html", context
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            # Django's "Sélectionnez l'objet … à afficher" reads oddly for a trash.
            "title": "Corbeille",
            **(extra_context or {}),
            "trash_notice": _trash_notice(),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_restore": self.has_restore_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)
