"""The newsroom's back office: journalists write and submit, editors review and publish.

Every rule is enforced on the server (permissions, read-only fields, forced defaults,
transitions checked in the form), never by hiding a button: a journalist may forge
any POST.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename
from django.db import IntegrityError, models, transaction
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.i18n import JavaScriptCatalog

from access import staff
from articles.admin.autosave import AutosaveAdminMixin
from articles.admin.calendar import SIDE_STATUSES, CalendarAdminMixin
from articles.admin.checklist import ChecklistAdminMixin
from articles.admin.previews import PreviewAdminMixin
from articles.admin.revisions import RevisionAdminMixin
from articles.admin.timeline import TimelineAdminMixin
from articles.admin.trash import TrashOnDeleteMixin
from articles.admin.workflow import WorkflowAdminMixin
from articles.forms import ArticleAdminForm, ArticlePublisherForm
from articles.models import LIVE_STATUSES, Article, ArticleAuthor, Resource, Status
from articles.sanitize import sanitize_body
from images.embed import expand_figures

# Read-only for journalists. The status is read-only for everyone: it changes only
# through the workflow buttons (articles.workflow).
PUBLICATION_FIELDS = (
    "status", "published_at", "unpublish_at", "featured", "home_position", "access",
)  # fmt: skip

# Django's slug prefill (URLify) deletes apostrophes; slug.js makes it follow
# articles.slugs.french_slugify. Must come after urlify.js and prepopulate.js.
FRENCH_SLUG_JS = ["admin/js/urlify.js", "admin/js/prepopulate.js", "articles/admin/slug.js"]

# Links typed without a scheme ("www.example.org") get https, not http.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


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


class ResourceInline(ArticlePartInline, admin.StackedInline):
    # Stacked: four columns of a table do not fit the writing screen's side column.
    model = Resource
    fields = ["title", "url", "file", "position"]
    formfield_overrides = URL_FIELD_OVERRIDES
    ordering = ["position", "pk"]
    extra = 1


class StatusFilter(admin.SimpleListFilter):
    """By status as readers experience it: a scheduled article whose time came is published."""

    title = "statut"
    parameter_name = "statut"
    EXPIRED = "expire"
    # Everything not yet approved: the calendar's side column links here.
    WAITING = "en-attente"

    def lookups(self, request, model_admin):
        return [
            *Status.choices,
            (self.EXPIRED, "Expiré"),
            (self.WAITING, "En attente (brouillon, à relire, corrections)"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        live = Q(status__in=LIVE_STATUSES, published_at__isnull=False)
        not_expired = Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        if value == Status.PUBLISHED:
            return queryset.filter(live, not_expired, published_at__lte=now)
        if value == Status.SCHEDULED:
            return queryset.filter(live, published_at__gt=now)
        if value == self.EXPIRED:
            return queryset.filter(live, unpublish_at__lte=now)
        if value == self.WAITING:
            return queryset.filter(status__in=SIDE_STATUSES)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class CreatedByMeFilter(admin.SimpleListFilter):
    title = "créé par"
    parameter_name = "cree_par"

    def lookups(self, request, model_admin):
        return [("moi", "Moi")]

    def queryset(self, request, queryset):
        if self.value() == "moi":
            return queryset.filter(created_by=request.user)
        return queryset


class FreeSlugModelAdmin(admin.ModelAdmin):
    """The innermost save: the form picked a free slug, but someone may have taken it since.

    Below every mixin, so each mixin's save_model wraps the actual save exactly once.
    """

    def save_model(self, request, obj, form, change, attempts=3):
        for _ in range(attempts):
            version = obj.version
            try:
                with transaction.atomic():
                    obj.save()
                return
            except IntegrityError:
                obj.version = version  # the failed UPDATE did not land
                if not Article.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
                    raise
                obj.slug = obj.available_slug(obj.slug)
        obj.save()


@admin.register(Article)
class ArticleAdmin(
    ChecklistAdminMixin,
    WorkflowAdminMixin,
    AutosaveAdminMixin,
    RevisionAdminMixin,
    TimelineAdminMixin,
    PreviewAdminMixin,
    CalendarAdminMixin,
    TrashOnDeleteMixin,
    FreeSlugModelAdmin,
):
    """Each capability (checklist, workflow, autosave, revisions, timeline, previews,
    calendar) is a mixin of its own module."""

    form = ArticleAdminForm
    inlines = [BylineInline, ResourceInline]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "hero_image", "related_articles"]
    # The action bar (change_form.html) stays in view at the bottom of the screen.
    save_on_top = False

    list_display = [
        "title", "effective_status", "section", "byline", "published_at", "featured",
        "public_link",
    ]  # fmt: skip
    # Tags of the articles this user may see only: a draft-only tag stays unknown.
    list_filter = [
        StatusFilter, "section", "featured", ("tags", admin.RelatedOnlyFieldListFilter),
        CreatedByMeFilter,
    ]  # fmt: skip
    search_fields = ["title", "standfirst", "authors__name"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    # Drafts (no publication date) first on every database, then the most recent.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]

    class Media:
        # The editor's own strings ("Insérer une figure", "Parcourir…") come from its
        # JavaScript catalogue, which the admin does not load by itself.
        # writing-desk.js: counters, the editor's toolbar in French, spell-checking.
        js = [
            *FRENCH_SLUG_JS,
            reverse_lazy("admin:articles_article_editor_jsi18n"),
            "articles/admin/writing-desk.js",
        ]

    def get_urls(self):
        # The admin's strings too ("0 sur 66 sélectionné", « Aujourd'hui | Maintenant »):
        # on these pages the admin's own catalogue, loaded before the form's scripts,
        # does not survive them; this one, loaded last, must carry both.
        view = JavaScriptCatalog.as_view(packages=["django.contrib.admin", "django_prose_editor"])
        catalog = path(
            "jsi18n-editeur/",
            self.admin_site.admin_view(view),
            name="articles_article_editor_jsi18n",
        )
        return [catalog, *super().get_urls()]

    # Permissions: the model permissions, narrowed by the staff access policy.

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or staff.can_view_article(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if self.shows_locked_form(request, obj):
            return True
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or staff.can_change_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or staff.can_delete_article(request.user, obj)

    def delete_view(self, request, object_id, extra_context=None):
        # Django checks the permission first (403): an article this user may not see
        # must be a 404 whatever their permissions, like an id that never existed.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("Article introuvable.")
        return super().delete_view(request, object_id, extra_context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Change, history and delete views: an article this user may not see is a 404,
        # exactly like an id that never existed (Django would redirect with a message).
        raise Http404("Article introuvable.")

    # Form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The writing screen takes the whole width: no model list beside it; a writer
        # saves, or saves and goes on writing (one article at a time).
        context["is_nav_sidebar_enabled"] = False
        context["show_save_and_add_another"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        may_publish = staff.is_editor(request.user)
        publication = list(PUBLICATION_FIELDS)
        if obj is not None:
            if may_publish and self.has_change_permission(request, obj):
                publication.append("signal_update")
            publication.append("updated_at")
        # Who may only read the article sees its text as readers do, not its HTML source.
        body = "body" if obj is None or self.has_change_permission(request, obj) else "body_as_read"
        fieldsets = [
            ("Contenu", {"fields": ["title", "slug", "standfirst", body]}),
            ("Illustration", {"fields": ["hero_image", "hero_caption"]}),
            ("Classement", {"fields": ["section", "tags", "related_articles"]}),
            (
                "Publication",
                {
                    "fields": publication,
                    "description": "Heures de Paris. Le statut change avec les boutons du "
                    "circuit de validation, dans la barre d'actions en bas de l'écran."
                    if may_publish
                    else "La publication, la programmation, la mise à la une et l'accès "
                    "sont réservés aux éditeurs.",
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
        readonly = ["status", "updated_at", "created_by", "created", "modified"]
        if not staff.is_editor(request.user):
            # Out of the form altogether, and refused if posted anyway (ArticleAdminForm).
            readonly += [name for name in PUBLICATION_FIELDS if name not in readonly]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if staff.is_editor(request.user):
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

    def save_related(self, request, form, formsets, change):
        if change and "related_articles" in form.cleaned_data and not staff.is_editor(request.user):
            # Links to articles this user may not see (an editor's choice) are not in
            # their form: keep them rather than drop them silently.
            visible = staff.visible_articles(request.user).values("pk")
            hidden = form.instance.related_articles.exclude(pk__in=visible)
            form.cleaned_data["related_articles"] = [
                *form.cleaned_data["related_articles"],
                *hidden,
            ]
        super().save_related(request, form, formsets, change)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if staff.is_editor(request.user):
            if form.cleaned_data.get("signal_update"):
                obj.mark_updated()
        elif not change:
            # Belt and braces: these fields are not in a journalist's form anyway.
            for name in PUBLICATION_FIELDS:
                setattr(obj, name, Article._meta.get_field(name).get_default())
        if not change:
            # A new article starts as a draft; a transition may move it on (save and submit).
            obj.status = Status.DRAFT
        super().save_model(request, obj, form, change)

    # Change list

    def get_queryset(self, request):
        # Every lookup goes through here: the change list and its search, the change,
        # history and delete views, the calendar, and the autocomplete of fields that
        # point to articles (Django asks the target model's admin).
        bylines = ArticleAuthor.objects.select_related("author").order_by("position", "pk")
        queryset = staff.visible_articles(request.user, super().get_queryset(request))
        return queryset.prefetch_related(Prefetch("bylines", queryset=bylines))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related_articles":
            # A forged id of an article this user may not see is not a valid choice.
            kwargs["queryset"] = staff.visible_articles(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="texte")
    def body_as_read(self, obj):
        # Sanitised again on the way out: cheap, and safe whatever wrote the row.
        return mark_safe(expand_figures(sanitize_body(obj.body)))  # noqa: S308 - sanitised

    @admin.display(description="statut", ordering="status")
    def effective_status(self, obj):
        return obj.effective_status

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
