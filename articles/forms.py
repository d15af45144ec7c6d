"""Admin forms for articles.

Two forms: journalists get ``ArticleAdminForm``; users who may publish get
``ArticlePublisherForm``, which adds the "signal an update" checkbox. Which form a
user gets is decided by the admin (``ArticleAdmin.get_form``); the publication
fields themselves are removed from the journalists' form by ``get_readonly_fields``,
and a POST that carries them anyway is refused with a form error (nothing saved).

The status is not a form field: it changes only through a workflow transition,
posted as ``_transition`` with the form and validated in ``clean()`` before anything
is written (``articles.workflow``).
"""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst

from access import staff
from articles import checklist, workflow
from articles.checklist_sources import values_of_form
from articles.models import LIVE_STATUSES, Article
from articles.plaintext import validate_single_line_text
from articles.slugs import french_slugify
from images.embed import upgrade_legacy_figures

# Never posted by a form of ours: the status moves by transitions only, the rest is
# filled in by the server.
SERVER_FIELDS = ("status", "updated_at", "created_by")
# Only editors' forms carry these.
EDITOR_FIELDS = (
    "published_at", "unpublish_at", "featured", "home_position", "access", "signal_update",
    "checklist_override",
)  # fmt: skip
# Editors' form fields that are not the article's.
FORM_ONLY_LABELS = {
    "signal_update": "Mise à jour signalée",
    "checklist_override": "Publier malgré la liste de contrôle",
}
TRANSITION_FIELD = "_transition"

SLUG_FIELD = Article._meta.get_field("slug")
# One-line text that reaches feeds, sitemaps, e-mail subjects and <title>: a line break
# or a control character there is refused here rather than folded or dropped later.
SINGLE_LINE_FIELDS = ("title", "hero_caption")
# Counted as you type: the lengths search engines show (articles.checklist checks them).
COUNTED_FIELDS = {
    "title": (
        checklist.TITLE_MAX_CHARS,
        f"{checklist.TITLE_MAX_CHARS} au plus pour les moteurs de recherche",
    ),
    "standfirst": (
        checklist.STANDFIRST_MAX_CHARS,
        f"{checklist.STANDFIRST_MIN_CHARS} à {checklist.STANDFIRST_MAX_CHARS} pour la "
        "description dans les moteurs de recherche",
    ),
}


def lenient_slug_field(model_field):
    """A plain text field for a model's slug, rather than a SlugField.

    Whatever is typed ("Le numérique", "l’hôpital") is then normalised by the form's
    clean_slug() instead of being rejected. Same limit as the model: the admin's
    prefill (URLify) truncates to it as well.
    """
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        max_length=model_field.max_length,
        required=False,
        help_text=model_field.help_text,
    )


