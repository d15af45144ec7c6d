"""The newsroom's back office: journalists write drafts, editors publish.

Every rule is enforced on the server (permissions, read-only fields, forced defaults),
never by hiding a button: a journalist may forge any POST.
"""

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.db import IntegrityError, models, transaction
from django.db.models import F, Prefetch
from django.utils.html import format_html

from articles.admin.calendar import CalendarAdminMixin
from articles.admin.previews import PreviewAdminMixin
from articles.admin.revisions import RevisionAdminMixin
from articles.admin.workflow import WorkflowAdminMixin
from articles.forms import ArticleAdminForm, ArticlePublisherForm
from articles.models import Article, ArticleAuthor, Resource, Status

PUBLISH_PERMISSION = "articles.publish_article"

# Fields only a user who may publish can set. The editorial workflow (review,
# scheduling) will add its own fields here.
PUBLICATION_FIELDS = ("status", "published_at", "featured", "home_position")

# States in which an article's creator, without the publish permission, may still
# change (or delete) it. Listed, not excluded: a new workflow state is locked until
# someone decides otherwise.
EDITABLE_BY_CREATOR = frozenset({Status.DRAFT})

# Django's slug prefill (URLify) deletes apostrophes; slug.js makes it follow
# articles.slugs.french_slugify. Must come after urlify.js and prepopulate.js.
FRENCH_SLUG_JS = ["admin/js/urlify.js", "admin/js/prepopulate.js", "articles/admin/slug.js"]

# Links typed without a scheme ("www.example.org") get https, not http.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


# --- Who may do what --------------------------------------------------------------


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit_article(user, article):
    """On top of the model permission: may ``user`` change this particular article?"""
    if can_publish(user):
        return True
    return (
        user.is_authenticated
        and article.created_by_id is not None
        and article.created_by_id == user.pk
        and article.status in EDITABLE_BY_CREATOR
    )


def can_delete_article(user, article):
    return can_edit_article(user, article)


# --- Articles ----------------------------------------------------------------------


class ArticlePartInline:
    """Bylines and resources are part of the article: changing them is changing it.

    The inline's own model permissions are required too, unless
    ``requires_model_permissions`` is False.
    """

    requires_model_permissions = True

    def _article_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def _may_edit_article(self, request, obj):
        # obj is the article, None on the add page.
        if obj is None:
            return self._article_admin().has_add_permission(request)
        return self._article_admin().has_change_permission(request, obj)

    def _has_model_permission(self, request, *actions):
        if not self.requires_model_permissions:
            return True
        return any(
            request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename(a, self.opts)}")
            for a in actions
        )

    def has_add_permission(self, request, obj):
        return self._has_model_permission(request, "add") and self._may_edit_article(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._has_model_permission(request, "change") and self._may_edit_article(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self._has_model_permission(request, "delete") and self._may_edit_article(
            request, obj
        )

    def has_view_permission(self, request, obj=None):
        if not self._has_model_permission(request, "view", "change"):
            return False
        if obj is None:
            return self._article_admin().has_view_or_change_permission(request)
        return self._article_admin().has_view_or_change_permission(request, obj)


class BylineInline(ArticlePartInline, admin.TabularInline):
    model = ArticleAuthor
    # A byline is an attribute of the article, like its title: whoever may change
    # the article may change who signs it.
    requires_model_permissions = False
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    ordering = ["position", "pk"]
    extra = 1
    verbose_name = "signature"
    verbose_name_plural = "signatures (dans l'ordre d'affichage)"


class ResourceInline(ArticlePartInline, admin.TabularInline):
    model = Resource
    fields = ["title", "url", "file", "position"]
    formfield_overrides = URL_FIELD_OVERRIDES
    ordering = ["position", "pk"]
    extra = 1


class CreatedByMeFilter(admin.SimpleListFilter):
    title = "créé par"
    parameter_name = "cree_par"

    def lookups(self, request, model_admin):
        return [("moi", "Moi")]

    def queryset(self, request, queryset):
        if self.value() == "moi":
            return queryset.filter(created_by=request.user)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    WorkflowAdminMixin,
    RevisionAdminMixin,
    PreviewAdminMixin,
    CalendarAdminMixin,
    admin.ModelAdmin,
):
    """Each capability (workflow, revisions, previews, calendar) is a mixin of its own module."""

    form = ArticleAdminForm
    inlines = [BylineInline, ResourceInline]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section"]
    save_on_top = True

    list_display = [
        "title", "status", "section", "byline", "published_at", "featured", "public_link",
    ]  # fmt: skip
    list_filter = ["status", "section", "featured", "tags", CreatedByMeFilter]
    search_fields = ["title", "standfirst", "authors__name"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    # Drafts (no publication date) first on every database, then the most recent.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]

    class Media:
        js = FRENCH_SLUG_JS

    # Permissions

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or can_delete_article(request.user, obj)

    # Form

    def get_fieldsets(self, request, obj=None):
        may_publish = can_publish(request.user)
        publication = list(PUBLICATION_FIELDS)
        if obj is not None:
            if may_publish and self.has_change_permission(request, obj):
                publication.append("signal_update")
            publication.append("updated_at")
        fieldsets = [
            ("Contenu", {"fields": ["title", "slug", "standfirst", "body"]}),
            ("Classement", {"fields": ["section", "tags"]}),
            (
                "Publication",
                {
                    "fields": publication,
                    "description": None
                    if may_publish
                    else "La publication et la mise à la une sont réservées aux éditeurs.",
                },
            ),
        ]
        if obj is not None:
            fieldsets.append(
                (
                    "Suivi",
                    {"fields": ["created_by", "created", "modified"], "classes": ["collapse"]},
                )
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["updated_at", "created_by", "created", "modified"]
        if not can_publish(request.user):
            # Out of the form altogether: a forged value is never even read.
            readonly += PUBLICATION_FIELDS
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if can_publish(request.user):
            kwargs.setdefault("form", ArticlePublisherForm)
        return super().get_form(request, obj, change, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline) and obj.pk is None and request.method == "GET":
            # A new article is signed by its writer, when they have an author profile.
            profile = getattr(request.user, "author_profile", None)
            if profile is not None:
                kwargs["initial"] = [{"author": profile.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if can_publish(request.user):
            if form.cleaned_data.get("signal_update"):
                obj.mark_updated()
        elif not change:
            # Belt and braces: these fields are not in a journalist's form anyway.
            for name in PUBLICATION_FIELDS:
                setattr(obj, name, Article._meta.get_field(name).get_default())
        self._save_with_free_slug(obj)

    def _save_with_free_slug(self, obj, attempts=3):
        """The form picked a free slug, but someone may have taken it since."""
        for _ in range(attempts):
            try:
                with transaction.atomic():
                    obj.save()
                return
            except IntegrityError:
                if not Article.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
                    raise
                obj.slug = obj.available_slug(obj.slug)
        obj.save()

    # Change list

    def get_queryset(self, request):
        bylines = ArticleAuthor.objects.select_related("author").order_by("position", "pk")
        return super().get_queryset(request).prefetch_related(Prefetch("bylines", queryset=bylines))

    @admin.display(description="signatures")
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all()) or None

    @admin.display(description="sur le site")
    def public_link(self, obj):
        if not obj.is_public:
            return None
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Voir sur le site</a>',
            obj.get_absolute_url(),
        )

    def view_on_site(self, obj):
        # Drafts and future publications would only give readers' 404.
        return obj.get_absolute_url() if obj.is_public else None
