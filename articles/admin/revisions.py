"""Revision history, comparison and restore (django-reversion); conflict-safe saving."""

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from access import staff
from articles import revisions
from articles.admin.routes import admin_paths, admin_reverse
from articles.models import Article, StaleArticleError

VERSION_FIELD = "article_version"
# Set on the request when the UPDATE found a newer row: the re-displayed form must
# report a conflict even if the fast check in clean() could not see it.
STALE_FLAG = "_article_stale_save"
# Set on the request (to the article's pk) when a journalist's save comes after an
# editor scheduled or published their article: the form is shown again, refused, with
# their text and what changed, instead of a bare 403.
LOCKED_FLAG = "_article_locked_meanwhile"


def conflict_message(article):
    """Who saved the article meanwhile, and when: read from the database, not the form."""
    latest = revisions.saved_versions(article).first()
    who = revisions.user_label(latest.revision.user if latest else None)
    when = revisions.paris_date(article.modified)
    return (
        f"Cet article a été modifié par {who} le {when} pendant que vous l'éditiez. "
        "Vos modifications n'ont pas été enregistrées : elles sont conservées dans le "
        "formulaire ci-dessous. Consultez les changements faits entre-temps, reportez-les "
        "si besoin, puis enregistrez de nouveau (votre version remplacera alors l'actuelle)."
    )


def locked_message(article):
    """The article left its writer's hands meanwhile: who moved it, and when."""
    last = article.transitions.select_related("by").order_by("-at", "-pk").first()
    who = revisions.user_label(last.by if last else None)
    when = revisions.paris_date(last.at if last else article.modified)
    return (
        f"Cet article est passé au statut « {article.effective_status} » ({who}, le {when}) "
        "pendant que vous l'éditiez : vous ne pouvez plus le modifier. Vos modifications "
        "n'ont pas été enregistrées : elles sont conservées dans le formulaire ci-dessous. "
        "Copiez-les et transmettez-les à un éditeur."
    )


def locked_meanwhile(request, article):
    """Is this POST a journalist's save of their own article, from a page opened before
    an editor scheduled or published it?"""
    user = request.user
    if not staff.is_creator(user, article) or staff.can_change_article(user, article):
        return False
    raw = (request.POST.get(VERSION_FIELD) or "").strip()
    return raw.isdigit() and len(raw) <= 9 and int(raw) < article.version


