"""Autosave in the article admin: drafts saved in the background into their revisions.

``<id>/autosave/`` (POST, JSON) validates the posted form with the change view's own form
class (sanitising, forged-field refusal, the version lock) and keeps the text as an
autosave revision (articles.autosave), the article row untouched. ``add/autosave/`` creates
the article as a draft through the admin's ordinary add (created_by, draft status, slug,
revision, log entry), so a new article is covered too. Opening the change form offers the
writer their newer autosaved text (``?reprendre=<revision>``), or to drop it.
"""

import re

import reversion
from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone

from articles import autosave
from articles.admin.routes import admin_paths, admin_reverse
from articles.models import Article

# Set on the request: this add is an autosave (answer JSON, leave the inlines to the
# writer's manual save: the page's byline and resource forms stay new forms).
ADD_FLAG = "_article_autosave_add"
# Keys of a real save: an autosave carrying one is not an autosave.
SUBMIT_KEYS = ("_save", "_continue", "_addanother", "_saveasnew", "_transition")
TAB_FIELD = "_autosave_tab"  # the page's random id, posted by its autosaves and its save
KEEP_FIELD = "_autosave_keep"  # the autosave the page still offers: not replaced yet
TAB_ID = re.compile(r"[A-Za-z0-9-]{16,64}")
TAB_CLOSED_SECONDS = 3600
CONFLICT_MESSAGE = (
    "Un collègue a enregistré cet article entre-temps ; votre texte est sauvegardé "
    "automatiquement, mais votre prochain enregistrement signalera un conflit."
)


def _json(status, message="", **data):
    return JsonResponse({"message": message, **data}, status=status)


def _tab_key(request, article):
    tab = request.POST.get(TAB_FIELD, "")
    if not TAB_ID.fullmatch(tab):
        return None
    return f"autosave:saved-tab:{article.pk}:{request.user.pk}:{tab}"


def _created_key(request):
    """The draft this add page's first autosave created: a retry must not create another."""
    tab = request.POST.get(TAB_FIELD, "")
    if not TAB_ID.fullmatch(tab):
        return None
    return f"autosave:created-by-tab:{request.user.pk}:{tab}"


def _validated(form):
    """(valid, conflict): a colleague's save meanwhile is no error for an autosave."""
    if form.is_valid():
        return True, False
    errors = form.errors.as_data()
    codes = {error.code for error in errors.get(NON_FIELD_ERRORS, [])}
    only_stale = set(errors) == {NON_FIELD_ERRORS} and codes == {"stale"}
    return only_stale, only_stale


def _error_list(form):
    messages = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        prefix = f"{field.label} : " if name != NON_FIELD_ERRORS and field else ""
        messages += [f"{prefix}{error}" for error in errors]
    return messages


class AutosaveAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    def get_urls(self):
        routes = [
            ("add/autosave/", self.autosave_view, "autosave_add"),
            ("<path:object_id>/autosave/", self.autosave_view, "autosave"),
            ("<path:object_id>/autosave/ignorer/", self.autosave_ignore_view, "autosave_ignore"),
        ]
        return admin_paths(self, routes) + super().get_urls()

    def _autosave_url(self, name, *args):
        return admin_reverse(self, name, *args)

    # --- The endpoints ------------------------------------------------------------

    def autosave_view(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if any(key in request.POST for key in SUBMIT_KEYS):
            return _json(400, "Un enregistrement automatique n'enregistre ni ne publie l'article.")
        if object_id is None:
            if not self.has_add_permission(request):
                return _json(403, "Vous ne pouvez pas créer d'article.")
            created = self._created_by_this_page(request)
            if created is not None:
                # A retry (the answer to the first one was lost): the page switches to the
                # draft it already created, and its next autosave holds the text.
                return self._created_answer(created)
            setattr(request, ADD_FLAG, True)
            return self.changeform_view(request, None)
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return _json(404, "Article introuvable.")
        if not self.has_change_permission(request, article):
            return _json(
                403,
                "Vous ne pouvez pas modifier cet article (programmé ou publié entre-temps ?) : "
                "votre texte n'est pas enregistré automatiquement. Copiez-le et transmettez-le "
                "à un éditeur.",
            )
        key = _tab_key(request, article)
        if key and cache.get(key):
            # Sent before this page's own manual save, which holds the text already.
            return _json(200, "Article enregistré.", saved=False, superseded=True)
        form = self.get_form(request, article, change=True)(
            request.POST, request.FILES, instance=article
        )
        valid, conflict = _validated(form)
        base = getattr(form, "article_base_version", None)
        if not valid or base is None or base > Article.objects.get(pk=article.pk).version:
            errors = _error_list(form) if not valid else ["Version de l'article invalide."]
            return _json(400, " ".join(errors), saved=False, errors=errors)
        keep = request.POST.get(KEEP_FIELD, "")
        version = autosave.record(
            form.instance,
            request.user,
            base,
            form.cleaned_data.get("tags") or [],
            keep=int(keep) if keep.isdigit() and len(keep) < 19 else None,
        )
        when = version.revision.date_created if version else timezone.now()
        return _json(
            200,
            CONFLICT_MESSAGE if conflict else "",
            saved=True,
            conflict=conflict,
            revision=version.revision_id if version else None,
            saved_at=autosave.time_label(when),
        )

    def autosave_ignore_view(self, request, object_id):
        """Drop the autosave the page offered (only that one: the page may have a newer)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return _json(404, "Article introuvable.")
        version = autosave.own_autosave(article, request.user, request.POST.get("revision"))
        if version is None:
            return _json(404, "Texte enregistré automatiquement introuvable.")
        autosave.discard(article, request.user, revision_ids=[version.revision_id])
        return _json(200, "Texte enregistré automatiquement supprimé.", discarded=True)

    # --- The add page: the admin's own add, answered in JSON ----------------------

    def get_formsets_with_inlines(self, request, obj=None):
        if getattr(request, ADD_FLAG, False):
            return
        yield from super().get_formsets_with_inlines(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if not getattr(request, ADD_FLAG, False):
            return super().response_add(request, obj, post_url_continue)
        if reversion.is_active():
            reversion.set_comment("Création du brouillon (enregistrement automatique)")
        key = _created_key(request)
        if key:
            transaction.on_commit(lambda: cache.set(key, obj.pk, TAB_CLOSED_SECONDS))
        return self._created_answer(obj)

    def _created_by_this_page(self, request):
        key = _created_key(request)
        pk = cache.get(key) if key else None
        if pk is None:
            return None
        article = self.get_queryset(request).filter(pk=pk).first()
        if article is None or not self.has_change_permission(request, article):
            return None
        return article

    def _created_answer(self, obj):
        return _json(
            200,
            "",
            saved=True,
            created=True,
            conflict=False,
            version=obj.version,
            change_url=self._autosave_url("change", obj.pk),
            autosave_url=self._autosave_url("autosave", obj.pk),
            ignore_url=self._autosave_url("autosave_ignore", obj.pk),
            saved_at=autosave.time_label(obj.created),
        )

    # --- Saving by hand supersedes the autosaves ----------------------------------

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, ADD_FLAG, False):
            return
        article, user = form.instance, request.user
        autosave.discard(article, user)
        key = _tab_key(request, article)
        if key:
            # Committed only: a refused (stale) save leaves the page's autosaves going.
            transaction.on_commit(lambda: cache.set(key, True, TAB_CLOSED_SECONDS))

    # --- The change form: the offer, the text taken back --------------------------

    def _resumed(self, request, obj):
        """The autosave this GET takes back into the form (``?reprendre=``), or None."""
        if request.method != "GET" or obj is None or "reprendre" not in request.GET:
            return None
        if not hasattr(request, "_article_resumed"):
            version = None
            if self.has_change_permission(request, obj):
                version = autosave.own_autosave(obj, request.user, request.GET["reprendre"])
            request._article_resumed = version
        return request._article_resumed

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        version = self._resumed(request, obj)
        if version is None:
            return form
        values = autosave.resumed_values(version)

        class ResumedForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**values, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        ResumedForm.__name__ = form.__name__
        return ResumedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if getattr(request, ADD_FLAG, False):
            errors = _error_list(context["adminform"].form)
            return _json(400, " ".join(errors), saved=False, errors=errors)
        resumed = self._resumed(request, obj)
        context["autosave"] = self._autosave_context(request, obj, resumed)
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if resumed is not None:
            base = autosave.base_version(resumed)
            if base is not None and base != obj.version:
                # Typed over an older version: saving it must meet the conflict screen.
                response.context_data["article_version_value"] = base
        return response

    def _autosave_context(self, request, obj, resumed):
        if obj is None or obj.pk is None:
            if not self.has_add_permission(request):
                return None
            return {"url": self._autosave_url("autosave_add"), "add": True}
        if self.shows_locked_form(request, obj) or not self.has_change_permission(request, obj):
            return None
        context = {
            "url": self._autosave_url("autosave", obj.pk),
            "ignore_url": self._autosave_url("autosave_ignore", obj.pk),
            "conflict_message": CONFLICT_MESSAGE,
        }
        if resumed is not None:
            base = autosave.base_version(resumed)
            context["resumed"] = {"label": autosave.date_label(resumed.revision.date_created)}
            context["conflict"] = base is not None and base != obj.version
        elif request.method == "GET":
            offered = autosave.offer(obj, request.user)
            if offered is not None:
                created = offered.revision.date_created
                base = autosave.base_version(offered)
                context["offer"] = {
                    "revision_id": offered.revision_id,
                    "label": autosave.date_label(created),
                    "newer": created > obj.modified,
                    "older_base": base is not None and base != obj.version,
                }
        return context