class ArticleAdminForm(forms.ModelForm):
    slug = lenient_slug_field(SLUG_FIELD)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "hero_image", "hero_caption", "section",
            "tags", "related_articles", "published_at", "unpublish_at", "featured", "home_position",
            "access",
        ]  # fmt: skip
        # A long title shows whole, on two or three lines (writing-desk.js keeps it on one
        # line of text: Enter is ignored, pasted line breaks become spaces).
        widgets = {"title": forms.Textarea(attrs={"rows": 2, "class": "writing-desk__title"})}

    transition_comment = forms.CharField(
        label="Commentaire pour l'historique",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Facultatif ; nécessaire pour demander des corrections. Envoyé à l'auteur "
        "ou aux éditeurs avec la notification.",
    )

    # Set by the admin (WorkflowAdminMixin.get_form): whose request this form is.
    workflow_user = None
    # The transition validated by clean(), applied by the admin when saving.
    workflow_rule = None
    # Set by clean() when an editor schedules or publishes over blocking checklist
    # items: the line the history records (articles.workflow.checklist_note).
    checklist_note = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The editor drops figures it cannot parse: give it old <figure data-image> in its
        # own format (a restored revision may predate images/0003_upgrade_body_figures).
        if self.initial.get("body"):
            self.initial["body"] = upgrade_legacy_figures(self.initial["body"])
        for name in SINGLE_LINE_FIELDS:
            if name in self.fields:
                self.fields[name].validators.append(validate_single_line_text)
        self._writing_desk_widgets()

    def _writing_desk_widgets(self):
        """The writing screen's live counters (static/articles/admin/writing-desk.js)."""
        for name, (limit, advice) in COUNTED_FIELDS.items():
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"data-count-max": limit, "data-count-advice": advice}
                )
        if "standfirst" in self.fields:
            self.fields["standfirst"].widget.attrs.update({"rows": 4, "cols": 80})

    def clean_tags(self):
        # taggit's field has split the text into names; each is a tag's name, one line.
        names = self.cleaned_data.get("tags") or []
        for name in names:
            validate_single_line_text(name)
        return names

    def clean_slug(self):
        # "" when nothing usable was typed: clean() then derives the slug from the title.
        wanted = self.cleaned_data.get("slug")
        return french_slugify(wanted, max_length=SLUG_FIELD.max_length, fallback="")

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields:
            cleaned_data["slug"] = self._available_slug(cleaned_data)
        self._refuse_forged_fields()
        self._clean_dates(cleaned_data)
        self._clean_transition(cleaned_data)
        return cleaned_data

    def _is_editor(self):
        return self.workflow_user is not None and staff.is_editor(self.workflow_user)

    def _refuse_forged_fields(self):
        """A POST carrying a field this user's form does not have is refused outright."""
        names = SERVER_FIELDS if self._is_editor() else SERVER_FIELDS + EDITOR_FIELDS
        posted = {key.removesuffix("_0").removesuffix("_1") for key in self.data}
        forged = [name for name in names if name in posted]
        if forged:
            labels = ", ".join(
                FORM_ONLY_LABELS.get(name) or capfirst(Article._meta.get_field(name).verbose_name)
                for name in forged
            )
            self.add_error(
                None,
                f"Vous ne pouvez pas modifier ces champs : {labels}. Rien n'a été enregistré.",
            )

    def _date(self, cleaned_data, name):
        """The value the article will be saved with: the form's, or the stored one."""
        if name in self.fields:
            return cleaned_data.get(name)
        return getattr(self.instance, name)

    def _clean_dates(self, cleaned_data):
        if self.has_error("published_at") or self.has_error("unpublish_at"):
            return
        published_at = self._date(cleaned_data, "published_at")
        unpublish_at = self._date(cleaned_data, "unpublish_at")
        if (
            "unpublish_at" in self.fields
            and published_at
            and unpublish_at
            and unpublish_at <= published_at
        ):
            self.add_error(
                "unpublish_at",
                "La date de dépublication doit être postérieure à la date de publication.",
            )
        if (
            "published_at" in self.fields
            and published_at is None
            and self.instance.status in LIVE_STATUSES
            and not self.data.get(TRANSITION_FIELD)
        ):
            self.add_error(
                "published_at", "Un article programmé ou publié doit avoir une date de publication."
            )

    def _clean_transition(self, cleaned_data):
        name = self.data.get(TRANSITION_FIELD, "")
        if not name:
            return
        if self.workflow_user is None:
            self.add_error(None, "Action impossible.")
            return
        if self.has_error("published_at") or self.has_error("unpublish_at"):
            return
        now = timezone.now()
        published_at = self._date(cleaned_data, "published_at")
        try:
            rule = workflow.check(
                self.workflow_user,
                self.instance,
                name,
                published_at=published_at,
                unpublish_at=self._date(cleaned_data, "unpublish_at"),
                comment=cleaned_data.get("transition_comment", ""),
                now=now,
            )
            if rule.name in workflow.CHECKLIST_RULES:
                # What will be saved: this form's fields and the posted bylines.
                at = workflow.publication_date_after(rule, published_at, now)
                items = checklist.evaluate(values_of_form(self, self.instance, at=at))
                override = bool(cleaned_data.get("checklist_override"))
                self.checklist_note = workflow.checklist_note(rule, items, override=override)
        except workflow.WorkflowError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return
        self.workflow_rule = rule

    def _available_slug(self, cleaned_data):
        """A slug no other article, nor a sister section of the article, uses.

        Needs the section, hence done in clean() rather than clean_slug(). The check
        runs on a throwaway copy so an invalid form leaves the instance untouched.
        """
        section = cleaned_data.get("section")
        probe = Article(
            pk=self.instance.pk,
            title=cleaned_data.get("title") or self.instance.title,
            section_id=section.pk if section else self.instance.section_id,
        )
        return probe.available_slug(cleaned_data.get("slug") or None)


class ArticlePublisherForm(ArticleAdminForm):
    signal_update = forms.BooleanField(
        label="Signaler une mise à jour (affiche « Mis à jour le »)",
        required=False,
        help_text="À cocher pour une modification de fond : les lecteurs verront la date "
        "de mise à jour. Inutile pour corriger une coquille.",
    )
    checklist_override = forms.BooleanField(
        label="Publier malgré la liste de contrôle",
        required=False,
        help_text="Programme ou publie même si la liste de contrôle signale des points à "
        "corriger. Noté dans l'historique de l'article, avec ces points.",
    )