def versioned_form(base_form, request):
    """The admin form plus the article version it was built from, checked on save."""

    class VersionedArticleForm(base_form):
        # Disabled: never counted as a change; clean() reads the raw submitted value.
        article_version = forms.IntegerField(
            required=False, disabled=True, widget=forms.HiddenInput
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[VERSION_FIELD].initial = self.instance.version

        def clean(self):
            cleaned_data = super().clean()
            self.article_conflict = None
            self.article_base_version = None
            article = self.instance
            if article.pk is None:
                return cleaned_data
            raw = (self.data.get(self.add_prefix(VERSION_FIELD)) or "").strip()
            stale = getattr(request, STALE_FLAG, False)
            if not raw and not stale:
                # Without it nobody can tell whether a colleague saved meanwhile.
                raise ValidationError(
                    "Ce formulaire ne dit pas quelle version de l'article vous avez modifiée : "
                    "rien n'a été enregistré. Rechargez l'article, reportez vos changements "
                    "et enregistrez de nouveau.",
                    code="missing_version",
                )
            if raw and (not raw.isdigit() or len(raw) > 9):
                raise ValidationError(
                    "Ce formulaire est invalide : rechargez l'article avant de l'enregistrer.",
                    code="bad_version",
                )
            base = int(raw) if raw else None
            self.article_base_version = base
            current = Article.objects.filter(pk=article.pk).values_list("version", flat=True)
            current = current.first()
            locked = getattr(request, LOCKED_FLAG, None) == article.pk
            if locked or stale or base != current:
                self.article_conflict = {"base": base, "current": current, "locked": locked}
                fresh = Article.objects.get(pk=article.pk)
                if locked:
                    raise ValidationError(locked_message(fresh), code="locked")
                raise ValidationError(conflict_message(fresh), code="stale")
            # Article.save() puts this version in the UPDATE's WHERE: the real guard.
            article.version = base
            return cleaned_data

    return VersionedArticleForm


def _chronological(snapshot):
    """Revisions by date, the live state (no revision) last."""
    revision = snapshot.revision
    return (revision is None, revision and (revision.date_created, revision.pk))


class RevisionAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    # --- Saving: one revision per save, refused when stale -------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = versioned_form(kwargs.get("form") or self.form, request)
        return super().get_form(request, obj, change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None:
            article = self.get_object(request, unquote(object_id))
            may_change = self.has_change_permission(request)  # the model permission
            if article is not None and may_change and locked_meanwhile(request, article):
                # Shown again, refused by the form (see LOCKED_FLAG); nothing is saved.
                setattr(request, LOCKED_FLAG, article.pk)
                return super().changeform_view(request, object_id, form_url, extra_context)
            self._record_state_before_change(request, article)
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment("Enregistrement dans l'administration")
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleArticleError:
            # Everything was rolled back (article, bylines, resources, tags): show the
            # form again with what the user typed, and what changed meanwhile.
            setattr(request, STALE_FLAG, True)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def shows_locked_form(self, request, obj):
        """The admin lets this one request show ``obj``'s form editable, only to give the
        user their text back: the form refuses it (clean) and save_model again."""
        return obj is not None and getattr(request, LOCKED_FLAG, None) == obj.pk

    def save_model(self, request, obj, form, change):
        if getattr(request, LOCKED_FLAG, None) is not None:
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _record_state_before_change(self, request, article):
        if article is not None and self.has_change_permission(request, article):
            revisions.ensure_current_state_recorded(article)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            # After the inlines and tags: the revision holds the final state.
            revisions.record_article(form.instance, request.user)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Création de l'article")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Enregistrement sans changement")
        return entry

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context.update(self._version_context(request, context["adminform"].form, obj))
            context["may_see_revisions"] = self.has_revision_permission(request, obj)
            if self.shows_locked_form(request, obj):
                # Nothing this user could save: no save buttons.
                context.update(
                    show_save=False, show_save_and_continue=False, show_save_and_add_another=False
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _version_context(self, request, form, obj):
        # obj may carry the submitted values already: read the row again.
        current = Article.objects.get(pk=obj.pk)
        conflict = getattr(form, "article_conflict", None)
        if conflict is None:
            submitted = getattr(form, "article_base_version", None) if form.is_bound else None
            return {"article_version_value": submitted or current.version}
        base_revision = None
        if conflict["base"] is not None:
            base_revision = revisions.revision_for_version(current, conflict["base"])
        base = diffs = None
        if base_revision is not None:
            try:
                base = revisions.snapshot_of_revision(current, base_revision)
            except LookupError:
                base = None
            if base is not None:
                diffs = revisions.compare(base, revisions.snapshot_of_article(current))
        return {
            # Saving again now knowingly replaces the current version.
            "article_version_value": current.version,
            "article_conflict": {
                "locked": conflict.get("locked", False),
                "base_label": base.label if diffs else "",
                "diffs": diffs,
                "history_url": self._revision_url("revisions", current),
            },
        }

    # --- History, comparison, restore ---------------------------------------------

    def get_urls(self):
        routes = [
            ("<path:object_id>/revisions/", self.revision_history_view, "revisions"),
            (
                "<path:object_id>/revisions/comparer/",
                self.revision_compare_view,
                "revisions_compare",
            ),
            (
                "<path:object_id>/revisions/<str:revision_id>/restaurer/",
                self.revision_restore_view,
                "revisions_restore",
            ),
        ]
        return admin_paths(self, routes) + super().get_urls()

    def _revision_url(self, name, article, *args):
        return admin_reverse(self, name, article.pk, *args)

    def _revision_article(self, request, object_id, change=False):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Article introuvable.")
        allowed = (
            self.has_change_permission(request, article)
            if change
            else self.has_revision_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def has_revision_permission(self, request, obj):
        if not self.has_view_or_change_permission(request, obj):
            return False
        return staff.can_see_revisions(request.user, obj)

    def _article_revision(self, article, revision_id):
        """A revision of this article, never of another one: 404 otherwise."""
        if not revision_id.isdigit() or len(revision_id) > 18:
            raise Http404("Révision introuvable.")
        version = revisions.version_of(article, int(revision_id))
        if version is None:
            raise Http404("Révision introuvable.")
        return version.revision

    def _revision_context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            "change_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[article.pk],
            ),
            "history_url": self._revision_url("revisions", article),
            "compare_url": self._revision_url("revisions_compare", article),
            "may_restore": self.has_change_permission(request, article),
            **extra,
        }

    def revision_history_view(self, request, object_id):
        # The article's one history: the editorial timeline (articles.admin.timeline),
        # revisions with compare and restore among its entries.
        return self.timeline_view(request, object_id)

    def revision_compare_view(self, request, object_id):
        article = self._revision_article(request, object_id)
        snapshots = [self._snapshot(article, request.GET.get(key, "")) for key in ("de", "vers")]
        # Older on the left, whichever order the radio buttons were ticked in.
        old, new = sorted(snapshots, key=_chronological)
        context = self._revision_context(
            request,
            article,
            "Comparer deux révisions",
            old=old,
            new=new,
            diffs=revisions.compare(old, new),
        )
        return TemplateResponse(request, "admin/articles/revisions/compare.html", context)

    def _snapshot(self, article, key):
        if key == "actuelle":
            return revisions.snapshot_of_article(article)
        revision = self._article_revision(article, key)
        try:
            return revisions.snapshot_of_revision(article, revision)
        except LookupError:
            raise Http404("Révision introuvable.") from None

    def revision_restore_view(self, request, object_id, revision_id):
        article = self._revision_article(request, object_id, change=True)
        revision = self._article_revision(article, revision_id)
        if request.method == "POST":
            raw = request.POST.get(VERSION_FIELD, "")
            expected = int(raw) if raw.isdigit() and len(raw) < 10 else article.version
            try:
                skipped = revisions.restore(article, revision, request.user, expected)
            except StaleArticleError:
                messages.error(
                    request,
                    "L'article a été modifié entre-temps : rien n'a été restauré. "
                    "Vérifiez les différences ci-dessous avant de confirmer de nouveau.",
                )
                return HttpResponseRedirect(request.path)
            messages.success(
                request,
                f"{revisions.restore_comment(revision)} : effectuée, "
                "une nouvelle révision a été créée.",
            )
            for what in skipped:
                messages.warning(request, f"Non restauré : {what}.")
            return HttpResponseRedirect(self._revision_url("revisions", article))
        old = revisions.snapshot_of_article(article)
        new = revisions.snapshot_of_revision(article, revision)
        context = self._revision_context(
            request,
            article,
            "Restaurer une révision",
            revision=revision,
            old=old,
            new=new,
            diffs=revisions.compare(old, new),
            article_version=article.version,
        )
        return TemplateResponse(request, "admin/articles/revisions/restore.html", context)
