"""Staff previews, share links for outside reviewers, public updates and corrections."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from access import staff
from articles.admin.routes import admin_paths
from articles.models import ArticleUpdate, ShareLink
from articles.previews import (
    article_at_version,
    article_version,
    preview_queryset,
    render_preview,
    revision_label,
)
from articles.templatetags.newsroom import date_fr, datetime_fr

# How long a share link may live when its end is given as a date.
MAX_SHARE_DAYS = 365
END_OF_DAY = time(23, 59, 59)
EXPIRY_CHOICES = [
    ("1", "1 jour"),
    ("3", "3 jours"),
    ("7", "7 jours"),
    ("30", "30 jours"),
    ("date", "Jusqu'à une date précise"),
]


# --- Share links -----------------------------------------------------------------------


class ShareLinkForm(forms.Form):
    duration = forms.ChoiceField(
        label="Valable", choices=EXPIRY_CHOICES, initial="7", widget=forms.RadioSelect
    )
    until = forms.DateField(
        label="Jusqu'au (inclus)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Seulement pour « Jusqu'à une date précise ».",
    )
    note = forms.CharField(
        label="Destinataire (facultatif)",
        max_length=ShareLink._meta.get_field("note").max_length,
        required=False,
        help_text="Pour qui est ce lien, ex. : « Dr Martin, relecture médicale ».",
    )

    def clean(self):
        cleaned = super().clean()
        duration, until = cleaned.get("duration"), cleaned.get("until")
        if duration is None:
            return cleaned
        now = timezone.now()
        if duration != "date":
            cleaned["expires_at"] = now + timedelta(days=int(duration))
            return cleaned
        today = timezone.localdate(now)
        if until is None:
            if "until" not in self.errors:
                self.add_error("until", "Indiquez jusqu'à quelle date le lien reste valable.")
        elif until < today:
            self.add_error("until", "Cette date est déjà passée.")
        elif until > today + timedelta(days=MAX_SHARE_DAYS):
            self.add_error("until", "Un lien ne peut pas rester valable plus d'un an.")
        else:
            # Valid through the whole chosen day, Paris time ("jusqu'au … à 23h59").
            cleaned["expires_at"] = timezone.make_aware(datetime.combine(until, END_OF_DAY))
        return cleaned


# --- Updates and corrections -----------------------------------------------------------


class ArticleUpdateFormSet(BaseInlineFormSet):
    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            # A POST without this section (a script, an older form) changes no update,
            # rather than failing on a missing management form.
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = "0"
            data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, **kwargs)

    def new_updates(self):
        return [
            form
            for form in self.extra_forms
            if form.has_changed() and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        published_at = self.instance.published_at
        if self.new_updates() and (published_at is None or published_at > timezone.now()):
            raise ValidationError(
                "Une mise à jour ou une correction ne se signale que sur un article déjà publié."
            )

    def save_new(self, form, commit=True):
        form.instance.by = self.user
        form.instance.at = timezone.now()
        return super().save_new(form, commit)


class ArticleUpdateInline(admin.TabularInline):
    """Editors announce a substantive update or a correction to readers."""

    model = ArticleUpdate
    formset = ArticleUpdateFormSet
    fields = ["kind", "note", "at", "by"]
    readonly_fields = ["at", "by"]
    extra = 0
    # The note is a sentence: give it room (kind, a choice, keeps its select).
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 70})}}
    verbose_name = "mise à jour ou correction (publique)"
    verbose_name_plural = "mises à jour et corrections affichées aux lecteurs"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user  # A new class per call: safe to set.
        return formset

    # Editors only, whatever the model permissions say: a journalist's forged POST
    # never reaches a formset (the inline is left out of their form altogether).
    def _may(self, request, obj):
        if not staff.is_editor(request.user):
            return False
        article_admin = self.admin_site.get_model_admin(self.parent_model)
        return obj is None or article_admin.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request, obj):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)


def _link_state(link, now):
    if link.revoked_at is not None:
        return "Révoqué"
    if link.expires_at <= now:
        return "Expiré"
    return "Valide"


class PreviewAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    # Who may preview

    def has_preview_permission(self, request, obj, revision=False):
        """What the user may see; an old revision only where they may see the history."""
        if not self.has_view_or_change_permission(request, obj):
            return False
        if revision:
            return staff.can_see_revisions(request.user, obj)
        return staff.can_view_article(request.user, obj)

    def has_share_permission(self, request, obj):
        return staff.can_share_article(request.user, obj) and self.has_view_or_change_permission(
            request, obj
        )

    # URLs

    def get_urls(self):
        routes = [
            ("<path:object_id>/apercu/", self.preview_view, "preview"),
            ("<path:object_id>/liens-apercu/", self.share_links_view, "share_links"),
            (
                "<path:object_id>/liens-apercu/<int:link_id>/revoquer/",
                self.revoke_share_link_view,
                "share_link_revoke",
            ),
        ]
        return admin_paths(self, routes) + super().get_urls()

    def _article_or_404(self, request, object_id, queryset=None):
        # get_queryset() is already narrowed to what this user may see (access.staff).
        queryset = self.get_queryset(request) if queryset is None else queryset
        return staff.article_or_404(request.user, object_id, queryset)

    # Staff preview

    def preview_view(self, request, object_id):
        article = self._article_or_404(
            request, object_id, preview_queryset(self.get_queryset(request))
        )
        revision_id = request.GET.get("revision")
        if not self.has_preview_permission(request, article, revision=revision_id is not None):
            raise PermissionDenied
        admin_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
        )
        note = f"Statut : {article.effective_status}"
        if revision_id is not None:
            version = article_version(article, revision_id)
            if version is None:
                raise Http404("Aucune révision de cet article à cette adresse.")
            note = revision_label(version)
            article = article_at_version(article, version)
        return render_preview(request, article, note=note, admin_url=admin_url)

    # Share links

    def share_links_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not self.has_share_permission(request, article):
            raise PermissionDenied
        form = ShareLinkForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            link = ShareLink.objects.create(
                article=article,
                created_by=request.user,
                expires_at=form.cleaned_data["expires_at"],
                note=form.cleaned_data["note"],
            )
            expiry = datetime_fr(link.expires_at)
            self.log_change(request, article, f"Lien de partage créé (expire le {expiry}).")
            self.message_user(
                request,
                f"Lien de partage créé, valable jusqu'au {expiry}. "
                "Copiez-le ci-dessous pour l'envoyer.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        now = timezone.now()
        links = list(article.share_links.select_related("created_by"))
        for link in links:
            link.state = _link_state(link, now)
            link.url = request.build_absolute_uri(
                reverse("articles:share_preview", args=[link.token])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Liens de partage",
            "subtitle": str(article),
            "opts": self.opts,
            "original": article,
            "article": article,
            "form": form,
            "links": links,
            "today": date_fr(now),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/previews/share_links.html", context)

    def revoke_share_link_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_share_permission(request, article):
            raise PermissionDenied
        link = article.share_links.filter(pk=link_id).first()
        if link is None:
            raise Http404("Aucun lien de cet article à cette adresse.")
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            self.log_change(request, article, "Lien de partage révoqué.")
            self.message_user(request, "Lien révoqué : il ne fonctionne plus.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_share_links",
                args=[article.pk],
            )
        )

    # Change form: the tools' links, and the updates inline for editors

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_preview"] = obj is not None and self.has_preview_permission(request, obj)
        context["may_share"] = obj is not None and self.has_share_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and staff.is_editor(request.user):
            inlines.append(ArticleUpdateInline)
        return inlines

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if isinstance(formset, ArticleUpdateFormSet) and formset.new_objects:
            # A new update or correction moves "Mis à jour le"; a plain save never does.
            article = formset.instance
            latest = max(update.at for update in formset.new_objects)
            if article.updated_at is None or article.updated_at < latest:
                article.mark_updated(latest)
                article.save(update_fields=["updated_at"])
