"""One editorial timeline per article, newest first: the page, and its start on the form.

The page is the revisions URL (``admin:articles_article_revisions``, compare and restore
stay there). Django's history URL leads to it; for someone who may see the article but
not its revisions (a journalist, a colleague's published article), it shows the same
timeline without the revisions.
"""

from datetime import UTC
from urllib.parse import urlencode

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.timeline import AUTOSAVE, Link, timeline

# Entries shown at the bottom of the change form; the page shows them all.
RECENT = 5
TEMPLATE = "admin/articles/revisions/history.html"


def _page_start(request):
    """``?avant=`` (an aware ISO date, from the "older" link), or None; else 404."""
    raw = request.GET.get("avant")
    if raw is None:
        return None
    try:
        moment = parse_datetime(raw) if len(raw) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise Http404("Page d'historique introuvable.")
    try:
        # Compared in UTC: "0001-01-01T00:00+14:00" is before year 1 there.
        moment.astimezone(UTC)
    except OverflowError:
        raise Http404("Page d'historique introuvable.") from None
    return moment


class TimelineAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    # --- The page -------------------------------------------------------------------

    def timeline_view(self, request, object_id):
        article = self._revision_article(request, object_id)
        return self._timeline_response(request, article, with_revisions=True)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Article introuvable.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if self.has_revision_permission(request, article):
            return HttpResponseRedirect(self._revision_url("revisions", article))
        return self._timeline_response(request, article, with_revisions=False)

    def _timeline_response(self, request, article, with_revisions):
        before = _page_start(request)
        result = timeline(article, request.user, before=before)
        may_restore = with_revisions and self.has_change_permission(request, article)
        latest_id = None if before is not None else _latest_saved(result.entries)
        self._add_links(article, result.entries, may_restore, latest_id)
        saved_ids = [
            entry.revision_id
            for entry in result.entries
            if entry.revision_id is not None and entry.kind != AUTOSAVE
        ]
        older_url = None
        if result.older_than is not None:
            older_url = "?" + urlencode({"avant": result.older_than.isoformat()})
        context = self._revision_context(
            request,
            article,
            f"Historique de « {article} »",
            subtitle=None,  # the title names the article already
            timeline=result,
            may_compare=with_revisions and len(saved_ids) > 0,
            compare_to_id=saved_ids[0] if saved_ids else None,
            compare_from_id=saved_ids[1] if len(saved_ids) > 1 else None,
            latest_id=latest_id,
            older_url=older_url,
            is_first_page=before is None,
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, TEMPLATE, context)

    def _add_links(self, article, entries, may_restore, latest_id):
        compare = self._revision_url("revisions_compare", article)
        for entry in entries:
            # An autosave is compared and restored only once its writer saves it
            # (revisions.saved_versions): no links.
            if entry.revision_id is None or entry.kind == AUTOSAVE:
                continue
            if entry.previous_revision_id is not None:
                query = {"de": entry.previous_revision_id, "vers": entry.revision_id}
                entry.links.append(Link("Comparer avec la précédente", _url(compare, query)))
            if may_restore and entry.revision_id != latest_id:
                url = self._revision_url("revisions_restore", article, entry.revision_id)
                entry.links.append(Link("Restaurer", url))

    # --- The start of it, at the bottom of the change form ----------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            with_revisions = self.has_revision_permission(request, obj)
            # RECENT entries of each source are enough for the newest RECENT overall.
            result = timeline(obj, request.user, limit=RECENT)
            recent = result.entries[:RECENT]
            if with_revisions:
                may_restore = self.has_change_permission(request, obj)
                self._add_links(obj, recent, may_restore, _latest_saved(result.entries))
            context["timeline_recent"] = recent
            # Django's history URL shows the timeline without revisions to the others.
            name = "revisions" if with_revisions else "history"
            context["timeline_url"] = self._revision_url(name, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


def _latest_saved(entries):
    """The newest saved (not autosaved) revision: the article as it is, not restorable."""
    return next(
        (e.revision_id for e in entries if e.revision_id is not None and e.kind != AUTOSAVE),
        None,
    )


def _url(base, query):
    return f"{base}?{urlencode(query)}"
