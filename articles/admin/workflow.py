"""Editorial workflow in the article admin: transitions, history, notifications.

A transition is a submit button of the change form (``name="_transition"``), so
"save and submit" is one POST: the form validates the transition in ``clean()``
(articles.forms), then the save, the status change and the history line are written
in the admin's transaction; the e-mails leave after it commits.
"""

import json

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from articles import notifications, workflow


class WorkflowAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The form validates the transition against this user's rights.
        return type(form.__name__, (form,), {"workflow_user": request.user})

    def save_model(self, request, obj, form, change):
        rule = getattr(form, "workflow_rule", None)
        if rule is None:
            return super().save_model(request, obj, form, change)
        now = timezone.now()
        from_status, to_status = workflow.apply(obj, rule, now)
        super().save_model(request, obj, form, change)
        # An editor's override of the checklist is said in the history, before the comment.
        comment = workflow.with_note(
            getattr(form, "checklist_note", ""), form.cleaned_data.get("transition_comment", "")
        )
        entry = workflow.record(obj, from_status, to_status, request.user, comment, now)
        notifications.notify_on_commit(entry)
        request._workflow_done = rule

    def construct_change_message(self, request, form, formsets, add=False):
        """The admin history's line: what happened, in French (« Soumis à la relecture
        par Sophie Garnier », « Programmé pour le 12 mars 2026 à 14h05 par … »), then the
        fields changed — never the comment box, which is not a field of the article."""
        changed = [name for name in form.changed_data if name != "transition_comment"]
        form.changed_data[:] = changed
        message = super().construct_change_message(request, form, formsets, add)
        rule = getattr(form, "workflow_rule", None)
        if rule is None:
            return message
        by = request.user.get_full_name() or request.user.get_username()
        what = rule.done[0].upper() + rule.done[1:]
        if rule.name == "schedule":
            what += f" pour {workflow.describe_schedule(form.instance)}"
        sentence = f"{what} par {by}."
        note = getattr(form, "checklist_note", "")
        if note:
            sentence += f" {note}"
        rest = LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        return f"{sentence} {rest}".strip()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else self.model()
        may_edit = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        context["workflow_actions"] = workflow.allowed(request.user, article) if may_edit else []
        context["workflow_status"] = article.effective_status
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _after_transition(self, request, obj):
        rule = getattr(request, "_workflow_done", None)
        if rule is None or IS_POPUP_VAR in request.POST:
            return None
        message = f"« {obj} » : {rule.done}"
        if rule.name == "schedule":
            message += f" pour {workflow.describe_schedule(obj)}"
        self.message_user(request, message + ".", messages.SUCCESS)
        # Back to the article: its new state and history are shown there.
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_transition(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_transition(request, obj) or super().response_change(request, obj)
